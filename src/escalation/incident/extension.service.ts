import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { authorize } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import { ClockSubjects } from '../engine/clock-subjects';
import { CLOCK_COLUMNS } from '../engine/escalation-clock.store';
import { renderExtensionDecision, renderExtensionRequest } from '../mail/escalation-mail';
import { EscalationDirectory, toRecipients } from '../engine/escalation.directory';
import { escalationError } from '../escalation.errors';
import { EscalationNotifier } from '../mail/escalation.notifier';
import { EscalationService } from '../engine/escalation.service';
import type { ClockRow, Recipient } from '../escalation.types';
import { HQ_BUREAU } from '../policy/routing-rules';

export interface ExtensionRequestView {
  id: string;
  clockId: string;
  clockKind: string;
  subjectKind: string;
  subjectId: string;
  /** What people call the subject: the incident's title, or 情况说明 and the unit for an explanation task. */
  subjectTitle: string;
  bureauCode: string;
  bureauName: string;
  approverBureauCode: string;
  /** The approving bureau's path: extension.decide's subject. */
  approverPath: string;
  requestedByEmail: string;
  requestedByName: string | null;
  reason: string;
  currentDueAt: Date;
  requestedDueAt: Date;
  status: 'pending' | 'approved' | 'refused';
  decidedByLabel: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  createdAt: Date;
}

const VIEW_COLUMNS = `r.id::text, r.clock_id::text AS "clockId", c.kind AS "clockKind", r.subject_kind AS "subjectKind",
  r.subject_id::text AS "subjectId", r.bureau_code AS "bureauCode", b.name AS "bureauName",
  r.approver_bureau_code AS "approverBureauCode", ab.path AS "approverPath", r.requested_by_email AS "requestedByEmail",
  r.requested_by_name AS "requestedByName", r.reason, r.current_due_at AS "currentDueAt",
  r.requested_due_at AS "requestedDueAt", r.status, r.decided_by_label AS "decidedByLabel", r.decided_at AS "decidedAt",
  r.decision_comment AS "decisionComment", r.created_at AS "createdAt",
  COALESCE(si.title, '情况说明：' || b.name) AS "subjectTitle"`;
const FROM = `FROM extension_requests r JOIN escalation_clocks c ON c.id = r.clock_id JOIN bureaus b ON b.code = r.bureau_code
  JOIN bureaus ab ON ab.code = r.approver_bureau_code
  LEFT JOIN incidents si ON r.subject_kind = 'incident' AND si.id = r.subject_id`;

/** 延期申请: a unit asks (signed link), its superior bureau's head or an admin approves or refuses (console/API). */
@Injectable()
export class ExtensionService {
  private readonly log = rootLogger().child({ ctx: 'escalation.extensions' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly escalation: EscalationService,
    private readonly directory: EscalationDirectory,
    private readonly notifier: EscalationNotifier,
    private readonly subjects: ClockSubjects,
  ) {}

  async request(
    em: EntityManager,
    input: {
      subjectKind: string;
      subjectId: string;
      clockId: string;
      reason: string;
      requestedDue: Date;
      requester: Recipient;
      linkId: string;
    },
  ): Promise<ExtensionRequestView> {
    const now = this.clock.now();
    const [c]: ClockRow[] = await em.query(
      `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c WHERE c.id = $1 AND c.subject_kind = $2 AND c.subject_id = $3
          AND c.status IN ('running','missed') FOR UPDATE`,
      [input.clockId, input.subjectKind, input.subjectId],
    );
    if (!c) throw escalationError('invalid', 'ESCALATION_LINK_INPUT', '所选时限已结束或不存在，无需申请延期');
    if (input.requestedDue <= c.dueAt || input.requestedDue <= now) {
      throw escalationError('invalid', 'ESCALATION_LINK_INPUT', '申请的新时限必须晚于当前时限和当前时间');
    }
    const reason = input.reason.trim();
    if (reason.length < 2 || reason.length > 2000)
      throw escalationError('invalid', 'ESCALATION_LINK_INPUT', '请填写延期理由（2–2000 字）');
    const [pending] = await em.query(
      `SELECT 1 FROM extension_requests WHERE clock_id = $1 AND status = 'pending'`,
      [c.id],
    );
    if (pending)
      throw escalationError('invalid', 'ESCALATION_LINK_INPUT', '该时限已有待审批的延期申请，请等待上级审批');
    const approver = (await this.directory.bureau(c.bureauCode))?.parentCode ?? HQ_BUREAU;
    const [{ id }] = await em.query(
      `INSERT INTO extension_requests (clock_id, subject_kind, subject_id, bureau_code, approver_bureau_code, requested_by_email,
              requested_by_name, link_id, reason, current_due_at, requested_due_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::text`,
      [
        c.id,
        c.subjectKind,
        c.subjectId,
        c.bureauCode,
        approver,
        input.requester.email,
        input.requester.name,
        input.linkId,
        reason,
        c.dueAt,
        input.requestedDue,
        now,
      ],
    );
    await this.subjects.get(c.subjectKind).recordEvents?.(em, [
      {
        subjectId: c.subjectId,
        at: now,
        action: 'extension_requested',
        after: {
          requestId: id,
          clockId: c.id,
          kind: c.kind,
          dueAt: c.dueAt,
          requestedDue: input.requestedDue,
          by: input.requester.email,
        },
        comment: reason,
      },
    ]);
    const lookup = this.directory.lookup();
    const { bureau } = await lookup.firstWithContacts(approver);
    if (bureau) {
      const subject = await this.subjects.get(c.subjectKind).describe(em, c.subjectId);
      const requesterBureau =
        (await this.directory.bureau(input.requester.bureauCode))?.name ?? input.requester.bureauCode;
      const people = toRecipients(await lookup.contacts(bureau.code), bureau, ['head', 'liaison']);
      await this.notifier.send(
        em,
        people.map((r) => ({
          subjectKind: c.subjectKind,
          subjectId: c.subjectId,
          clockId: c.id,
          reason: 'extension_request',
          recipient: r,
          dedupeKey: `esc:${c.subjectKind}:${c.subjectId}:extension:${id}:to:${r.email.toLowerCase()}`,
          kind: 'escalation.extension',
          actions: [],
          render: () =>
            renderExtensionRequest({
              subject,
              recipient: r,
              requester: input.requester.name,
              requesterBureau,
              clockKind: c.kind,
              currentDue: c.dueAt,
              requestedDue: input.requestedDue,
              reason,
              queueUrl: `${this.notifier.baseUrl()}/console/escalation/extensions`,
            }),
        })),
      );
    }
    this.log.info(
      { requestId: id, clockId: c.id, approver, requestedDue: input.requestedDue },
      'extension requested',
    );
    return (await this.get(em, id))!;
  }

  /** The queue of a principal: requests whose approving bureau is in its subtree (admins too: HQ's see all). */
  list(p: Principal, status: string | null): Promise<ExtensionRequestView[]> {
    return this.db.query(
      `SELECT ${VIEW_COLUMNS} ${FROM} WHERE ($1::text IS NULL OR r.status = $1) AND ab.path LIKE $2 || '%'
        ORDER BY (r.status = 'pending') DESC, r.created_at DESC LIMIT 500`,
      [status, p.bureauPath],
    );
  }

  forSubject(subjectKind: string, subjectId: string): Promise<ExtensionRequestView[]> {
    return this.db.query(
      `SELECT ${VIEW_COLUMNS} ${FROM} WHERE r.subject_kind = $1 AND r.subject_id = $2 ORDER BY r.id`,
      [subjectKind, subjectId],
    );
  }

  async decide(p: Principal, id: string, approve: boolean, comment?: string): Promise<ExtensionRequestView> {
    if (!/^[0-9]{1,18}$/.test(id))
      throw escalationError('not_found', 'ESCALATION_EXTENSION_NOT_FOUND', `延期申请 ${id} 不存在`);
    return this.db.transaction(async (em) => {
      const [r] = await em.query(
        `SELECT r.id::text, r.status, r.clock_id::text AS "clockId", r.requested_due_at AS "requestedDueAt",
                r.requested_by_email AS email, r.requested_by_name AS name, r.bureau_code AS "bureauCode", ab.path AS "approverPath"
           FROM extension_requests r JOIN bureaus ab ON ab.code = r.approver_bureau_code WHERE r.id = $1 FOR UPDATE OF r`,
        [id],
      );
      if (!r) throw escalationError('not_found', 'ESCALATION_EXTENSION_NOT_FOUND', `延期申请 ${id} 不存在`);
      // the approving bureau (the unit's superior) or above it: its head, or an admin whose reach includes it
      authorize(p, 'extension.decide', { bureauPath: r.approverPath });
      if (r.status !== 'pending')
        throw escalationError(
          'conflict',
          'ESCALATION_EXTENSION_DECIDED',
          `该申请已${r.status === 'approved' ? '批准' : '驳回'}`,
        );
      const [c]: ClockRow[] = await em.query(
        `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c WHERE c.id = $1 FOR UPDATE`,
        [r.clockId],
      );
      const live = c.status === 'running' || c.status === 'missed';
      if (approve && !live)
        throw escalationError('conflict', 'ESCALATION_EXTENSION_INVALID', '该时限已结束，无法延期');
      const now = this.clock.now();
      const label = `${p.displayName || p.username}（${p.username}）`;
      if (approve) await this.escalation.moveDue(em, c, r.requestedDueAt);
      await em.query(
        `UPDATE extension_requests SET status = $2, decided_by = $3, decided_by_label = $4, decided_at = $5, decision_comment = $6 WHERE id = $1`,
        [
          id,
          approve ? 'approved' : 'refused',
          p.userId === '0' ? null : p.userId,
          label,
          now,
          comment?.trim() || null,
        ],
      );
      await this.subjects.get(c.subjectKind).recordEvents?.(em, [
        {
          subjectId: c.subjectId,
          at: now,
          action: approve ? 'deadline_extended' : 'extension_refused',
          after: {
            requestId: id,
            clockId: c.id,
            kind: c.kind,
            before: c.dueAt,
            after: approve ? r.requestedDueAt : c.dueAt,
            by: label,
          },
          comment: comment?.trim() || null,
        },
      ]);
      const subject = await this.subjects.get(c.subjectKind).describe(em, c.subjectId);
      const bureau = await this.directory.bureau(r.bureauCode);
      const recipient: Recipient = {
        name: r.name ?? r.email,
        email: r.email,
        role: 'liaison',
        bureauCode: r.bureauCode,
        bureauName: bureau?.name ?? '',
      };
      await this.notifier.send(em, [
        {
          subjectKind: c.subjectKind,
          subjectId: c.subjectId,
          clockId: c.id,
          reason: 'extension_decision',
          recipient,
          dedupeKey: `esc:${c.subjectKind}:${c.subjectId}:extension:${id}:decision:to:${r.email.toLowerCase()}`,
          kind: 'escalation.extension',
          actions: [],
          render: () =>
            renderExtensionDecision({
              subject,
              recipient,
              approved: approve,
              clockKind: c.kind,
              newDue: approve ? r.requestedDueAt : c.dueAt,
              by: label,
              comment: comment?.trim() || null,
            }),
        },
      ]);
      this.log.info(
        { requestId: id, clockId: c.id, approve, by: p.username, before: c.dueAt, after: r.requestedDueAt },
        'extension decided',
      );
      return (await this.get(em, id))!;
    });
  }

  private async get(em: EntityManager, id: string): Promise<ExtensionRequestView | null> {
    const [row] = await em.query(`SELECT ${VIEW_COLUMNS} ${FROM} WHERE r.id = $1`, [id]);
    return row ?? null;
  }
}
