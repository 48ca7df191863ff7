import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { composeBody, keyValueTable, paragraph } from '../../notifications/email-blocks';
import { renderEmail } from '../../notifications/email-layout';
import { OutboxService } from '../../notifications/outbox.service';
import { formatShanghai } from '../../notifications/time-format';
import { CONTACT_ROLE_LABELS, ContactRole } from '../../organisation/organisation.types';
import type { SubjectDescription } from '../engine/clock-subjects';
import { clocksOf } from '../engine/escalation-clock.store';
import { EscalationDirectory } from '../engine/escalation.directory';
import type { RenderedNotice } from '../mail/escalation-mail';
import { EscalationNotifier } from '../mail/escalation.notifier';
import { responsibleBureau } from './responsible-bureau';

/** Someone who re-assesses (研判) the incident: a 舆情联络员 on file, or a monitor user with an address. */
export interface ReviewRecipient {
  name: string;
  email: string;
  what: string;
  bureauName: string;
  bureauCode: string;
  role: 'liaison' | 'monitor';
}

export interface ReviewRequest {
  incidentId: string;
  subject: SubjectDescription;
  /** The link holder: name, address, contact role and bureau the link was sent to. */
  by: { name: string | null; email: string; role: ContactRole | null; bureauName: string };
  reason: string;
  at: Date;
  /** The link used; with the recipient it makes the dedupe key (one notice per request and person). */
  linkId: string;
}

/** The notice itself (pure; review-request.notice.spec.ts): who asked, why, and where to re-assess. */
export function renderReviewRequest(
  r: ReviewRequest,
  to: ReviewRecipient,
  incidentUrl: string,
): RenderedNotice {
  const s = r.subject;
  const title = `${s.label ? `${s.label}｜` : ''}${s.title}`;
  const who = `${r.by.name ?? r.by.email}（${r.by.bureauName}${r.by.role ? ` ${CONTACT_ROLE_LABELS[r.by.role]}` : ''}，${r.by.email}）`;
  const body = composeBody([
    paragraph(
      `${to.name}（${to.what}）：${who} 于 ${formatShanghai(r.at)} 通过邮件链接申请将下列舆情事件复核为误报，请重新研判。`,
    ),
    keyValueTable([
      { label: '事件', value: title },
      { label: '复核理由', value: r.reason },
    ]),
    paragraph(
      '研判结果出来前，各项时限仍在计时。请在事件页面“答复复核”：维持原研判、改判等级，或（尚可排除的事件）改判为误报，均须写明理由；已由人工确认的事件不能排除，确属误报的请报上级复核。',
    ),
  ]);
  const rendered = renderEmail({
    title: `申请复核：${s.title}`,
    preheader: `${r.by.bureauName} 申请复核：${r.reason.slice(0, 40)}`,
    ...body,
    actions: [{ label: '打开事件页面研判', url: incidentUrl }],
    tone: 'warning',
  });
  return { subject: `【舆情哨】申请复核：${title}`.slice(0, 120), ...rendered };
}

/**
 * 申请复核 (issue: review requests notified nobody). The request is a timeline entry; in the same transaction, the
 * people who re-assess the incident get a notice: the 舆情联络员 contacts and the monitor users of the bureau
 * responsible for it — or, when it has none, of the nearest bureau above (monitors triage within their subtree).
 */
@Injectable()
export class ReviewRequestNotices {
  constructor(
    private readonly directory: EscalationDirectory,
    private readonly notifier: EscalationNotifier,
    private readonly outbox: OutboxService,
  ) {}

  /** Queues the notices; returns how many people they reach. */
  async queue(em: EntityManager, r: ReviewRequest): Promise<number> {
    const [inc] = await em.query(`SELECT bureau_code FROM incidents WHERE id = $1`, [r.incidentId]);
    const code = responsibleBureau(await clocksOf(em, 'incident', r.incidentId), inc?.bureau_code ?? null);
    const people = (await this.reviewers(em, code)).filter(
      (p) => p.email.toLowerCase() !== r.by.email.toLowerCase(),
    );
    const url = `${this.notifier.baseUrl()}/console/incidents/${r.incidentId}`;
    const results = await this.outbox.enqueueMany(
      em,
      people.map((to) => {
        const mail = renderReviewRequest(r, to, url);
        return {
          dedupeKey: `esc:incident:${r.incidentId}:review:${r.linkId}:to:${to.email.toLowerCase()}`,
          to: to.email,
          toName: to.name,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: 'escalation.review_requested',
          incidentId: r.incidentId,
        };
      }),
    );
    // Listed in the incident's 通知记录 with the other notices: who was told, and whether the mail went out.
    const created = people.map((to, i) => ({ to, r: results[i] })).filter((x) => x.r.created);
    if (created.length)
      await em.query(
        `INSERT INTO escalation_notifications (subject_kind, subject_id, reason, recipient_email, recipient_name,
                recipient_role, recipient_bureau_code, outbox_id, created_at)
         SELECT 'incident', $1, 'review_requested', x.email, x.name, x.role, x.bureau, x.outbox, $3
           FROM jsonb_to_recordset($2::jsonb) AS x(email text, name text, role text, bureau text, outbox bigint)
         ON CONFLICT (outbox_id) DO NOTHING`,
        [
          r.incidentId,
          JSON.stringify(
            created.map(({ to, r: res }) => ({
              email: to.email,
              name: to.name,
              role: to.role,
              bureau: to.bureauCode,
              outbox: res.id,
            })),
          ),
          r.at,
        ],
      );
    return created.length;
  }

  /** The reviewers of `code`, or of the first bureau above it that has any. */
  private async reviewers(em: EntityManager, code: string): Promise<ReviewRecipient[]> {
    for (let node = await this.directory.bureau(code); node;) {
      const rows: { name: string; email: string; what: string; role: ReviewRecipient['role'] }[] =
        await em.query(
          `SELECT DISTINCT ON (lower(btrim(email))) name, btrim(email) AS email, what, role FROM (
           SELECT c.name, c.email, '舆情联络员' AS what, 'liaison' AS role, 0 AS o, c.id FROM bureau_contacts c
            WHERE c.bureau_code = $1 AND c.role = 'liaison'
           UNION ALL
           SELECT u.display_name, u.email, '舆情监测岗', 'monitor', 1, u.id FROM users u
            WHERE u.bureau_code = $1 AND u.role = 'monitor' AND NOT u.disabled AND coalesce(btrim(u.email), '') <> ''
         ) x ORDER BY lower(btrim(email)), o, id`,
          [node.code],
        );
      if (rows.length) return rows.map((p) => ({ ...p, bureauName: node!.name, bureauCode: node!.code }));
      node = node.parentCode ? await this.directory.bureau(node.parentCode) : null;
    }
    return [];
  }
}
