/**
 * The decision of permissions.ts (pure; policy.spec.ts). Services call `authorize` on the subject they have
 * loaded (inside their transaction); routes declare `@Can(action)` so a role that may never do it is refused before
 * any work; pages and mails call `can` to show only what will be allowed.
 */
import { AuthError } from '../auth.errors';
import { ROLE_LABELS } from '../roles';
import { Action, Holder, PERMISSIONS, Reach } from './permissions';

/** HQ's materialised path: the root of the bureau tree. */
export const HQ_PATH = '00.';

/** Who acts: a logged-in principal, or the holder of a signed link acting for the bureau it was sent to. */
export interface Actor {
  role: Holder;
  bureauPath: string;
}

/** What is acted on, by the bureau it belongs to; null: no bureau, so HQ's (unassigned incident, national setting). */
export interface Subject {
  bureauPath: string | null;
}

/** A national setting or anything else without a bureau of its own. */
export const NATIONAL: Subject = { bureauPath: null };

export type Refusal = 'role' | 'reach';

/** A holder at HQ level covers the whole country. */
export function isHqPath(path: string): boolean {
  return path.split('.').filter(Boolean).length <= 1;
}

function reachOf(role: Holder, action: Action): Reach | undefined {
  return (PERMISSIONS[action].who as Partial<Record<Holder, Reach>>)[role];
}

function within(reach: Reach, actor: Actor, subject: Subject): boolean {
  const path = subject.bureauPath ?? HQ_PATH;
  return reach === 'unit'
    ? path === actor.bureauPath
    : path.startsWith(actor.bureauPath) || isHqPath(actor.bureauPath);
}

/** null when allowed; otherwise whether the role never may, or the subject lies beyond the actor's reach. */
export function decide(actor: Actor, action: Action, subject: Subject): Refusal | null {
  const reach = reachOf(actor.role, action);
  if (!reach) return 'role';
  return within(reach, actor, subject) ? null : 'reach';
}

export function can(actor: Actor, action: Action, subject: Subject): boolean {
  return decide(actor, action, subject) === null;
}

/** Whether the role may do this to some subject (route guards; which controls a page offers at all). */
export function roleMay(role: Holder, action: Action): boolean {
  return reachOf(role, action) !== undefined;
}

/** Route guards: 403 AUTH_ROLE_FORBIDDEN for a role that may never do this, before any work. */
export function assertRoleMay(role: Holder, action: Action): void {
  if (!roleMay(role, action)) throw roleRefusal(role, action);
}

/** Throws 403: AUTH_ROLE_FORBIDDEN for the wrong role, AUTH_OUT_OF_SCOPE for a subject beyond the actor's reach. */
export function authorize(actor: Actor, action: Action, subject: Subject): void {
  const refusal = decide(actor, action, subject);
  if (refusal === 'role') throw roleRefusal(actor.role, action);
  if (refusal === 'reach') throw reachRefusal(actor, action, subject);
}

function roleRefusal(role: Holder, action: Action): AuthError {
  const who = role === 'link' ? '邮件链接' : `您的角色（${ROLE_LABELS[role]}）`;
  return new AuthError('forbidden', 'AUTH_ROLE_FORBIDDEN', `${who}无权${PERMISSIONS[action].label}`, {
    action,
  });
}

function reachRefusal(actor: Actor, action: Action, subject: Subject): AuthError {
  const { label } = PERMISSIONS[action];
  const message =
    subject.bureauPath === null || isHqPath(subject.bureauPath)
      ? `${label}须由总局办理（全国性设置或未分配单位的事项）`
      : reachOf(actor.role, action) === 'unit'
        ? `只有该单位本身可以${label}`
        : `${label}：对象不在您的管辖范围内`;
  return new AuthError('forbidden', 'AUTH_OUT_OF_SCOPE', message, { action });
}

/**
 * The bureau that owns something spanning several bureaus: the deepest one above all of them (paths '00.44.4401.'
 * and '00.44.4403.' → '00.44.'). null for none.
 */
export function commonPath(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  let segments = paths[0].split('.').filter(Boolean);
  for (const p of paths.slice(1)) {
    const other = p.split('.').filter(Boolean);
    let n = 0;
    while (n < segments.length && n < other.length && segments[n] === other[n]) n++;
    segments = segments.slice(0, n);
  }
  return segments.length ? `${segments.join('.')}.` : null;
}
