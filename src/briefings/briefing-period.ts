import { officialCalendar, WorkdayCalendar } from '../escalation/engine/working-time';

/**
 * Periods of the 舆情日报 and 周报, in Asia/Shanghai (fixed UTC+8, no daylight saving). Pure.
 *
 * A daily briefing is keyed by its date and covers the time since the previous working day's briefing: the one of
 * Monday 08:30 covers Friday 08:30 → Monday 08:30, so a weekend's incidents are in it. A weekly briefing is keyed by
 * the ISO week it reports on (Monday 00:00 → next Monday 00:00) and goes out in the week after.
 */
export type BriefingKind = 'daily' | 'weekly';
export const BRIEFING_KINDS: readonly BriefingKind[] = ['daily', 'weekly'];

export interface BriefingPeriod {
  kind: BriefingKind;
  /** 'YYYY-MM-DD' (daily) or 'YYYY-Www' (weekly). */
  key: string;
  start: Date;
  end: Date;
}

export interface BriefingSchedule {
  /** 'HH:MM' local time of the daily briefing (default 08:30). */
  dailyTime: string;
  /** 'HH:MM' local time of the weekly briefing. */
  weeklyTime: string;
  /** ISO weekday of the weekly briefing, 1 = Monday. */
  weeklyDay: number;
}

export const DEFAULT_SCHEDULE: BriefingSchedule = { dailyTime: '08:30', weeklyTime: '08:30', weeklyDay: 1 };

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isDateKey(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function isWeekKey(v: unknown): v is string {
  const m = typeof v === 'string' ? WEEK_RE.exec(v) : null;
  if (!m) return false;
  const w = Number(m[2]);
  return w >= 1 && w <= weeksInYear(Number(m[1]));
}

export function isTimeOfDay(v: unknown): v is string {
  return typeof v === 'string' && TIME_RE.test(v);
}

/** The instant of a local date and 'HH:MM' in Shanghai. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS);
}

export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function weeksInYear(y: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOf(`${y}-12-28`).endsWith('53') ? 53 : 52;
}

/** The ISO week of a date, 'YYYY-Www'. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date)); // the week belongs to the year of its Thursday
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function weekMonday(week: string): string {
  const m = WEEK_RE.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const jan4 = `${m[1]}-01-04`; // always in week 1
  return addDays(jan4, 1 - isoWeekday(jan4) + (Number(m[2]) - 1) * 7);
}

function previousWorkingDay(date: string, calendar: WorkdayCalendar): string {
  for (let d = addDays(date, -1), i = 0; i < 60; d = addDays(d, -1), i++) if (calendar(d)) return d;
  throw new RangeError(`no working day in the 60 days before ${date}`);
}

export function dailyPeriod(
  date: string,
  schedule: BriefingSchedule = DEFAULT_SCHEDULE,
  calendar: WorkdayCalendar = officialCalendar,
): BriefingPeriod {
  if (!isDateKey(date)) throw new RangeError(`not a date: ${date}`);
  const t = schedule.dailyTime;
  return {
    kind: 'daily',
    key: date,
    start: shanghaiInstant(previousWorkingDay(date, calendar), t),
    end: shanghaiInstant(date, t),
  };
}

export function weeklyPeriod(week: string): BriefingPeriod {
  if (!isWeekKey(week)) throw new RangeError(`not an ISO week: ${week}`);
  const monday = weekMonday(week);
  return {
    kind: 'weekly',
    key: week,
    start: shanghaiInstant(monday),
    end: shanghaiInstant(addDays(monday, 7)),
  };
}

/**
 * The daily briefing due at `now`: today's, once today is a working day and its hour has passed. Only today's: a
 * restart later the same day catches up the missed hour, but a day the service was down entirely is not sent the
 * next morning (it would arrive beside that day's own briefing, already stale).
 */
export function dailyDue(
  now: Date,
  schedule: BriefingSchedule = DEFAULT_SCHEDULE,
  calendar: WorkdayCalendar = officialCalendar,
): BriefingPeriod | null {
  const today = localDate(now);
  if (!calendar(today) || now < shanghaiInstant(today, schedule.dailyTime)) return null;
  return dailyPeriod(today, schedule, calendar);
}

/** The day of a week the weekly briefing goes out: the configured weekday, or the first working day after it. */
export function weeklySendDay(
  monday: string,
  schedule: BriefingSchedule = DEFAULT_SCHEDULE,
  calendar: WorkdayCalendar = officialCalendar,
): string {
  const day = addDays(monday, schedule.weeklyDay - 1);
  for (let d = day; d < addDays(monday, 7); d = addDays(d, 1)) if (calendar(d)) return d;
  return day; // a week without a working day left (Golden Week): still on the configured day
}

/** The weekly briefing due at `now` (about the previous ISO week), from its send day's hour to the week's end. */
export function weeklyDue(
  now: Date,
  schedule: BriefingSchedule = DEFAULT_SCHEDULE,
  calendar: WorkdayCalendar = officialCalendar,
): BriefingPeriod | null {
  const today = localDate(now);
  const monday = addDays(today, 1 - isoWeekday(today));
  const sendAt = shanghaiInstant(weeklySendDay(monday, schedule, calendar), schedule.weeklyTime);
  if (now < sendAt) return null;
  return weeklyPeriod(isoWeekOf(addDays(monday, -7)));
}
