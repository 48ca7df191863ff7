/** Day and week boundaries in Beijing time (UTC+8, no daylight saving), as the bureaus count "today". Pure. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Midnight of `now`'s Beijing day. */
export function beijingDayStart(now: Date): Date {
  const local = now.getTime() + OFFSET_MS;
  return new Date(local - (local % DAY_MS) - OFFSET_MS);
}

/** Monday 00:00 of `now`'s Beijing week (Chinese weeks start on Monday). */
export function beijingWeekStart(now: Date): Date {
  const day = beijingDayStart(now);
  const weekday = new Date(day.getTime() + OFFSET_MS).getUTCDay(); // 0 = Sunday
  return new Date(day.getTime() - ((weekday + 6) % 7) * DAY_MS);
}
