import { DomainError } from '../infrastructure/http/domain-error';

/** Errors of the monthly statistics; the global filter maps their kind to the HTTP status. */
export class StatisticsError extends DomainError {}

export const badMonth = (month: unknown) =>
  new StatisticsError(
    'invalid',
    'STATISTICS_BAD_MONTH',
    `月份 ${String(month)} 无效，应为 YYYY-MM，如 2026-10`,
  );

export const taskNotFound = (id: string) =>
  new StatisticsError('not_found', 'STATISTICS_TASK_NOT_FOUND', `情况说明任务 ${id} 不存在`);
