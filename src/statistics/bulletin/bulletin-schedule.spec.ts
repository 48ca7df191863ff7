import { bulletinDue, firstWorkingDay } from './bulletin-schedule';

describe('bulletin schedule (official calendar)', () => {
  it('finds the first working day after holidays and on make-up workdays', () => {
    expect(firstWorkingDay('2026-10')).toBe('2026-10-08'); // 国庆 1–7 October
    expect(firstWorkingDay('2026-11')).toBe('2026-11-02'); // 1 November is a Sunday
    expect(firstWorkingDay('2026-01')).toBe('2026-01-04'); // 元旦 1–3 January; Sunday the 4th is a make-up workday
    expect(firstWorkingDay('2026-05')).toBe('2026-05-06'); // 劳动节 1–5 May
  });

  it('is due on that day only, in Shanghai time, for the previous month', () => {
    expect(bulletinDue(new Date('2026-11-02T01:00:00Z'))).toBe('2026-10');
    expect(bulletinDue(new Date('2026-11-01T16:00:00Z'))).toBe('2026-10'); // 00:00 on 2 November in Shanghai
    expect(bulletinDue(new Date('2026-11-01T15:59:00Z'))).toBeNull(); // still Sunday 1 November
    expect(bulletinDue(new Date('2026-11-03T01:00:00Z'))).toBeNull();
    expect(bulletinDue(new Date('2026-10-08T01:00:00Z'))).toBe('2026-09');
    expect(bulletinDue(new Date('2026-10-01T01:00:00Z'))).toBeNull();
    expect(bulletinDue(new Date('2026-01-04T01:00:00Z'))).toBe('2025-12');
  });

  it('takes an injected calendar', () => {
    const weekdaysOnly = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(firstWorkingDay('2026-10', weekdaysOnly)).toBe('2026-10-01');
  });
});
