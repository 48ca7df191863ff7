import type { EntityManager } from 'typeorm';
import { moveToBureau } from '../../incidents/incident.repository';
import type { IncidentSnapshot } from '../../incidents/incident.types';
import type { Route } from './routing-rules';
import type { RoutingService } from './routing.service';

export interface Placement extends Route {
  /** The incident's bureau before a routing rule placed it elsewhere; undefined when it stayed. */
  placedFrom?: string | null;
}

/**
 * Where a confirmed incident is handled, and whose it is from then on. A routing rule that sends it to another bureau
 * moves the incident there too (its bureau, grouping keys, who sees and acts on it), so the incident routes, the
 * escalation pages and the signed links all judge one bureau: a rule that only moved the clocks left the unit named in
 * the mails unable to open the incident while the unit it left could still act on it. Runs inside the confirmation's
 * transaction, which is versioned already.
 */
export async function placeConfirmed(
  em: EntityManager,
  routing: RoutingService,
  inc: IncidentSnapshot,
  now: Date,
): Promise<Placement> {
  const route = await routing.routeIncident(em, inc);
  if (route.via !== 'rule' || route.bureauCode === inc.bureauCode) return route;
  await moveToBureau(em, inc.id, route.bureauCode, now, false);
  return { ...route, placedFrom: inc.bureauCode };
}

/**
 * Where the clocks go when a person hands the incident to another bureau: that bureau — a deliberate reassignment is
 * not overruled by a rule (which would send the clocks back to a unit the incident no longer belongs to). Handed to
 * nobody (unassigned), the rules place it as at confirmation.
 */
export async function placeReassigned(
  em: EntityManager,
  routing: RoutingService,
  inc: IncidentSnapshot,
  now: Date,
): Promise<Placement> {
  if (inc.bureauCode) return { bureauCode: inc.bureauCode, via: 'bureau', rule: null, notifyRoles: null };
  return placeConfirmed(em, routing, inc, now);
}
