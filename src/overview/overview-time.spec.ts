import { beijingDayStart, beijingWeekStart } from './overview-time';

describe('overview time boundaries (Beijing)', () => {
  it('starts the day at Beijing midnight, also just after it', () => {
    // 2026-12-02 16:30Z is 2026-12-03 00:30 in Beijing
    expect(beijingDayStart(new Date('2026-12-02T16:30:00Z')).toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(beijingDayStart(new Date('2026-12-02T15:59:00Z')).toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('starts the week on Monday', () => {
    // Thursday 2026-12-03 in Beijing → Monday 2026-11-30
    expect(beijingWeekStart(new Date('2026-12-03T04:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    // Sunday 2026-12-06 in Beijing still belongs to the week of Monday 2026-11-30
    expect(beijingWeekStart(new Date('2026-12-06T12:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    // Monday itself
    expect(beijingWeekStart(new Date('2026-11-30T01:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});
