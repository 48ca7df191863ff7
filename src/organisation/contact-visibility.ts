import type { EntityManager } from 'typeorm';
import { can } from '../auth/policy/policy';
import type { Principal } from '../auth/roles';

/**
 * Whose contact details a viewer may read where they are recorded in passing (a timeline event naming who was mailed,
 * an escalation page's mail log): `contacts.view` on the bureau each address belongs to (a directory contact's, or a
 * user's, e.g. monitoring staff told of a 申请复核) — the rule of the contacts routes and the escalation simulator. An
 * address no longer in the directory belongs to no bureau the viewer can be shown to reach, so only HQ-level viewers
 * read it.
 */
export async function contactVisibility(
  em: EntityManager,
  p: Pick<Principal, 'role' | 'bureauPath'>,
  emails: Iterable<string>,
): Promise<(email: string) => boolean> {
  const wanted = [...new Set([...emails].map((e) => e.trim().toLowerCase()))];
  const rows: { email: string; path: string }[] = wanted.length
    ? await em.query(
        `SELECT DISTINCT lower(btrim(x.email)) AS email, b.path
           FROM (SELECT email, bureau_code FROM bureau_contacts
                 UNION ALL SELECT email, bureau_code FROM users WHERE email IS NOT NULL) x
           JOIN bureaus b ON b.code = x.bureau_code
          WHERE lower(btrim(x.email)) = ANY($1)`,
        [wanted],
      )
    : [];
  const allowed = new Set<string>();
  const denied = new Set<string>();
  for (const r of rows) (can(p, 'contacts.view', { bureauPath: r.path }) ? allowed : denied).add(r.email);
  const national = can(p, 'contacts.view', { bureauPath: null });
  return (email) => {
    const key = email.trim().toLowerCase();
    // One address filed at two bureaus: readable where the viewer reaches either (it is shown there anyway).
    if (allowed.has(key)) return true;
    return denied.has(key) ? false : national;
  };
}

/** Every address in a recorded value (objects' `email` fields and `alerted` lists), for contactVisibility. */
export function recordedEmails(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) recordedEmails(v, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'email' && typeof v === 'string') out.push(v);
    else if (k === 'alerted' && Array.isArray(v)) {
      for (const e of v) if (typeof e === 'string') out.push(e);
    } else recordedEmails(v, out, depth + 1);
  }
  return out;
}

/**
 * A copy of a recorded value with the people the viewer may not see blanked: `{name, email}` objects lose both (the
 * role stays, so the timeline still says a head was mailed), `alerted` addresses become null.
 */
export function maskContacts<T>(value: T, visible: (email: string) => boolean, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskContacts(v, visible, depth + 1)) as T;
  // Only records (parsed JSON, query rows) are copied: a Date or other instance is kept as it is.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const src = value as Record<string, unknown>;
  const hidden = typeof src.email === 'string' && !visible(src.email);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (hidden && (k === 'email' || k === 'name')) out[k] = null;
    else if (k === 'alerted' && Array.isArray(v))
      out[k] = v.map((e) => (typeof e === 'string' && !visible(e) ? null : e));
    else out[k] = maskContacts(v, visible, depth + 1);
  }
  return out as T;
}
