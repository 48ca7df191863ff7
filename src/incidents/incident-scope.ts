import type { Principal } from '../auth/roles';
import { Actor } from './incident.types';
import { incidentOutOfScope } from './incident.errors';

/** HQ-level users (the national bureau's subtree) see everything, including unassigned incidents. */
export function isHq(p: Pick<Principal, 'bureauPath'>): boolean {
  return p.bureauPath.split('.').filter(Boolean).length <= 1;
}

/** A principal sees incidents of its bureau subtree; unassigned ones (no bureau) only at HQ level. */
export function canSee(p: Pick<Principal, 'bureauPath'>, inc: { bureauPath: string | null }): boolean {
  if (isHq(p)) return true;
  return inc.bureauPath !== null && inc.bureauPath.startsWith(p.bureauPath);
}

export function assertCanSee(
  p: Pick<Principal, 'bureauPath'>,
  inc: { id: string; bureauPath: string | null },
): void {
  if (!canSee(p, inc)) throw incidentOutOfScope(inc.id);
}

export function actorOf(p: Principal): Actor {
  const label =
    p.displayName && p.displayName !== p.username ? `${p.displayName}（${p.username}）` : p.username;
  return { userId: p.userId, label, bureauCode: p.bureauCode };
}
