/**
 * Who may hand an incident to which bureau (改派单位) — the one rule behind the API route, bulk and the console
 * (IncidentTriageService.reassign). Pure; incident-reassign.rule.spec.ts tests it per status and reach.
 *
 * The incident itself must be within the actor's reach for 'incident.reassign' (src/auth/policy, checked first).
 * Then the target:
 *   - a new incident (nobody has confirmed it yet) may go to any bureau, or to nobody (HQ triage): the classifier
 *     named the wrong bureau and the monitor who noticed may not be above the right one;
 *   - once it is confirmed — by a person, or automatically at grade Ⅰ/Ⅱ — or further along, clocks run and the
 *     unit's head has been told; sending it outside the actor's own subtree would take it out of sight of the unit
 *     and its superiors, stop its 签收/上报 counting against the unit and leave no finding (the way around 疑似瞒报 for
 *     a dismissal). So the target must lie within the actor's reach; a superior covering both bureaus can move it.
 * Whatever is allowed is recorded as a 'reassign' event with from, to and the actor (incident-edits.service.ts).
 */
import { commonPath, decide, HQ_PATH } from '../../auth/policy/policy';
import type { Actor } from '../../auth/policy/policy';
import type { IncidentStatus } from '../incident.types';

export interface ReassignSubject {
  status: IncidentStatus;
  bureauPath: string | null;
}

/** Where a moved incident may go freely: only before anyone (or the system at Ⅰ/Ⅱ) confirmed it. */
export function movableAnywhere(status: IncidentStatus): boolean {
  return status === 'new';
}

/**
 * null when the move is allowed; otherwise the path of the nearest bureau whose reach covers both the incident's
 * bureau and the target (HQ's path when one of them is unassigned), to say in the refusal who can do it.
 */
export function reassignRefusal(
  actor: Actor,
  incident: ReassignSubject,
  targetPath: string | null,
): { coveredBy: string } | null {
  if (movableAnywhere(incident.status)) return null;
  if (decide(actor, 'incident.reassign', { bureauPath: targetPath }) === null) return null;
  const both = [incident.bureauPath ?? HQ_PATH, targetPath ?? HQ_PATH];
  return { coveredBy: commonPath(both) ?? HQ_PATH };
}
