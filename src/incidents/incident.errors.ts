import { DomainError, DomainErrorKind } from '../infrastructure/http/domain-error';

/** Every failure of the incidents feature; `code` is stable for API clients and the console. */
export type IncidentErrorCode =
  | 'INCIDENT_NOT_FOUND'
  | 'INCIDENT_OUT_OF_SCOPE'
  | 'INCIDENT_INVALID_TRANSITION'
  | 'INCIDENT_UNKNOWN_ACTION'
  | 'INCIDENT_DISMISS_REASON_REQUIRED'
  | 'INCIDENT_STALE_VERSION'
  | 'INCIDENT_CLAIMED'
  | 'INCIDENT_GRADE_LOWERING_NEEDS_PERSON'
  | 'INCIDENT_REASON_REQUIRED'
  | 'INCIDENT_BAD_INPUT'
  | 'INCIDENT_MERGED'
  | 'INCIDENT_MERGE_INVALID'
  | 'INCIDENT_SPLIT_INVALID';

export class IncidentError extends DomainError {
  constructor(kind: DomainErrorKind, code: IncidentErrorCode, message: string, details?: unknown) {
    super(kind, code, message, details);
  }
}

export const incidentNotFound = (id: string) =>
  new IncidentError('not_found', 'INCIDENT_NOT_FOUND', `事件 ${id} 不存在`);

export const incidentOutOfScope = (id: string) =>
  new IncidentError('forbidden', 'INCIDENT_OUT_OF_SCOPE', `事件 ${id} 不在您的管辖范围内`);

export const staleVersion = (id: string, expected: number, actual: number) =>
  new IncidentError(
    'conflict',
    'INCIDENT_STALE_VERSION',
    `事件 ${id} 已被他人修改（您的版本 ${expected}，当前版本 ${actual}），请刷新后重试`,
    { expectedVersion: expected, currentVersion: actual },
  );

export const badInput = (message: string) => new IncidentError('invalid', 'INCIDENT_BAD_INPUT', message);
