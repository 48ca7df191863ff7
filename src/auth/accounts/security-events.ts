import type { EntityManager } from 'typeorm';

/** The actions user_security_events accepts (migrations LoginThrottle and UserAdminEvents). */
export type SecurityAction =
  | 'locked'
  | 'unlocked'
  | 'created'
  | 'disabled'
  | 'enabled'
  | 'password_reset'
  | 'role_changed'
  | 'token_created'
  | 'token_revoked';

/** Appends an event to the account's audit trail; call it in the transaction of the change it records. */
export async function recordSecurityEvent(
  em: EntityManager,
  e: { userId: string; action: SecurityAction; at: Date; actorId: string | null; detail?: object },
): Promise<void> {
  await em.query(
    `INSERT INTO user_security_events (user_id, action, at, actor_id, detail) VALUES ($1, $2, $3, $4, $5)`,
    [e.userId, e.action, e.at, e.actorId, JSON.stringify(e.detail ?? {})],
  );
}
