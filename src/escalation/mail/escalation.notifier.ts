import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { resolveSecretKey } from '../../infrastructure/config/secret-key';
import { OutboxService } from '../../notifications/outbox.service';
import type { MailPriority } from '../../notifications/outbox.types';
import type { SubjectDescription } from '../engine/clock-subjects';
import { issueToken } from '../links/action-link-token';
import type { RenderedNotice } from './escalation-mail';
import { EscalationConfig } from '../escalation.config';
import { ACTION_LABELS, ActionKind, Recipient } from '../escalation.types';

export type NotificationReason =
  | 'start'
  | 'step'
  | 'repeat'
  | 'acknowledged'
  | 'reported'
  | 'closed'
  | 'reopened'
  | 'unreached'
  | 'reassigned'
  | 'extension_request'
  | 'extension_decision';

/** One mail to one person, not yet rendered (its action links are minted while it is written). */
export interface Outgoing {
  subjectKind: string;
  subjectId: string;
  clockId: string | null;
  reason: NotificationReason;
  stepNo?: number;
  repeat?: number;
  recipient: Recipient;
  fallbackFrom?: string[];
  /** Unique per (subject, clock, step, repeat, recipient): a step can never queue the same mail twice. */
  dedupeKey: string;
  /** Outbox kind, e.g. 'escalation.step'. */
  kind: string;
  /** How urgent (mailPriority): urgent mails skip the per-recipient digest window. */
  priority?: MailPriority;
  actions: ActionKind[];
  render(actions: { label: string; url: string }[]): RenderedNotice;
}

/**
 * A notice's urgency from its subject's tone (a grade Ⅰ/Ⅱ incident is 'danger'). The unit's first notice of a Ⅰ/Ⅱ
 * incident is urgent — 15 minutes to acknowledge, so it is never held for a digest; the ladder's later mails to
 * superiors are 'high': they still share a digest when several fall due in one minute, named and listed first.
 */
export function mailPriority(subject: Pick<SubjectDescription, 'tone'>, first: boolean): MailPriority {
  if (subject.tone === 'danger') return first ? 'urgent' : 'high';
  return subject.tone === 'warning' && first ? 'high' : 'normal';
}

/**
 * Writes escalation mails in the caller's transaction: signed links (action_links), the outbox rows
 * (OutboxService.enqueueMany, unique dedupe keys) and the per-recipient record (escalation_notifications), all
 * batched. A mail whose dedupe key already exists changes nothing, and its freshly minted links are not stored.
 */
@Injectable()
export class EscalationNotifier {
  private secret: string | null = null;

  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly config: EscalationConfig,
  ) {}

  /** Base URL of links in mails (read per call: tests point it at their random port after start). */
  baseUrl(): string {
    return this.app.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  signingKey(): string {
    this.secret ??= resolveSecretKey(this.app);
    return this.secret;
  }

  async send(em: EntityManager, items: Outgoing[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.ESCALATION_LINK_TTL_HOURS * 3600_000);
    const links: Record<string, unknown>[][] = [];
    // one draw from the CSPRNG for the whole batch instead of one per link
    const entropy = randomBytes(18 * items.reduce((n, it) => n + it.actions.length, 0));
    let drawn = 0;
    const msgs = items.map((it) => {
      const own: Record<string, unknown>[] = [];
      const actions = it.actions.map((action) => {
        const { token, tokenHash } = issueToken(
          this.signingKey(),
          {
            action,
            subjectKind: it.subjectKind,
            subjectId: it.subjectId,
            recipientEmail: it.recipient.email,
            expiresAt,
          },
          entropy.subarray(drawn, (drawn += 18)),
        );
        own.push({
          token_hash: tokenHash,
          subject_kind: it.subjectKind,
          subject_id: it.subjectId,
          clock_id: it.clockId,
          action,
          recipient_email: it.recipient.email,
          recipient_name: it.recipient.name,
          recipient_role: it.recipient.role,
          recipient_bureau_code: it.recipient.bureauCode,
        });
        return { label: ACTION_LABELS[action], url: `${this.baseUrl()}/links/${token}` };
      });
      links.push(own);
      const mail = it.render(actions);
      return {
        dedupeKey: it.dedupeKey,
        to: it.recipient.email,
        toName: it.recipient.name,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        kind: it.kind,
        priority: it.priority,
        incidentId: it.subjectKind === 'incident' ? it.subjectId : null,
      };
    });
    const results = await this.outbox.enqueueMany(em, msgs);
    const created = items.map((it, i) => ({ it, i, r: results[i] })).filter((x) => x.r.created);
    if (created.length === 0) return 0;
    const linkRows = created.flatMap((x) => links[x.i]);
    if (linkRows.length) {
      await em.query(
        `INSERT INTO action_links (token_hash, subject_kind, subject_id, clock_id, action, recipient_email, recipient_name,
                                   recipient_role, recipient_bureau_code, created_at, expires_at)
         SELECT x.token_hash, x.subject_kind, x.subject_id, x.clock_id, x.action, x.recipient_email, x.recipient_name,
                x.recipient_role, x.recipient_bureau_code, $2, $3
           FROM jsonb_to_recordset($1::jsonb) AS x(token_hash text, subject_kind text, subject_id bigint, clock_id bigint,
                action text, recipient_email text, recipient_name text, recipient_role text, recipient_bureau_code text)`,
        [JSON.stringify(linkRows), now, expiresAt],
      );
    }
    await em.query(
      `INSERT INTO escalation_notifications (subject_kind, subject_id, clock_id, reason, step_no, repeat, recipient_email,
              recipient_name, recipient_role, recipient_bureau_code, fallback_from, outbox_id, created_at)
       SELECT x.subject_kind, x.subject_id, x.clock_id, x.reason, x.step_no, x.repeat, x.recipient_email, x.recipient_name,
              x.recipient_role, x.recipient_bureau_code, coalesce(x.fallback_from, '{}'), x.outbox_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(subject_kind text, subject_id bigint, clock_id bigint, reason text,
              step_no int, repeat int, recipient_email text, recipient_name text, recipient_role text,
              recipient_bureau_code text, fallback_from text[], outbox_id bigint)
       ON CONFLICT (outbox_id) DO NOTHING`,
      [
        JSON.stringify(
          created.map(({ it, r }) => ({
            subject_kind: it.subjectKind,
            subject_id: it.subjectId,
            clock_id: it.clockId,
            reason: it.reason,
            step_no: it.stepNo ?? null,
            repeat: it.repeat ?? null,
            recipient_email: it.recipient.email,
            recipient_name: it.recipient.name,
            recipient_role: it.recipient.role,
            recipient_bureau_code: it.recipient.bureauCode,
            fallback_from: it.fallbackFrom ?? [],
            outbox_id: r.id,
          })),
        ),
        now,
      ],
    );
    return created.length;
  }

  /** Everyone an escalation mail of this subject ever went to (for the "acknowledged"/"closed" notes). */
  async notifiedPeople(em: EntityManager, subjectKind: string, subjectId: string): Promise<Recipient[]> {
    return em.query(
      `SELECT DISTINCT ON (lower(n.recipient_email)) n.recipient_email AS email, coalesce(n.recipient_name, '') AS name,
              coalesce(n.recipient_role, 'liaison') AS role, coalesce(n.recipient_bureau_code, '00') AS "bureauCode",
              coalesce(b.name, '') AS "bureauName"
         FROM escalation_notifications n LEFT JOIN bureaus b ON b.code = n.recipient_bureau_code
        WHERE n.subject_kind = $1 AND n.subject_id = $2 AND n.reason IN ('start','step','repeat','reassigned','unreached')
        ORDER BY lower(n.recipient_email), n.id`,
      [subjectKind, subjectId],
    );
  }
}
