import type { Action } from '../../auth/policy/permissions';
import { assertRoleMay, authorize, can, isHqPath } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { Actor, IncidentStatus, TransitionAction } from '../incident.types';
import { allowedActions } from '../triage/incident-state';
import { reportActions } from '../triage/report-form';
import { incidentOutOfScope } from '../incident.errors';

/** HQ-level users (the national bureau's subtree) see everything, including unassigned incidents. */
export function isHq(p: Pick<Principal, 'bureauPath'>): boolean {
  return isHqPath(p.bureauPath);
}

/** A principal sees incidents of its bureau subtree; unassigned ones (no bureau) only at HQ level (policy.ts). */
export function canSee(
  p: Pick<Principal, 'role' | 'bureauPath'>,
  inc: { bureauPath: string | null },
): boolean {
  return can(p, 'incident.view', inc);
}

export function assertCanSee(
  p: Pick<Principal, 'role' | 'bureauPath'>,
  inc: { id: string; bureauPath: string | null },
): void {
  if (!canSee(p, inc)) throw incidentOutOfScope(inc.id);
}

/** The policy action of each lifecycle transition. */
export const transitionAction = (a: TransitionAction): Action => `incident.${a}`;

/**
 * What a principal may do to an incident: the role first (AUTH_ROLE_FORBIDDEN, as the routes' @Can answers before
 * loading anything), then the reach (AUTH_OUT_OF_SCOPE) — the same order and codes on every incident route.
 */
export function assertMay(
  p: Pick<Principal, 'role' | 'bureauPath'>,
  action: Action,
  inc: { id: string; bureauPath: string | null },
): void {
  assertRoleMay(p.role, action);
  assertCanSee(p, inc);
  authorize(p, action, inc);
}

export function actorOf(p: Principal): Actor {
  const label =
    p.displayName && p.displayName !== p.username ? `${p.displayName}（${p.username}）` : p.username;
  return { userId: p.userId, label, bureauCode: p.bureauCode };
}

/**
 * The lifecycle actions a principal is offered on an incident (the console's buttons): those the state machine allows
 * from its status and the principal's rules pass — and 上报 from 已确认 too, which 签收s on the way on every route
 * (report-form.ts), for someone who may do both.
 */
export function offeredActions(
  p: Pick<Principal, 'role' | 'bureauPath'>,
  inc: { status: IncidentStatus; autoConfirmed: boolean; bureauPath: string | null },
): TransitionAction[] {
  const offered = allowedActions(inc.status, { autoConfirmed: inc.autoConfirmed }).filter((a) =>
    can(p, transitionAction(a), inc),
  );
  if (inc.status === 'confirmed' && reportActions(inc.status).every((a) => can(p, a, inc)))
    offered.push('report');
  return offered;
}
