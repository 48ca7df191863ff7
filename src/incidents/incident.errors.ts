import { AuthError } from '../auth/auth.errors';
import { DomainError, DomainErrorKind } from '../infrastructure/http/domain-error';

/** Every failure of the incidents feature; `code` is stable for API clients and the console. */
export type IncidentErrorCode =
  | 'INCIDENT_NOT_FOUND'
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
  | 'INCIDENT_SPLIT_INVALID'
  | 'INCIDENT_REVIEW_NOT_PENDING';

export class IncidentError extends DomainError {
  constructor(kind: DomainErrorKind, code: IncidentErrorCode, message: string, details?: unknown) {
    super(kind, code, message, details);
  }
}

export const incidentNotFound = (id: string) =>
  new IncidentError('not_found', 'INCIDENT_NOT_FOUND', `事件 ${id} 不存在`);

/**
 * Beyond the principal's reach: the code README documents for every refusal of reach (AUTH_OUT_OF_SCOPE), so an
 * incident route answers like every other route.
 */
export const incidentOutOfScope = (id: string, message = `事件 ${id} 不在您的管辖范围内`) =>
  new AuthError('forbidden', 'AUTH_OUT_OF_SCOPE', message);

export const staleVersion = (id: string, expected: number, actual: number) =>
  new IncidentError(
    'conflict',
    'INCIDENT_STALE_VERSION',
    `事件 ${id} 已被他人修改（您的版本 ${expected}，当前版本 ${actual}），请刷新后重试`,
    { expectedVersion: expected, currentVersion: actual },
  );

export const badInput = (message: string) => new IncidentError('invalid', 'INCIDENT_BAD_INPUT', message);

/** One limit for every note and reason typed by a person, API and console alike: refused, never cut. */
export const COMMENT_MAX = 4000;
export const COMMENT_TOO_LONG = `备注最多 ${COMMENT_MAX} 字，请精简后再提交`;

export function assertCommentLength(text: string | undefined | null): void {
  if (text && text.length > COMMENT_MAX) throw badInput(`${COMMENT_TOO_LONG}（当前 ${text.length} 字）`);
}
