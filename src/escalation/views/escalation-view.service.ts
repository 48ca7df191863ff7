import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authorize, can, NATIONAL, Subject } from '../../auth/policy/policy';
import { ScopeService } from '../../auth/scope.service';
import type { Principal } from '../../auth/roles';
import { clocksOf } from '../engine/escalation-clock.store';
import { escalationError } from '../escalation.errors';
import type { ClockRow } from '../escalation.types';
import { ExtensionRequestView, ExtensionService } from '../incident/extension.service';
import { contactVisibility, maskContacts, recordedEmails } from '../../organisation/contact-visibility';
import { responsibleBureau } from '../incident/responsible-bureau';
import { ReportEvidence, reportEvidenceOf } from '../../incidents/triage/report-form';

export interface DeliveryAttempt {
  at: Date;
  result: 'sent' | 'failed' | 'skipped';
  transient: boolean;
  response: string | null;
}

export interface NotificationEntry {
  id: string;
  clockId: string | null;
  clockKind: string | null;
  reason: string;
  stepNo: number | null;
  repeat: number | null;
  /** Null, with the name, where the viewer may not read this person's contact details (contacts.view). */
  recipientEmail: string | null;
  recipientName: string | null;
  recipientRole: string | null;
  recipientBureauCode: string | null;
  fallbackFrom: string[];
  queuedAt: Date;
  outboxId: string;
  subject: string;
  deliveryStatus: string;
  deliveredAt: Date | null;
  bundledIntoId: string | null;
  lastError: string | null;
  attempts: DeliveryAttempt[];
}

export interface IncidentEscalationView {
  incident: {
    id: string;
    title: string;
    grade: string;
    status: string;
    bureauCode: string | null;
    bureauName: string | null;
    version: number;
  };
  /** The responsible bureau, as the subject of escalation.view. */
  subject: Subject;
  /** The incident's own bureau: the subject of its 上报/回应 rules, which the clock buttons apply (manual-actions). */
  incidentSubject: Subject;
  clocks: ClockRow[];
  /** By clock id: the report (上报 form) that met the clock, for the met 首报 and 书面报告. */
  reports: Record<string, ReportEvidence>;
  notifications: NotificationEntry[];
  findings: { kind: string; bureauCode: string; foundAt: Date; evidence: Record<string, unknown> }[];
  extensions: ExtensionRequestView[];
  linkUses: {
    action: string;
    recipientEmail: string | null;
    usedAt: Date;
    usedIp: string | null;
    result: unknown;
  }[];
}

/** Everything the console and the API show about one incident's escalation, scoped to the principal's subtree. */
@Injectable()
export class EscalationViewService {
  constructor(
    private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly extensions: ExtensionService,
  ) {}

  async incident(p: Principal, id: string): Promise<IncidentEscalationView> {
    if (!/^[0-9]{1,18}$/.test(id))
      throw escalationError('not_found', 'ESCALATION_SUBJECT_NOT_FOUND', `事件 ${id} 不存在`);
    const [inc] = await this.db.query(
      `SELECT i.id::text, i.title, i.grade, i.status, i.bureau_code AS "bureauCode", b.name AS "bureauName", i.version,
              i.bureau_path AS "bureauPath"
         FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code WHERE i.id = $1`,
      [id],
    );
    if (!inc) throw escalationError('not_found', 'ESCALATION_SUBJECT_NOT_FOUND', `事件 ${id} 不存在`);
    const clocks = await clocksOf(this.db.manager, 'incident', id);
    // the responsible bureau (after routing) decides who may look; unassigned incidents belong to HQ's triage
    const subject = await this.scope.subject(responsibleBureau(clocks, inc.bureauCode));
    authorize(p, 'escalation.view', subject);
    const notifications: NotificationEntry[] = await this.db.query(
      `SELECT n.id::text, n.clock_id::text AS "clockId", c.kind AS "clockKind", n.reason, n.step_no AS "stepNo", n.repeat,
              n.recipient_email AS "recipientEmail", n.recipient_name AS "recipientName", n.recipient_role AS "recipientRole",
              n.recipient_bureau_code AS "recipientBureauCode", n.fallback_from AS "fallbackFrom", n.created_at AS "queuedAt",
              n.outbox_id::text AS "outboxId", d.subject, d.delivery_status AS "deliveryStatus", d.delivered_at AS "deliveredAt",
              d.bundled_into_id::text AS "bundledIntoId", d.last_error AS "lastError"
         FROM escalation_notifications n
         JOIN outbox_delivery d ON d.id = n.outbox_id
         LEFT JOIN escalation_clocks c ON c.id = n.clock_id
        WHERE n.subject_kind = 'incident' AND n.subject_id = $1 ORDER BY n.created_at, n.id`,
      [id],
    );
    const mailIds = [...new Set(notifications.map((n) => n.bundledIntoId ?? n.outboxId))];
    const attempts: (DeliveryAttempt & { outboxId: string })[] = mailIds.length
      ? await this.db.query(
          `SELECT outbox_id::text AS "outboxId", at, result, transient, response FROM outbox_attempts
            WHERE outbox_id = ANY($1::bigint[]) ORDER BY at, id`,
          [mailIds],
        )
      : [];
    // the transport's answer can name the server's outbox file or mail relay: the table says who reads it
    const answers = can(p, 'mail.transport_view', NATIONAL);
    for (const n of notifications)
      n.attempts = attempts
        .filter((a) => a.outboxId === (n.bundledIntoId ?? n.outboxId))
        .map((a) => ({ ...a, response: answers ? a.response : null }));
    if (!answers) for (const n of notifications) n.lastError = null;
    const findings = await this.db.query(
      `SELECT kind, bureau_code AS "bureauCode", found_at AS "foundAt", evidence FROM reporting_findings WHERE incident_id = $1 ORDER BY id`,
      [id],
    );
    const linkUses = await this.db.query(
      `SELECT action, recipient_email AS "recipientEmail", used_at AS "usedAt", used_ip AS "usedIp", result
         FROM action_links WHERE subject_kind = 'incident' AND subject_id = $1 AND used_at IS NOT NULL ORDER BY used_at`,
      [id],
    );
    // Superiors are mailed too: who they are stays with those who may read their contacts (as on the timeline).
    const visible = await contactVisibility(this.db.manager, p, [
      ...notifications.map((n) => n.recipientEmail!),
      ...linkUses.map((l: { recipientEmail: string }) => l.recipientEmail),
      ...recordedEmails(findings),
    ]);
    for (const n of notifications)
      if (!visible(n.recipientEmail!)) Object.assign(n, { recipientEmail: null, recipientName: null });
    for (const l of linkUses) if (!visible(l.recipientEmail)) l.recipientEmail = null;
    const { bureauPath, ...incident } = inc;
    // meetClock keeps what met a clock on its deadline_met event; rows written before it did carry none
    const met: { clockId: string; evidence: Record<string, unknown> }[] = await this.db.query(
      `SELECT after->>'clockId' AS "clockId", after->'evidence' AS evidence FROM incident_events
        WHERE incident_id = $1 AND action = 'deadline_met' AND jsonb_typeof(after->'evidence') = 'object'
        ORDER BY at, id`,
      [id],
    );
    const reports: Record<string, ReportEvidence> = {};
    for (const m of met) {
      const report = reportEvidenceOf(m.evidence);
      if (report) reports[m.clockId] = report;
    }
    return {
      incident,
      subject,
      incidentSubject: { bureauPath },
      clocks,
      reports,
      notifications,
      findings: maskContacts(findings, visible),
      extensions: await this.extensions.forSubject('incident', id),
      linkUses,
    };
  }
}
