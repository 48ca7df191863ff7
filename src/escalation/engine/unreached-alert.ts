import type { ContactRole } from '../../organisation/organisation.types';
import type { SubjectDescription } from './clock-subjects';
import { renderUnreachedAlert, UnreachedNotice } from '../mail/escalation-alert-mail';
import type { MailClock } from '../mail/escalation-mail';
import { BureauNode, ContactLookup, EscalationDirectory, toRecipients } from './escalation.directory';
import type { Outgoing } from '../mail/escalation.notifier';
import type { Recipient } from '../escalation.types';

/** Who a supervising step reaches at the next level up; the same people hear that the level below is unreachable. */
const NEXT_LEVEL_ROLES: ContactRole[] = ['head', 'liaison'];

/**
 * Who hears that `bureau`'s people could not be reached (issue 12 point 19): the next level up — its head and
 * liaison, passing over bureaus with nobody on file as any step does — and HQ's office (国家税务总局办公室), which
 * keeps the directory complete. Each person once.
 */
export async function alertRecipients(
  dir: EscalationDirectory,
  lookup: ContactLookup,
  bureau: BureauNode,
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  if (bureau.parentCode) {
    out.push(...(await lookup.resolve(bureau.code, { up: 1, roles: NEXT_LEVEL_ROLES })).recipients);
  }
  let root: BureauNode = bureau;
  for (let p = root.parentCode; p; p = root.parentCode) {
    const parent = await dir.bureau(p);
    if (!parent) break;
    root = parent;
  }
  out.push(...toRecipients(await lookup.contacts(root.code), root, ['office']));
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface UnreachedInput {
  subjectKind: string;
  subjectId: string;
  clockId: string | null;
  /** The bureau whose people the notice was for. */
  bureau: BureauNode;
  notice: Omit<UnreachedNotice, 'bureauName'>;
  subject: SubjectDescription;
  clocks: MailClock[];
  now: Date;
  /** Dedupe key of the notice that reached nobody; each alert adds its recipient. */
  keyPrefix: string;
}

/** The alert mails about one notice that reached nobody (none when nobody is on file above either). */
export async function unreachedAlerts(
  dir: EscalationDirectory,
  lookup: ContactLookup,
  input: UnreachedInput,
): Promise<Outgoing[]> {
  const notice: UnreachedNotice = { ...input.notice, bureauName: input.bureau.name };
  return (await alertRecipients(dir, lookup, input.bureau)).map((r) => ({
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    clockId: input.clockId,
    reason: 'unreached',
    recipient: r,
    dedupeKey: `${input.keyPrefix}:unreached:to:${r.email.toLowerCase()}`,
    kind: 'escalation.unreached',
    actions: [],
    render: () =>
      renderUnreachedAlert({
        notice,
        subject: input.subject,
        recipient: r,
        now: input.now,
        clocks: input.clocks,
      }),
  }));
}
