/**
 * 申请复核 (a unit head's review request from a mail link, written by src/escalation as a `review_requested` event)
 * and its answer. Whether a request is pending is read from the stored timeline every time — no state of its own:
 * a request is pending until a later event answers it (复核结论 `review_answered`, or a dismissal, which settles a
 * claim of 误报 too). The SQL below and `pendingReview` say the same thing, one for lists, one for a loaded timeline.
 */
export const REVIEW_REQUESTED = 'review_requested';
export const REVIEW_ANSWERED = 'review_answered';
const ANSWERS = [REVIEW_ANSWERED, 'dismiss'] as const;

export const REVIEW_DECISIONS = ['uphold', 'regrade', 'dismiss'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  uphold: '维持原研判',
  regrade: '改判等级',
  dismiss: '改判为误报（排除）',
};

/** SQL: whether incident `alias` has a pending review request (uses incident_events (incident_id, id)). */
export function reviewPendingSql(alias = 'i'): string {
  return `coalesce((SELECT max(r.id) FROM incident_events r WHERE r.incident_id = ${alias}.id
      AND r.action = '${REVIEW_REQUESTED}'), 0) > coalesce((SELECT max(a.id) FROM incident_events a
      WHERE a.incident_id = ${alias}.id AND a.action IN (${ANSWERS.map((x) => `'${x}'`).join(', ')})), 0)`;
}

export interface ReviewEvent {
  id: string;
  at: Date;
  action: string;
  after: Record<string, unknown> | null;
  comment: string | null;
}

export interface PendingReview {
  eventId: string;
  at: Date;
  /** Who asked (the address the link was sent to). */
  by: string;
  reason: string;
}

/** The latest unanswered request of a timeline in id order, or null. */
export function pendingReview(events: readonly ReviewEvent[]): PendingReview | null {
  let pending: PendingReview | null = null;
  for (const e of events) {
    if (e.action === REVIEW_REQUESTED) {
      const a = e.after ?? {};
      pending = {
        eventId: e.id,
        at: e.at,
        by: typeof a.by === 'string' ? a.by : '单位负责人',
        reason: typeof a.reason === 'string' ? a.reason : (e.comment ?? ''),
      };
    } else if ((ANSWERS as readonly string[]).includes(e.action)) {
      pending = null;
    }
  }
  return pending;
}
