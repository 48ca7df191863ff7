import { isISO8601, ValidateBy } from 'class-validator';

/**
 * PostgreSQL refuses a UTC offset past ±15:59 (`time zone displacement out of range`, a 500 before this rule), and
 * no zone on Earth is further from UTC than +14:00 (Kiribati) or −12:00; ±14:00 is the bound ISO 8601 users expect.
 */
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

const ZONE_SUFFIX = /(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;
const CALENDAR_START = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;

/**
 * Whether the value's trailing UTC offset (`Z`, `±HH`, `±HHMM`, `±HH:MM`) is one that exists: at most ±14:00 and
 * minutes below 60. A value without an offset passes (it is read as China time). Bounded: looks at the last 6 chars.
 */
export function hasRealUtcOffset(value: string): boolean {
  const time = value.indexOf('T') >= 0 ? value.indexOf('T') : value.indexOf(' ');
  if (time < 0) return true; // a bare date has no offset
  const m = ZONE_SUFFIX.exec(value.slice(Math.max(time + 1, value.length - 6)));
  if (!m || m[1] === undefined) return true;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  return minutes < 60 && hours * 60 + minutes <= MAX_UTC_OFFSET_MINUTES;
}

/**
 * Whether a value is a real ISO 8601 calendar date or date-time with a real offset: the rule IsRealDateTime applies.
 */
export function isRealDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 40 &&
    CALENDAR_START.test(value) &&
    isISO8601(value, { strict: true }) &&
    hasRealUtcOffset(value)
  );
}

export const REAL_DATE_TIME_RULE =
  '应为真实存在的 ISO 8601 日期时间或日期（时区偏移不超过 ±14:00），如 2026-11-02T09:00:00+08:00 或 2026-11-02';

/**
 * An ISO 8601 date or date-time that exists on the calendar, with an offset that exists: class-validator's default
 * lets 2026-02-30 through, and `new Date()` then rolls it into March (a simulated deadline, a token's expiry, a 督办
 * due date silently moved); an offset of +99:99 or −23:59 reaches PostgreSQL, which fails the query. Week and
 * ordinal dates (2026-W01, 2026-123) are refused: nobody types them, and PostgreSQL does not read them.
 * One decorator for every DTO field that takes a date.
 */
export const IsRealDateTime = () =>
  ValidateBy({
    name: 'isRealDateTime',
    validator: {
      validate: (value: unknown) => isRealDateTime(value),
      defaultMessage: (args) => `${args?.property ?? '日期'} ${REAL_DATE_TIME_RULE}`,
    },
  });
