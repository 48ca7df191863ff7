/**
 * Deadline arithmetic on the official Chinese calendar (pure functions, unit-tested in working-time.spec.ts).
 *
 * Ⅰ/Ⅱ clocks run round the clock; Ⅲ/Ⅳ clocks may count working time only: the working periods of a working day
 * (default 09:00–12:00 and 13:30–17:30, Asia/Shanghai). A working day is a weekday that is not a public holiday, or a
 * weekend day that the State Council declared a make-up workday (调休) — both from the `chinese-days` package, which
 * tracks the yearly 国务院办公厅 holiday notices. The result is always the real instant, ready to store and display.
 *
 * Asia/Shanghai is a fixed UTC+8 (no daylight saving since 1991), so local dates are plain arithmetic.
 */
import chineseDays from 'chinese-days';
import type { CalendarMode } from '../escalation.types';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** A deadline further away than this is a configuration mistake, not a reason to loop for ever. */
const MAX_DAYS_SCANNED = 800;

export interface WorkingPeriod {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

export type WorkingHours = readonly WorkingPeriod[];

/** Is this local date ('2026-10-10') a working day? Injectable so tests can pin a calendar. */
export type WorkdayCalendar = (localDate: string) => boolean;

export const officialCalendar: WorkdayCalendar = (d) => chineseDays.isWorkday(d);

export const DEFAULT_WORKING_HOURS = '09:00-12:00,13:30-17:30';

/** '09:00-12:00,13:30-17:30' → periods; throws on overlaps, bad times or an empty list. */
export function parseWorkingHours(spec: string): WorkingHours {
  const periods = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(p);
      if (!m) throw new Error(`working period "${p}" must look like 09:00-12:00`);
      const start = Number(m[1]) * 60 + Number(m[2]);
      const end = Number(m[3]) * 60 + Number(m[4]);
      if (Number(m[2]) > 59 || Number(m[4]) > 59 || end > 24 * 60 || start >= end) {
        throw new Error(`working period "${p}" is not a valid time range`);
      }
      return { start, end };
    })
    .sort((a, b) => a.start - b.start);
  if (periods.length === 0) throw new Error('at least one working period is needed');
  for (let i = 1; i < periods.length; i++) {
    if (periods[i].start < periods[i - 1].end) throw new Error('working periods must not overlap');
  }
  return periods;
}

/** Local midnight (as a UTC instant) of the Shanghai day containing `t`, and that day's 'YYYY-MM-DD'. */
export function shanghaiDay(t: Date): { midnight: number; key: string } {
  const local = t.getTime() + OFFSET_MS;
  const midnightLocal = Math.floor(local / DAY_MS) * DAY_MS;
  return { midnight: midnightLocal - OFFSET_MS, key: new Date(midnightLocal).toISOString().slice(0, 10) };
}

function dayKey(midnight: number): string {
  return new Date(midnight + OFFSET_MS).toISOString().slice(0, 10);
}

/** Is `t` inside a working period of a working day? */
export function isWorkingTime(
  t: Date,
  hours: WorkingHours,
  calendar: WorkdayCalendar = officialCalendar,
): boolean {
  const { midnight, key } = shanghaiDay(t);
  if (!calendar(key)) return false;
  const minute = (t.getTime() - midnight) / 60_000;
  return hours.some((p) => minute >= p.start && minute < p.end);
}

/**
 * `start` plus `minutes` of working time. Time outside working periods does not count; a deadline that falls exactly
 * on the end of a period stays there (17:30, not 09:00 the next working day). Zero minutes returns `start` itself.
 */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  hours: WorkingHours,
  calendar: WorkdayCalendar = officialCalendar,
): Date {
  if (!(minutes >= 0)) throw new RangeError('minutes must be zero or more');
  if (minutes === 0) return new Date(start);
  let remaining = minutes * 60_000;
  let { midnight } = shanghaiDay(start);
  let cursor = start.getTime();
  for (let day = 0; day < MAX_DAYS_SCANNED; day++, midnight += DAY_MS) {
    if (calendar(dayKey(midnight))) {
      for (const p of hours) {
        const from = Math.max(cursor, midnight + p.start * 60_000);
        const to = midnight + p.end * 60_000;
        if (from >= to) continue;
        if (to - from >= remaining) return new Date(from + remaining);
        remaining -= to - from;
      }
    }
    cursor = midnight + DAY_MS;
  }
  throw new RangeError(`no working time found within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
}

/**
 * The end of the n-th working day after `start` ("next working day" = 1). A working day counts when its first
 * working period begins after `start`: an incident at 20:00 on the Friday before 国庆 is due at the end of the first
 * working day after the holiday; one at 08:00 on a Monday is due at the end of that Monday.
 */
export function endOfWorkingDays(
  start: Date,
  days: number,
  hours: WorkingHours,
  calendar: WorkdayCalendar = officialCalendar,
): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  let { midnight } = shanghaiDay(start);
  let counted = 0;
  for (let day = 0; day < MAX_DAYS_SCANNED; day++, midnight += DAY_MS) {
    if (!calendar(dayKey(midnight))) continue;
    if (midnight + hours[0].start * 60_000 <= start.getTime()) continue;
    if (++counted === days) return new Date(midnight + hours[hours.length - 1].end * 60_000);
  }
  throw new RangeError(`no working day found within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
}

/** `start` plus `minutes`, of real time (24x7) or of working time. */
export function addMinutes(
  start: Date,
  minutes: number,
  mode: CalendarMode,
  hours: WorkingHours,
  calendar: WorkdayCalendar = officialCalendar,
): Date {
  return mode === 'working'
    ? addWorkingMinutes(start, minutes, hours, calendar)
    : new Date(start.getTime() + minutes * 60_000);
}

/** A clock's deadline: `minutes` (of real or working time) or the end of the n-th working day. */
export function deadline(
  start: Date,
  spec: { minutes?: number; workingDays?: number },
  mode: CalendarMode,
  hours: WorkingHours,
  calendar: WorkdayCalendar = officialCalendar,
): Date {
  if (spec.workingDays !== undefined) return endOfWorkingDays(start, spec.workingDays, hours, calendar);
  if (spec.minutes === undefined) throw new RangeError('a clock needs minutes or workingDays');
  return addMinutes(start, spec.minutes, mode, hours, calendar);
}
