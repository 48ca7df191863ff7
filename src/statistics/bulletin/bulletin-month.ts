import { badMonth, monthNotEnded, monthNotStarted } from '../statistics.errors';
import { isMonthKey, MonthKey, monthEnded, monthStarted } from '../figures/statistics-month';

/**
 * Which months the statistics can be shown and published for — the one rule every route shares: the API and the
 * console pages (StatisticsReportService), the CLI report (the same service), POST /api/statistics/bulletins and the
 * daily scheduler (both through MonthlyBulletinJob.run). "Now" is the injected clock's; months are Shanghai months.
 *
 * - A month that has not begun has nothing in it: refused everywhere (400), so nobody files an empty bulletin.
 * - The current month can be viewed and downloaded as it stands, and kept as a draft — useful during the month.
 * - Publishing freezes the figures for good (published rows cannot change), mails them and opens explanation tasks
 *   (情况说明) from the ranking, so it waits until the month has ended (409): a week of data is not a month's
 *   bulletin (按月统计通报).
 */
export function viewableMonth(month: unknown, now: Date): MonthKey {
  if (!isMonthKey(month)) throw badMonth(month);
  if (!monthStarted(month, now)) throw monthNotStarted(month, now);
  return month;
}

/** viewableMonth, and for publication also ended. */
export function bulletinMonth(month: unknown, now: Date, publish: boolean): MonthKey {
  const m = viewableMonth(month, now);
  if (publish && !monthEnded(m, now)) throw monthNotEnded(m);
  return m;
}
