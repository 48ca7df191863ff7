import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, IncidentSnapshot } from '../incidents/incident.types';
import { Clock } from '../infrastructure/clock/clock';
import { rootLogger } from '../infrastructure/logging/logger';
import type { ContactRole } from '../organisation/organisation.types';
import { ClockSubjects } from './clock-subjects';
import { NoticeInput, renderNotice, renderStatusNote } from './escalation-mail';
import { ContactLookup, EscalationDirectory, toRecipients } from './escalation.directory';
import { EscalationNotifier, Outgoing } from './escalation.notifier';
import { EscalationService } from './escalation.service';
import type { ActionKind, ClockRow } from './escalation.types';
import { insertIncidentEvents } from './incident-subject';

/** The signed links the unit's people get, by the clocks still running. */
export function actionsFor(clocks: ClockRow[]): ActionKind[] {
  const live = clocks.filter((c) => c.status === 'running' || c.status === 'missed').map((c) => c.kind);
  const out: ActionKind[] = [];
  if (live.includes('acknowledge')) out.push('acknowledge');
  if (live.includes('first_report') || live.includes('written_report')) out.push('report');
  out.push('review');
  if (live.length) out.push('extension');
  return out;
}

/** The incident notices that are not ladder steps: first notice, regrade/reassignment notices, status notes. */
@Injectable()
export class IncidentNoticesService {
  private readonly log = rootLogger().child({ ctx: 'escalation.incident' });

  constructor(
    private readonly clock: Clock,
    private readonly escalation: EscalationService,
    private readonly directory: EscalationDirectory,
    private readonly notifier: EscalationNotifier,
    private readonly subjects: ClockSubjects,
  ) {}

  /** The first notice (or a regrade/reassignment notice) to the unit's people, with their signed links. */
  async notifyUnit(
    em: EntityManager,
    incidentId: string,
    clocks: ClockRow[],
    roles: ContactRole[],
    lookup: ContactLookup,
    reason: NoticeInput['reason'],
    keyPart: string,
    fallbackFrom: string[],
  ): Promise<void> {
    const now = this.clock.now();
    const notifyCode = clocks[0].notifyBureauCode;
    const bureau = await this.directory.bureau(notifyCode);
    const hasContacts = bureau && (await lookup.contacts(bureau.code)).length > 0;
    const recipients = hasContacts ? toRecipients(await lookup.contacts(bureau.code), bureau, roles) : [];
    if (recipients.length === 0) {
      await insertIncidentEvents(
        em,
        [
          {
            subjectId: incidentId,
            at: now,
            action: 'escalation_no_recipients',
            after: { bureau: notifyCode, roles },
          },
        ],
        '系统',
      );
      this.log.warn({ incidentId, bureau: notifyCode, roles }, 'first notice reaches nobody');
      return;
    }
    const subject = await this.subjects.get('incident').describe(em, incidentId);
    const next = await this.escalation.nextStepInfo(lookup, clocks);
    const mailClocks = this.escalation.mailClocks(clocks);
    const actions = actionsFor(clocks);
    const out: Outgoing[] = recipients.map((r) => ({
      subjectKind: 'incident',
      subjectId: incidentId,
      clockId: null,
      reason: reason === 'reassigned' ? 'reassigned' : 'start',
      recipient: r,
      fallbackFrom,
      dedupeKey: `esc:incident:${incidentId}:${keyPart}:to:${r.email.toLowerCase()}`,
      kind: `escalation.${reason}`,
      actions,
      render: (links) =>
        renderNotice({ reason, subject, recipient: r, now, clocks: mailClocks, next, actions: links }),
    }));
    await this.notifier.send(em, out);
  }

  async statusNotes(
    em: EntityManager,
    inc: IncidentSnapshot,
    status: 'acknowledged' | 'closed',
    actor: Actor,
    at: Date,
  ) {
    const people = await this.notifier.notifiedPeople(em, 'incident', inc.id);
    if (people.length === 0) return;
    const subject = await this.subjects.get('incident').describe(em, inc.id);
    await this.notifier.send(
      em,
      people.map((r) => ({
        subjectKind: 'incident',
        subjectId: inc.id,
        clockId: null,
        reason: status,
        recipient: r,
        dedupeKey: `esc:incident:${inc.id}:${status}:${at.getTime()}:to:${r.email.toLowerCase()}`,
        kind: 'escalation.status',
        actions: [],
        render: () => renderStatusNote({ status, subject, recipient: r, at, by: actor.label }),
      })),
    );
  }
}
