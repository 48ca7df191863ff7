import { bulletinMonth, viewableMonth } from './bulletin-month';
import { monthEnded, monthStarted } from '../figures/statistics-month';

/** Instants are UTC; November 2026 in Shanghai is [2026-10-31T16:00Z, 2026-11-30T16:00Z). */
const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('which months a bulletin can be made for', () => {
  it('starts and ends months at midnight in Shanghai, not in UTC', () => {
    expect(monthStarted('2026-11', new Date('2026-10-31T15:59:59Z'))).toBe(false);
    expect(monthStarted('2026-11', new Date('2026-10-31T16:00:00Z'))).toBe(true);
    expect(monthEnded('2026-11', new Date('2026-11-30T15:59:59Z'))).toBe(false);
    expect(monthEnded('2026-11', new Date('2026-11-30T16:00:00Z'))).toBe(true);
  });

  it('publishes a month only once it has ended; a draft or a view of the current month is allowed', () => {
    const lastSecond = new Date('2026-11-30T15:59:59Z');
    const midnight = new Date('2026-11-30T16:00:00Z');
    expect(code(() => bulletinMonth('2026-11', lastSecond, true))).toBe('STATISTICS_MONTH_NOT_ENDED');
    expect(bulletinMonth('2026-11', midnight, true)).toBe('2026-11');
    expect(bulletinMonth('2026-11', lastSecond, false)).toBe('2026-11');
    expect(viewableMonth('2026-11', lastSecond)).toBe('2026-11');
    expect(bulletinMonth('2026-10', lastSecond, true)).toBe('2026-10');
  });

  it('refuses a month not begun, even as a draft or a view, and months outside the supported range', () => {
    const now = new Date('2026-11-02T01:00:00Z');
    expect(code(() => bulletinMonth('2027-05', now, true))).toBe('STATISTICS_MONTH_NOT_STARTED');
    expect(code(() => bulletinMonth('2026-12', now, false))).toBe('STATISTICS_MONTH_NOT_STARTED');
    expect(code(() => viewableMonth('2026-12', now))).toBe('STATISTICS_MONTH_NOT_STARTED');
    expect(code(() => viewableMonth('1999-12', now))).toBe('STATISTICS_BAD_MONTH');
    expect(code(() => viewableMonth('2026-1', now))).toBe('STATISTICS_BAD_MONTH');
    expect(code(() => viewableMonth(undefined, now))).toBe('STATISTICS_BAD_MONTH');
  });

  it('says which rule a month breaks', () => {
    const now = new Date('2026-11-02T01:00:00Z');
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message(() => viewableMonth('1999-01', now))).toBe(
      '月份 1999-01 超出支持范围（2000-01 至 2100-12）',
    );
    expect(message(() => viewableMonth('2026-13', now))).toBe(
      '月份“2026-13”格式不对，应为 YYYY-MM，如 2026-10',
    );
    expect(message(() => bulletinMonth('2026-11', now, true))).toMatch(
      /^2026年11月尚未结束，月底（北京时间 2026-12-01 00:00）之后才能发布通报/,
    );
  });
});
