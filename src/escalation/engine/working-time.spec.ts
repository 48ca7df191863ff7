import {
  addMinutes,
  addWorkingMinutes,
  deadline,
  endOfWorkingDays,
  isWorkingTime,
  officialCalendar,
  parseWorkingHours,
  shanghaiDay,
} from './working-time';

/** A Shanghai local time as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const hours = parseWorkingHours('09:00-12:00,13:30-17:30');

describe('official calendar (chinese-days)', () => {
  it('knows holidays and make-up workdays (调休)', () => {
    expect(officialCalendar('2026-10-01')).toBe(false); // 国庆
    expect(officialCalendar('2026-10-10')).toBe(true); // Saturday, 调休
    expect(officialCalendar('2022-10-08')).toBe(true); // Saturday, 调休
    expect(officialCalendar('2026-11-07')).toBe(false); // ordinary Saturday
    expect(officialCalendar('2026-11-09')).toBe(true); // ordinary Monday
  });
});

describe('parseWorkingHours', () => {
  it('parses and sorts periods', () => {
    expect(parseWorkingHours('13:30-17:30, 09:00-12:00')).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1050 },
    ]);
  });
  it.each(['', '9-12', '12:00-09:00', '09:00-12:00,11:00-13:00', '09:70-10:00', '09:00-25:00'])(
    'refuses %j',
    (spec) => expect(() => parseWorkingHours(spec)).toThrow(),
  );
});

describe('shanghaiDay', () => {
  it('uses the local date, not the UTC one', () => {
    expect(shanghaiDay(new Date('2026-10-09T17:00:00Z')).key).toBe('2026-10-10');
    expect(shanghaiDay(new Date('2026-10-09T15:59:00Z')).key).toBe('2026-10-09');
  });
});

describe('addWorkingMinutes', () => {
  it('stays inside one period', () => {
    expect(addWorkingMinutes(sh('2026-11-02 10:00'), 60, hours)).toEqual(sh('2026-11-02 11:00'));
  });
  it('skips the lunch break', () => {
    expect(addWorkingMinutes(sh('2026-11-02 11:30'), 60, hours)).toEqual(sh('2026-11-02 14:00'));
  });
  it('starts counting at 09:00 when started before work', () => {
    expect(addWorkingMinutes(sh('2026-11-02 07:00'), 60, hours)).toEqual(sh('2026-11-02 10:00'));
  });
  it('a deadline exactly at the end of the day stays at 17:30', () => {
    expect(addWorkingMinutes(sh('2026-11-02 16:30'), 60, hours)).toEqual(sh('2026-11-02 17:30'));
  });
  it('continues on Monday after an ordinary weekend', () => {
    expect(addWorkingMinutes(sh('2026-11-06 17:00'), 60, hours)).toEqual(sh('2026-11-09 09:30'));
  });
  it('an evening start counts from the next working morning', () => {
    expect(addWorkingMinutes(sh('2026-11-03 20:00'), 120, hours)).toEqual(sh('2026-11-04 11:00'));
  });
  it('skips the whole 国庆 holiday (Ⅲ, 2 h, started on the last afternoon before it)', () => {
    // 2026: 10-01…10-07 off; 30 minutes on 09-30, the remaining 90 on Thursday 10-08
    expect(addWorkingMinutes(sh('2026-09-30 17:00'), 120, hours)).toEqual(sh('2026-10-08 10:30'));
  });
  it('a 调休 Saturday counts as a working day', () => {
    // Friday 2026-10-09 17:00: 30 minutes that evening, the other 30 on Saturday 10-10 (make-up workday)
    expect(addWorkingMinutes(sh('2026-10-09 17:00'), 60, hours)).toEqual(sh('2026-10-10 09:30'));
  });
  it('an ordinary Saturday does not', () => {
    expect(addWorkingMinutes(sh('2026-10-16 17:00'), 60, hours)).toEqual(sh('2026-10-19 09:30'));
  });
  it('spans several days', () => {
    // 7 h per day: 14 h from Monday 09:00 ends Tuesday 17:30
    expect(addWorkingMinutes(sh('2026-11-02 09:00'), 14 * 60, hours)).toEqual(sh('2026-11-03 17:30'));
    expect(addWorkingMinutes(sh('2026-11-02 09:00'), 14 * 60 + 1, hours)).toEqual(sh('2026-11-04 09:01'));
  });
  it('zero minutes is the start itself, even outside working time', () => {
    expect(addWorkingMinutes(sh('2026-11-07 03:00'), 0, hours)).toEqual(sh('2026-11-07 03:00'));
  });
  it('takes a pinned calendar', () => {
    const everyDay = () => true;
    expect(addWorkingMinutes(sh('2026-10-01 17:00'), 60, hours, everyDay)).toEqual(sh('2026-10-02 09:30'));
  });
  it('refuses negative amounts', () => {
    expect(() => addWorkingMinutes(sh('2026-11-02 10:00'), -1, hours)).toThrow(RangeError);
  });
});

describe('endOfWorkingDays ("next working day")', () => {
  it('a Friday-evening Ⅳ incident before 国庆 is due at the end of the first working day after the holiday', () => {
    // 2022: 10-01…10-07 off, Saturday 10-08 and Sunday 10-09 are make-up workdays
    expect(endOfWorkingDays(sh('2022-09-30 20:00'), 1, hours)).toEqual(sh('2022-10-08 17:30'));
  });
  it('the Wednesday evening before 国庆 2026 → Thursday 10-08', () => {
    expect(endOfWorkingDays(sh('2026-09-30 20:00'), 1, hours)).toEqual(sh('2026-10-08 17:30'));
  });
  it('during the day: the next working day', () => {
    expect(endOfWorkingDays(sh('2026-11-02 10:00'), 1, hours)).toEqual(sh('2026-11-03 17:30'));
  });
  it('before work starts: the same day counts', () => {
    expect(endOfWorkingDays(sh('2026-11-02 08:00'), 1, hours)).toEqual(sh('2026-11-02 17:30'));
  });
  it('a Friday afternoon → Monday; two working days → Tuesday', () => {
    expect(endOfWorkingDays(sh('2026-11-06 15:00'), 1, hours)).toEqual(sh('2026-11-09 17:30'));
    expect(endOfWorkingDays(sh('2026-11-06 15:00'), 2, hours)).toEqual(sh('2026-11-10 17:30'));
  });
  it('refuses zero days', () => {
    expect(() => endOfWorkingDays(sh('2026-11-02 10:00'), 0, hours)).toThrow(RangeError);
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-11-02 09:00', true],
    ['2026-11-02 12:00', false],
    ['2026-11-02 13:29', false],
    ['2026-11-02 17:29', true],
    ['2026-10-10 10:00', true],
    ['2026-10-05 10:00', false],
  ])('%s → %s', (t, expected) => expect(isWorkingTime(sh(t), hours)).toBe(expected));
});

describe('addMinutes / deadline', () => {
  it('24x7 ignores weekends and holidays', () => {
    expect(addMinutes(sh('2026-10-01 23:50'), 15, '24x7', hours)).toEqual(sh('2026-10-02 00:05'));
  });
  it('working mode uses the calendar', () => {
    expect(addMinutes(sh('2026-10-01 23:50'), 15, 'working', hours)).toEqual(sh('2026-10-08 09:15'));
  });
  it('deadline takes minutes or working days', () => {
    expect(deadline(sh('2026-11-02 10:00'), { minutes: 30 }, '24x7', hours)).toEqual(sh('2026-11-02 10:30'));
    expect(deadline(sh('2026-11-02 10:00'), { workingDays: 1 }, 'working', hours)).toEqual(
      sh('2026-11-03 17:30'),
    );
    expect(() => deadline(sh('2026-11-02 10:00'), {}, '24x7', hours)).toThrow(RangeError);
  });
});
