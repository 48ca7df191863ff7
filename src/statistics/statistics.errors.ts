import { DomainError } from '../infrastructure/http/domain-error';
import { formatShanghai } from '../notifications/time-format';
import {
  FIRST_MONTH,
  LAST_MONTH,
  looksLikeMonth,
  MonthKey,
  monthLabel,
  monthOf,
  monthRange,
} from './figures/statistics-month';

/** Errors of the monthly statistics; the global filter maps their kind to the HTTP status. */
export class StatisticsError extends DomainError {}

/** The code is the same for both cases (clients rely on it); the message names the rule that was broken. */
export const badMonth = (month: unknown) =>
  new StatisticsError(
    'invalid',
    'STATISTICS_BAD_MONTH',
    looksLikeMonth(month)
      ? `月份 ${month} 超出支持范围（${FIRST_MONTH} 至 ${LAST_MONTH}）`
      : `月份“${String(month)}”格式不对，应为 YYYY-MM，如 2026-10`,
  );

export const monthNotStarted = (month: MonthKey, now: Date) =>
  new StatisticsError(
    'invalid',
    'STATISTICS_MONTH_NOT_STARTED',
    `${monthLabel(month)}尚未开始（现在是${monthLabel(monthOf(now))}），没有可统计的数据`,
  );

export const monthNotEnded = (month: MonthKey) =>
  new StatisticsError(
    'conflict',
    'STATISTICS_MONTH_NOT_ENDED',
    `${monthLabel(month)}尚未结束，月底（北京时间 ${formatShanghai(monthRange(month).end)}）之后才能发布通报；` +
      '现在可以查看、下载截至目前的数据，或只生成草稿（publish: false，不发送、不下发情况说明）',
  );

export const taskNotFound = (id: string) =>
  new StatisticsError('not_found', 'STATISTICS_TASK_NOT_FOUND', `情况说明任务 ${id} 不存在`);
