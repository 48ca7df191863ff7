/**
 * Calendar months in Asia/Shanghai. China keeps a fixed UTC+8 (no daylight saving since 1991), so a month's
 * boundaries are plain arithmetic: 2026-10 = [2026-09-30T16:00Z, 2026-10-31T16:00Z).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM'. */
export type MonthKey = string;

/** The months the service accepts (a typo like 1026-10 should not compute a thousand-year trend). */
export const FIRST_MONTH: MonthKey = '2000-01';
export const LAST_MONTH: MonthKey = '2100-12';

/** Written YYYY-MM with a real month, whatever the year. */
export function looksLikeMonth(v: unknown): v is string {
  return typeof v === 'string' && MONTH_RE.test(v);
}

/** A month the service accepts: YYYY-MM within FIRST_MONTH … LAST_MONTH. */
export function isMonthKey(v: unknown): v is MonthKey {
  return looksLikeMonth(v) && v >= FIRST_MONTH && v <= LAST_MONTH;
}

function parts(month: MonthKey): { y: number; m: number } {
  const match = MONTH_RE.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

function key(y: number, m: number): MonthKey {
  const d = new Date(Date.UTC(y, m - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `n` months after (negative: before) `month`. */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const { y, m } = parts(month);
  return key(y, m + n);
}

/** First instant of the month in Shanghai, as a UTC Date. */
export function monthStart(month: MonthKey): Date {
  const { y, m } = parts(month);
  return new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
}

/** [start, end) of the month as UTC instants. */
export function monthRange(month: MonthKey): { start: Date; end: Date } {
  return { start: monthStart(month), end: monthStart(addMonths(month, 1)) };
}

/** Has the month begun at `now` (its first instant in Shanghai is not later than now)? */
export function monthStarted(month: MonthKey, now: Date): boolean {
  return monthStart(month).getTime() <= now.getTime();
}

/** Has the month ended at `now` (00:00 on the 1st of the next month in Shanghai has come)? */
export function monthEnded(month: MonthKey, now: Date): boolean {
  return monthRange(month).end.getTime() <= now.getTime();
}

/** The Shanghai calendar month an instant falls in. */
export function monthOf(at: Date): MonthKey {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return key(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026年10月 */
export function monthLabel(month: MonthKey): string {
  const { y, m } = parts(month);
  return `${y}年${m}月`;
}

/** The months `from` … `to` inclusive, oldest first. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
