import { IsDateString } from 'class-validator';

/**
 * An ISO 8601 date or date-time that exists on the calendar: class-validator's default lets 2026-02-30 through, and
 * `new Date()` then rolls it into March (a simulated deadline, a token's expiry, a 督办 due date silently moved).
 * One decorator for every DTO field that takes a date.
 */
export const IsRealDateTime = () =>
  IsDateString(
    { strict: true },
    { message: '$property 应为真实存在的 ISO 8601 日期时间，如 2026-11-02T09:00:00+08:00' },
  );
