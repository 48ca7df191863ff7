import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, IncidentSnapshot } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import { OutboxService } from '../../notifications/outbox.service';
import type { ContactRole } from '../../organisation/organisation.types';
import { ClockSubjects, SubjectEvent } from '../engine/clock-subjects';
import { clocksOf } from '../engine/escalation-clock.store';
import { renderNotice } from '../mail/escalation-mail';
import { renderStatusNote, StatusNoteKind } from '../mail/escalation-status-mail';
import { ContactLookup, EscalationDirectory, toRecipients } from '../engine/escalation.directory';
import { EscalationNotifier, mailPriority, Outgoing } from '../mail/escalation.notifier';
import { EscalationService } from '../engine/escalation.service';
import type { ActionKind, ClockRow } from '../escalation.types';
import { insertIncidentEvents } from './incident-subject';
import { keepPending } from '../mail/pending-notices.store';
import { unreachedAlerts } from '../engine/unreached-alert';
import type { ReportEvidence } from '../../incidents/triage/report-form';

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

/** A notice to an incident's responsible unit (not a ladder step). */
export interface UnitNotice {
  incidentId: string;
  /** The incident's clocks; the first one's bureaus say who is responsible and who is notified. */
  clocks: ClockRow[];
  roles: ContactRole[];
  lookup: ContactLookup;
  reason: 'start' | 'reassigned' | 'regraded';
  /** Makes the dedupe key: the same notice is never queued twice for one person. */
  keyPart: string;
  fallbackFrom: string[];
  /** Delivering a kept notice: when it was first composed (the mail says it comes late, and why). */
  heldSince?: Date;
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
    private readonly outbox: OutboxService,
  ) {}

  /**
   * The first notice (or a regrade/reassignment notice) to the unit's people, with their signed links; returns how
   * many it reached. When the unit's own people are not reached (nobody on file, or its parent stood in), the notice
   * is kept (pending_notices) and goes out once they are entered; when it reaches nobody at all, the next level up
   * and HQ's office are alerted (issue 12 point 19).
   */
  async notifyUnit(em: EntityManager, n: UnitNotice): Promise<number> {
    const now = this.clock.now();
    const { incidentId, clocks, roles } = n;
    const notifyCode = clocks[0].notifyBureauCode;
    const unitCode = clocks[0].bureauCode;
    const bureau = await this.directory.bureau(notifyCode);
    const recipients = bureau ? toRecipients(await n.lookup.contacts(bureau.code), bureau, roles) : [];
    const events: SubjectEvent[] = [];
    const event = (action: string, after: unknown, comment: string | null = null) =>
      events.push({ subjectId: incidentId, at: now, action, after, comment });
    if (!n.heldSince && (recipients.length === 0 || notifyCode !== unitCode)) {
      const kept = await keepPending(em, {
        incidentId,
        bureauCode: unitCode,
        roles,
        reason: n.reason,
        createdAt: now,
      });
      if (kept)
        event(
          'notice_pending',
          { bureau: unitCode, roles, reason: n.reason },
          `${unitCode} 未登记联系人，通知待登记后补发`,
        );
    }
    const subject = await this.subjects.get('incident').describe(em, incidentId);
    const mailClocks = this.escalation.mailClocks(clocks);
    if (recipients.length === 0) {
      const alerts = bureau
        ? await unreachedAlerts(this.directory, n.lookup, {
            subjectKind: 'incident',
            subjectId: incidentId,
            clockId: null,
            bureau,
            notice: { roles, clockKind: null, dueAt: null, plannedAt: now, kept: notifyCode === unitCode },
            subject,
            clocks: mailClocks,
            now,
            keyPrefix: `esc:incident:${incidentId}:${n.keyPart}`,
          })
        : [];
      await this.notifier.send(em, alerts);
      event('escalation_no_recipients', {
        bureau: notifyCode,
        roles,
        alerted: alerts.map((a) => a.recipient.email),
      });
      await insertIncidentEvents(em, events, '系统');
      this.log.warn({ incidentId, bureau: notifyCode, roles }, 'unit notice reaches nobody');
      return 0;
    }
    await insertIncidentEvents(em, events, '系统');
    const next = await this.escalation.nextStepInfo(n.lookup, clocks);
    const actions = actionsFor(clocks);
    const reason = n.reason;
    const out: Outgoing[] = recipients.map((r) => ({
      subjectKind: 'incident',
      subjectId: incidentId,
      clockId: null,
      reason: reason === 'reassigned' ? 'reassigned' : 'start',
      recipient: r,
      fallbackFrom: n.fallbackFrom,
      dedupeKey: `esc:incident:${incidentId}:${n.keyPart}:to:${r.email.toLowerCase()}`,
      kind: `escalation.${reason}`,
      priority: mailPriority(subject, true),
      actions,
      render: (links) =>
        renderNotice({
          reason,
          subject,
          recipient: r,
          now,
          clocks: mailClocks,
          next,
          actions: links,
          heldSince: n.heldSince,
        }),
    }));
    await this.notifier.send(em, out);
    return recipients.length;
  }

  /**
   * The note to everyone notified. 已上报 on an unacknowledged incident acknowledges it first, in the same
   * transaction: the 已签收 note that step queued is replaced by one 已上报 note, so people hear of the act that
   * happened. "Same transaction" is a transaction-local setting (set_config(…, true)), gone at commit or rollback.
   * `report`: the 上报 form the 首报 was met with, named in the 已上报 note.
   */
  async statusNotes(
    em: EntityManager,
    inc: IncidentSnapshot,
    status: StatusNoteKind,
    actor: Actor,
    at: Date,
    report?: ReportEvidence,
  ) {
    const marker = `yuqing.ack_note_${inc.id}`;
    if (status === 'reported') {
      const [{ v }] = await em.query(`SELECT current_setting($1, true) AS v`, [marker]);
      if (!v) return; // acknowledged earlier, and told then: a report alone sends no note
      await this.outbox.skipPending(
        em,
        inc.id,
        '随上报一并签收：改发“已上报”通知',
        ['escalation.status'],
        `esc:incident:${inc.id}:acknowledged:${v}:to:`,
      );
    }
    const people = await this.notifier.notifiedPeople(em, 'incident', inc.id);
    if (people.length === 0) return;
    const subject = await this.subjects.get('incident').describe(em, inc.id);
    const clocks = await clocksOf(em, 'incident', inc.id);
    // The reason of a reopening is on the event the transition wrote just before, in this transaction.
    const reason =
      status === 'reopened'
        ? ((
            await em.query(
              `SELECT after->>'reason' AS reason FROM incident_events
                WHERE incident_id = $1 AND action = 'reopen' ORDER BY id DESC LIMIT 1`,
              [inc.id],
            )
          )[0]?.reason ?? undefined)
        : undefined;
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
        render: () =>
          renderStatusNote({ status, subject, recipient: r, at, by: actor.label, clocks, reason, report }),
      })),
    );
    if (status === 'acknowledged')
      await em.query(`SELECT set_config($1, $2, true)`, [marker, String(at.getTime())]);
  }
}
