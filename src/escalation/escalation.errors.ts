import { DomainError, DomainErrorKind } from '../infrastructure/http/domain-error';

/** Every failure of the escalation feature; `code` is stable for API clients and the console. */
export type EscalationErrorCode =
  | 'ESCALATION_POLICY_INVALID'
  | 'ESCALATION_POLICY_UNKNOWN'
  | 'ESCALATION_RULE_INVALID'
  | 'ESCALATION_RULE_NOT_FOUND'
  | 'ESCALATION_SUBJECT_NOT_FOUND'
  | 'ESCALATION_CLOCK_NOT_FOUND'
  | 'ESCALATION_CLOCK_INVALID'
  | 'ESCALATION_CLOCK_ORDER'
  | 'ESCALATION_EXTENSION_NOT_FOUND'
  | 'ESCALATION_EXTENSION_INVALID'
  | 'ESCALATION_EXTENSION_DECIDED'
  | 'ESCALATION_LINK_INPUT'
  | 'ESCALATION_BAD_INPUT';

export class EscalationError extends DomainError {
  constructor(kind: DomainErrorKind, code: EscalationErrorCode, message: string, details?: unknown) {
    super(kind, code, message, details);
  }
}

export const escalationError = (
  kind: DomainErrorKind,
  code: EscalationErrorCode,
  message: string,
  details?: unknown,
) => new EscalationError(kind, code, message, details);
