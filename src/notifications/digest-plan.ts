/**
 * Per-recipient throttling and digest grouping ("at most about one mail per recipient per minute; extra notices
 * are bundled into a digest"). Urgent notices are the exception: sent at once, each on its own. Pure: the claim
 * query gathers the due rows and the recipients' windows, this decides what happens to each row. Unit-tested in
 * digest-plan.spec.ts.
 */
import { URGENT_PRIORITY } from './outbox.types';

export interface DueRow {
  id: string;
  recipient: string;
  createdAt: Date;
  /** MAIL_PRIORITY value; URGENT_PRIORITY and above is never deferred nor bundled. */
  priority: number;
}

export interface ClaimPlan {
  /** Rows sent on their own. */
  singles: string[];
  /** Several rows for one recipient, sent as one digest (members in created order). */
  digests: { recipient: string; memberIds: string[] }[];
  /** Rows whose recipient was mailed recently (or whose digest is full): due again at `until`. */
  deferred: { ids: string[]; until: Date }[];
  /** Recipients each claimed mail goes to whose window this sender holds: their window starts now. */
  mailedRecipients: string[];
}

export interface PlanOptions {
  /** 0 turns throttling and digests off: every row is sent on its own at once. */
  windowMs: number;
  maxDigestItems: number;
}

/**
 * @param rows due rows, any order
 * @param windows for each recipient whose window row this sender holds locked: when it may be mailed next
 *   (null = never mailed). Rows of recipients missing here are being handled by another sender: left alone,
 *   except urgent ones (this claim holds their row locks, so only it can send them).
 */
export function planClaims(
  rows: DueRow[],
  windows: ReadonlyMap<string, Date | null>,
  now: Date,
  opts: PlanOptions,
): ClaimPlan {
  const plan: ClaimPlan = { singles: [], digests: [], deferred: [], mailedRecipients: [] };
  if (opts.windowMs <= 0) {
    plan.singles = rows.map((r) => r.id);
    plan.mailedRecipients = [...new Set(rows.map((r) => r.recipient))];
    return plan;
  }
  const byRecipient = new Map<string, DueRow[]>();
  for (const r of rows) {
    const list = byRecipient.get(r.recipient) ?? [];
    list.push(r);
    byRecipient.set(r.recipient, list);
  }
  const nextWindow = new Date(now.getTime() + opts.windowMs);
  for (const [recipient, all] of byRecipient) {
    all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
    // An urgent row is ours (locked by the claim), so it goes now even while another sender holds the window:
    // that sender cannot have it, and it sets the window itself.
    const urgent = all.filter((r) => r.priority >= URGENT_PRIORITY);
    const list = all.filter((r) => r.priority < URGENT_PRIORITY);
    plan.singles.push(...urgent.map((r) => r.id));
    if (!windows.has(recipient)) continue;
    if (urgent.length) {
      plan.mailedRecipients.push(recipient);
      // The urgent mail is this window's mail: the rest follow one window after it, as one digest.
      if (list.length) plan.deferred.push({ ids: list.map((r) => r.id), until: nextWindow });
      continue;
    }
    const allowedAt = windows.get(recipient) ?? null;
    if (allowedAt && allowedAt.getTime() > now.getTime()) {
      plan.deferred.push({ ids: list.map((r) => r.id), until: allowedAt });
      continue;
    }
    plan.mailedRecipients.push(recipient);
    if (list.length === 1) {
      plan.singles.push(list[0].id);
      continue;
    }
    const max = Math.max(2, opts.maxDigestItems);
    plan.digests.push({ recipient, memberIds: list.slice(0, max).map((r) => r.id) });
    if (list.length > max) plan.deferred.push({ ids: list.slice(max).map((r) => r.id), until: nextWindow });
  }
  return plan;
}

/** bigint ids as strings: shorter is smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
