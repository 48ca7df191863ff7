/**
 * The incident lifecycle — the ONLY place that says which status may follow which (issue 5 §3):
 *
 *   new       → confirmed | dismissed
 *   confirmed → acknowledged → reported → responded → closed
 *   closed    → reopened (回头看)
 *   dismissed → confirmed (复核, review)
 *
 * Two additions, each required by another line of issue 5 and nothing more:
 *   - confirmed → dismissed, but only while the confirmation was automatic (an incident created at grade Ⅰ/Ⅱ "is
 *     treated as confirmed at once and may be dismissed later"); a person's confirmation is never undone by dismissal.
 *   - reopened  → responded | closed: a look-back (回头看) ends in a new response or in closing again; without these
 *     a reopened incident could never leave that state.
 * Everything else is refused: 409 for an action that exists but not from this status, 400 for bad input.
 */
import { IncidentError } from '../incident.errors';
import {
  DISMISS_REASONS,
  DismissReason,
  IncidentStatus,
  STATUS_LABELS,
  TransitionAction,
} from '../incident.types';

export const ACTIONS: readonly TransitionAction[] = [
  'confirm',
  'dismiss',
  'acknowledge',
  'report',
  'respond',
  'close',
  'reopen',
];

export const ACTION_LABELS: Record<TransitionAction, string> = {
  confirm: '确认',
  dismiss: '排除',
  acknowledge: '签收',
  report: '上报',
  respond: '回应',
  close: '办结',
  reopen: '回头看（重新打开）',
};

interface Edge {
  from: IncidentStatus;
  action: TransitionAction;
  to: IncidentStatus;
  /** Extra condition on the incident; the message says why it failed. */
  guard?: { test: (ctx: TransitionContext) => boolean; message: string };
}

export interface TransitionContext {
  /** Confirmed by the system because the incident was created at grade Ⅰ/Ⅱ, not yet confirmed by a person. */
  autoConfirmed: boolean;
}

const EDGES: readonly Edge[] = [
  { from: 'new', action: 'confirm', to: 'confirmed' },
  { from: 'new', action: 'dismiss', to: 'dismissed' },
  {
    from: 'confirmed',
    action: 'dismiss',
    to: 'dismissed',
    guard: { test: (c) => c.autoConfirmed, message: '已由人工确认的事件不能再排除' },
  },
  { from: 'confirmed', action: 'acknowledge', to: 'acknowledged' },
  { from: 'acknowledged', action: 'report', to: 'reported' },
  { from: 'reported', action: 'respond', to: 'responded' },
  { from: 'responded', action: 'close', to: 'closed' },
  { from: 'closed', action: 'reopen', to: 'reopened' },
  { from: 'dismissed', action: 'confirm', to: 'confirmed' },
  { from: 'reopened', action: 'respond', to: 'responded' },
  { from: 'reopened', action: 'close', to: 'closed' },
];

/** The timestamp column each target status stamps (first time and again on every re-entry). */
export const STATUS_TIMESTAMP: Partial<Record<IncidentStatus, string>> = {
  confirmed: 'confirmed_at',
  acknowledged: 'acknowledged_at',
  reported: 'reported_at',
  responded: 'responded_at',
  closed: 'closed_at',
  dismissed: 'dismissed_at',
};

export function isAction(v: unknown): v is TransitionAction {
  return typeof v === 'string' && (ACTIONS as readonly string[]).includes(v);
}

/** Actions allowed from a status (for the console's buttons). */
export function allowedActions(from: IncidentStatus, ctx: TransitionContext): TransitionAction[] {
  return EDGES.filter((e) => e.from === from && (!e.guard || e.guard.test(ctx))).map((e) => e.action);
}

export interface DismissInput {
  reason?: string;
  comment?: string;
}

/** A dismissal needs one of 误报/非本单位/重复/其他, and 其他 needs a text saying what. */
export function validateDismissal(input: DismissInput): { reason: DismissReason; comment: string | null } {
  const reason = input.reason?.trim();
  if (!reason || !(DISMISS_REASONS as readonly string[]).includes(reason)) {
    throw new IncidentError(
      'invalid',
      'INCIDENT_DISMISS_REASON_REQUIRED',
      `排除事件必须选择原因：${DISMISS_REASONS.join('、')}`,
      { allowed: DISMISS_REASONS },
    );
  }
  const comment = input.comment?.trim() || null;
  if (reason === '其他' && !comment) {
    throw new IncidentError('invalid', 'INCIDENT_DISMISS_REASON_REQUIRED', '原因为“其他”时必须填写说明');
  }
  return { reason: reason as DismissReason, comment };
}

/**
 * A look-back (回头看) reopens what a head declared finished, so it says why, on the record, like a dismissal does:
 * the reason (or, from older clients, the comment) is required and stored on the event.
 */
export function validateReopen(input: DismissInput): string {
  const reason = input.reason?.trim() || input.comment?.trim();
  if (!reason) {
    throw new IncidentError(
      'invalid',
      'INCIDENT_REASON_REQUIRED',
      '重新打开（回头看）必须填写理由（将记录在案）',
    );
  }
  return reason;
}

/** The status an action leads to, or a refusal (409 INCIDENT_INVALID_TRANSITION / 400 INCIDENT_UNKNOWN_ACTION). */
export function nextStatus(from: IncidentStatus, action: string, ctx: TransitionContext): IncidentStatus {
  if (!isAction(action)) {
    throw new IncidentError(
      'invalid',
      'INCIDENT_UNKNOWN_ACTION',
      `未知操作 "${action}"，可用：${ACTIONS.join(', ')}`,
    );
  }
  const edge = EDGES.find((e) => e.from === from && e.action === action);
  const allowed = allowedActions(from, ctx);
  if (!edge) {
    throw new IncidentError(
      'conflict',
      'INCIDENT_INVALID_TRANSITION',
      `当前状态“${STATUS_LABELS[from]}”不能执行“${ACTION_LABELS[action]}”（可执行：${allowed.map((a) => ACTION_LABELS[a]).join('、') || '无'}）`,
      { from, action, allowed },
    );
  }
  if (edge.guard && !edge.guard.test(ctx)) {
    throw new IncidentError('conflict', 'INCIDENT_INVALID_TRANSITION', edge.guard.message, {
      from,
      action,
      allowed,
    });
  }
  return edge.to;
}

/** Every (status, action) pair the machine knows, for exhaustive tests and documentation. */
export function transitionTable(): readonly Edge[] {
  return EDGES;
}
