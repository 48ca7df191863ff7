import {
  addMonths,
  isMonthKey,
  monthLabel,
  monthOf,
  monthRange,
  monthsBetween,
  shanghaiDate,
} from './statistics-month';

describe('Shanghai calendar months', () => {
  it('puts the boundaries of 2026-10 at 16:00 UTC of the last day of the months before and of the month', () => {
    const r = monthRange('2026-10');
    expect(r.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('assigns an instant after 16:00 UTC on the last day to the next month', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(monthOf(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10');
    expect(shanghaiDate(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11-01');
  });

  it('steps across years both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-10', -12)).toBe('2025-10');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-12').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('validates month keys and labels them in Chinese', () => {
    expect(isMonthKey('2026-10')).toBe(true);
    expect(isMonthKey('2026-13')).toBe(false);
    expect(isMonthKey('2026-1')).toBe(false);
    expect(isMonthKey('1999-12')).toBe(false);
    expect(isMonthKey(202610)).toBe(false);
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });
});
