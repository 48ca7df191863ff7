import { officialCalendar, WorkdayCalendar } from '../../escalation/engine/working-time';
import { addMonths, MonthKey, monthOf, shanghaiDate } from '../figures/statistics-month';

/**
 * When the monthly bulletin goes out: on the first WORKING day of the month (official calendar with 调休 make-up
 * days, from chinese-days via the escalation module's calendar), about the month before. Pure.
 */
export function firstWorkingDay(month: MonthKey, calendar: WorkdayCalendar = officialCalendar): string {
  for (let d = 1; d <= 31; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (calendar(day)) return day;
  }
  throw new RangeError(`no working day in ${month}`);
}

/** The month whose bulletin is due at `now`, or null when today is not the first working day of its month. */
export function bulletinDue(now: Date, calendar: WorkdayCalendar = officialCalendar): MonthKey | null {
  const month = monthOf(now);
  return shanghaiDate(now) === firstWorkingDay(month, calendar) ? addMonths(month, -1) : null;
}
