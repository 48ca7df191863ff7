/** What kind of failure a domain error is; the exception filter maps kinds to HTTP statuses. */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/**
 * Base of every feature's error. Services throw these (never HTTP exceptions); `code` is the feature's own
 * machine-readable code, e.g. `ORG_CSV_INVALID`, `INCIDENT_STALE_VERSION`.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
