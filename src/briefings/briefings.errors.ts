import { DomainError } from '../infrastructure/http/domain-error';

/** Errors of the briefings; the global filter maps their kind to the HTTP status. */
export class BriefingError extends DomainError {}

export const briefingNotFound = (id: string) =>
  new BriefingError('not_found', 'BRIEFING_NOT_FOUND', `简报 ${id} 不存在`);

export const subscriptionNotFound = (id: string) =>
  new BriefingError('not_found', 'BRIEFING_SUBSCRIPTION_NOT_FOUND', `订阅 ${id} 不存在`);

export const subscriptionForbidden = () =>
  new BriefingError('forbidden', 'BRIEFING_SUBSCRIPTION_FORBIDDEN', '单位负责人不能管理简报订阅');

export const subscriptionTarget = () =>
  new BriefingError(
    'invalid',
    'BRIEFING_SUBSCRIPTION_TARGET',
    '请指定联系人角色（role）或邮箱（email）其中之一',
  );
