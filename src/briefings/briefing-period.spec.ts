import {
  dailyDue,
  dailyPeriod,
  isoWeekOf,
  isWeekKey,
  weeklyDue,
  weeklyPeriod,
  weekMonday,
} from './briefing-period';

const iso = (d: Date | undefined) => d?.toISOString();

describe('briefing periods (Asia/Shanghai, official calendar)', () => {
  it('a daily briefing covers the time since the previous working day’s briefing', () => {
    const thu = dailyPeriod('2026-12-03');
    expect([iso(thu.start), iso(thu.end)]).toEqual(['2026-12-02T00:30:00.000Z', '2026-12-03T00:30:00.000Z']);
    const mon = dailyPeriod('2026-12-07'); // Friday 08:30 → Monday 08:30
    expect(iso(mon.start)).toBe('2026-12-04T00:30:00.000Z');
    const afterHoliday = dailyPeriod('2026-10-08'); // National Day 1–7 October 2026: since 30 September
    expect(iso(afterHoliday.start)).toBe('2026-09-30T00:30:00.000Z');
  });

  it('is due at 08:30 on a working day, not before, not on a holiday, and catches up later the same day', () => {
    expect(dailyDue(new Date('2026-12-03T00:29:59Z'))).toBeNull();
    expect(dailyDue(new Date('2026-12-03T00:30:00Z'))?.key).toBe('2026-12-03');
    expect(dailyDue(new Date('2026-12-03T07:00:00Z'))?.key).toBe('2026-12-03');
    expect(dailyDue(new Date('2026-10-01T00:30:00Z'))).toBeNull(); // 国庆节
    expect(dailyDue(new Date('2026-12-05T02:00:00Z'))).toBeNull(); // Saturday
    const custom = { dailyTime: '17:00', weeklyTime: '09:00', weeklyDay: 1 };
    expect(dailyDue(new Date('2026-12-03T08:59:00Z'), custom)).toBeNull();
    expect(dailyDue(new Date('2026-12-03T09:00:00Z'), custom)?.key).toBe('2026-12-03');
  });

  it('numbers ISO weeks, including week 53 and weeks across a new year', () => {
    expect(isoWeekOf('2026-12-03')).toBe('2026-W49');
    expect(weekMonday('2026-W49')).toBe('2026-11-30');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isWeekKey('2026-W53')).toBe(true);
    expect(isWeekKey('2025-W53')).toBe(false);
    expect(weekMonday('2026-W01')).toBe('2025-12-29');
    const w = weeklyPeriod('2026-W49');
    expect([iso(w.start), iso(w.end)]).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z']);
  });

  it('the weekly briefing reports on last week from Monday 08:30, or from the first working day after a holiday', () => {
    expect(weeklyDue(new Date('2026-12-07T00:29:00Z'))).toBeNull();
    expect(weeklyDue(new Date('2026-12-07T00:30:00Z'))?.key).toBe('2026-W49');
    expect(weeklyDue(new Date('2026-12-10T03:00:00Z'))?.key).toBe('2026-W49'); // catch-up in the week
    // Monday 5 October 2026 is in the National Day holiday: the weekly goes out on Thursday 8 October
    expect(weeklyDue(new Date('2026-10-07T03:00:00Z'))).toBeNull();
    expect(weeklyDue(new Date('2026-10-08T00:30:00Z'))?.key).toBe('2026-W40');
  });
});
