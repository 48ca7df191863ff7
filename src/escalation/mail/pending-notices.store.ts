import type { EntityManager } from 'typeorm';
import type { ContactRole } from '../../organisation/organisation.types';

/** A unit notice that found nobody of the unit on file, kept until its contacts appear (issue 12 point 19). */
export interface PendingNotice {
  id: string;
  incidentId: string;
  bureauCode: string;
  roles: ContactRole[];
  reason: 'start' | 'reassigned' | 'regraded';
  createdAt: Date;
}

/** Keeps the notice; an incident has at most one open notice per bureau (the later one adds nothing). */
export async function keepPending(em: EntityManager, n: Omit<PendingNotice, 'id'>): Promise<boolean> {
  const rows = await em.query(
    `INSERT INTO pending_notices (incident_id, bureau_code, roles, reason, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (incident_id, bureau_code) WHERE status = 'pending' DO NOTHING RETURNING id`,
    [n.incidentId, n.bureauCode, n.roles, n.reason, n.createdAt],
  );
  return rows.length > 0;
}

/**
 * Open notices whose bureau now has somebody in one of their roles, oldest first; rows another instance holds are
 * skipped (the clocks' claim, for the notices).
 */
export function claimDeliverable(em: EntityManager, limit: number): Promise<PendingNotice[]> {
  return em.query(
    `SELECT p.id::text, p.incident_id::text AS "incidentId", p.bureau_code AS "bureauCode", p.roles, p.reason,
            p.created_at AS "createdAt"
       FROM pending_notices p
      WHERE p.status = 'pending'
        AND EXISTS (SELECT 1 FROM bureau_contacts c WHERE c.bureau_code = p.bureau_code AND c.role = ANY (p.roles))
      ORDER BY p.id LIMIT $1 FOR UPDATE OF p SKIP LOCKED`,
    [limit],
  );
}

export async function settlePending(
  em: EntityManager,
  id: string,
  status: 'delivered' | 'dropped',
  outcome: string,
  at: Date,
): Promise<void> {
  await em.query(`UPDATE pending_notices SET status = $2, outcome = $3, settled_at = $4 WHERE id = $1`, [
    id,
    status,
    outcome,
    at,
  ]);
}
