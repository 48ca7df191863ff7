import {
  formatDuration,
  formatShanghai,
  formatShanghaiLong,
  formatSpan,
  formatTimeLeft,
} from './time-format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatShanghai', () => {
  it('shows UTC+8 wall time, crossing the date line at 16:00 UTC', () => {
    expect(formatShanghai(new Date('2026-11-02T01:05:07Z'))).toBe('2026-11-02 09:05');
    expect(formatShanghai(new Date('2026-11-02T01:05:07Z'), { seconds: true })).toBe('2026-11-02 09:05:07');
    expect(formatShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    expect(formatShanghai(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31 23:59');
  });
  it('has a long form with the weekday', () => {
    expect(formatShanghaiLong(new Date('2026-11-02T01:05:00Z'))).toBe('2026年11月2日（周一）09:05');
    expect(formatShanghaiLong(new Date('2026-11-07T16:30:00Z'))).toBe('2026年11月8日（周日）00:30');
  });
  it('refuses an invalid date instead of printing NaN', () => {
    expect(() => formatShanghai(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatSpan / formatDuration', () => {
  it('spells spans in Chinese, rounded down to the minute, without zero parts', () => {
    expect(formatSpan(80 * MIN)).toBe('1 小时 20 分');
    expect(formatSpan(2 * HOUR)).toBe('2 小时');
    expect(formatSpan(5 * MIN + 59_000)).toBe('5 分');
    expect(formatSpan(26 * HOUR + 7 * MIN)).toBe('1 天 2 小时');
    expect(formatSpan(72 * HOUR + 30 * MIN)).toBe('3 天');
    expect(formatSpan(59_000)).toBe('不足 1 分');
  });
  it('says time left or overdue', () => {
    expect(formatDuration(80 * MIN)).toBe('还剩 1 小时 20 分');
    expect(formatDuration(-5 * MIN - 30_000)).toBe('已超时 5 分');
    expect(formatDuration(-(2 * HOUR + 1 * MIN))).toBe('已超时 2 小时 1 分');
    expect(formatDuration(30_000)).toBe('还剩不足 1 分');
    expect(formatDuration(0)).toBe('刚刚到期');
    expect(formatDuration(-59_000)).toBe('刚刚到期');
  });
  it('formatTimeLeft compares a deadline with now', () => {
    const now = new Date('2026-11-02T01:00:00Z');
    expect(formatTimeLeft(new Date('2026-11-02T03:30:00Z'), now)).toBe('还剩 2 小时 30 分');
    expect(formatTimeLeft(new Date('2026-11-02T00:45:00Z'), now)).toBe('已超时 15 分');
  });
});
