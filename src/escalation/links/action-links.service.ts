import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Action } from '../../auth/policy/permissions';
import { can } from '../../auth/policy/policy';
import type { Actor, IncidentStatus } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import type { ContactRole } from '../../organisation/organisation.types';
import { parseToken, verifyToken } from './action-link-token';
import { ClockSubjects, SubjectDescription } from '../engine/clock-subjects';
import { clocksOf } from '../engine/escalation-clock.store';
import { EscalationDirectory } from '../engine/escalation.directory';
import { EscalationNotifier } from '../mail/escalation.notifier';
import { ACTION_LABELS, ActionKind, ClockRow } from '../escalation.types';
import { LinkActions } from './link-actions.service';
import { formatShanghai } from '../../notifications/time-format';
import { responsibleBureau } from '../incident/responsible-bureau';

/** What each link does, in the terms of the authorization policy (src/auth/policy/permissions.ts). */
const LINK_ACTIONS: Record<ActionKind, Action> = {
  acknowledge: 'incident.acknowledge',
  report: 'incident.report',
  review: 'incident.request_review',
  extension: 'extension.request',
};

export interface LinkRow {
  id: string;
  subjectKind: string;
  subjectId: string;
  clockId: string | null;
  action: ActionKind;
  recipientEmail: string;
  recipientName: string | null;
  recipientRole: ContactRole | null;
  recipientBureauCode: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  usedIp: string | null;
  result: { message?: string } | null;
}

/** Why a link does not work: 403 for a token that is not ours, 410 for one that was ours but is spent. */
export interface LinkRefusal {
  status: 403 | 410;
  title: string;
  message: string;
}

export interface LinkView {
  link: LinkRow;
  subject: SubjectDescription;
  clocks: ClockRow[];
  incidentStatus: IncidentStatus | null;
}

export interface LinkForm {
  reportType?: string;
  reference?: string;
  reportedTo?: string;
  reason?: string;
  clockId?: string;
  requestedDue?: string;
}

const outOfReach: LinkRefusal = {
  status: 403,
  title: '无权办理',
  message: '该事项已不由您的单位负责（例如已改派其他单位），此链接不能再办理。请登录控制台查看。',
};

const LINK_COLUMNS = `l.id::text, l.subject_kind AS "subjectKind", l.subject_id::text AS "subjectId", l.clock_id::text AS "clockId",
  l.action, l.recipient_email AS "recipientEmail", l.recipient_name AS "recipientName", l.recipient_role AS "recipientRole",
  l.recipient_bureau_code AS "recipientBureauCode", l.expires_at AS "expiresAt", l.used_at AS "usedAt", l.used_ip AS "usedIp", l.result`;

/**
 * Signed action links from emails. GET only looks (a mail scanner prefetching the link changes nothing); POST acts,
 * once: the row is locked, checked (signature, expiry, unused, and the policy: the bureau the link was sent to must
 * still be responsible for the subject, or above it), the action applied and the use recorded (time, IP, user agent)
 * in one transaction. A bad form input rolls everything back and leaves the link usable.
 */
@Injectable()
export class ActionLinksService {
  private readonly log = rootLogger().child({ ctx: 'escalation.links' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly notifier: EscalationNotifier,
    private readonly subjects: ClockSubjects,
    private readonly actions: LinkActions,
    private readonly directory: EscalationDirectory,
  ) {}

  async inspect(token: string): Promise<LinkView | LinkRefusal> {
    const link = await this.check(this.db.manager, token, false);
    if ('status' in link) return link;
    return this.view(this.db.manager, link);
  }

  async use(
    token: string,
    form: LinkForm,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ view: LinkView; message: string } | LinkRefusal> {
    return this.db.transaction(async (em) => {
      const link = await this.check(em, token, true);
      if ('status' in link) {
        this.log.warn({ token: token.slice(0, 6), ip: meta.ip, refused: link.title }, 'action link refused');
        return link;
      }
      const actor: Actor = {
        userId: null,
        label:
          `${link.recipientName ?? ''} <${link.recipientEmail}> ${ACTION_LABELS[link.action]}链接`.trim(),
        bureauCode: link.recipientBureauCode ?? undefined,
      };
      const message = await this.actions.apply(em, link, form, actor);
      const now = this.clock.now();
      await em.query(
        `UPDATE action_links SET used_at = $2, used_ip = $3, used_user_agent = $4, result = $5 WHERE id = $1`,
        [
          link.id,
          now,
          meta.ip?.slice(0, 100) ?? null,
          meta.userAgent?.slice(0, 500) ?? null,
          JSON.stringify({ message, form }),
        ],
      );
      this.log.info(
        {
          linkId: link.id,
          action: link.action,
          subject: `${link.subjectKind}:${link.subjectId}`,
          ip: meta.ip,
        },
        'action link used',
      );
      return { view: await this.view(em, { ...link, usedAt: now }), message };
    });
  }

  private async check(em: EntityManager, token: string, lock: boolean): Promise<LinkRow | LinkRefusal> {
    const invalid: LinkRefusal = {
      status: 403,
      title: '链接无效',
      message: '该链接无效或已被篡改，无法办理。请使用邮件中的原始链接，或登录控制台办理。',
    };
    const parsed = parseToken(token);
    if (!parsed) return invalid;
    const [link]: LinkRow[] = await em.query(
      `SELECT ${LINK_COLUMNS} FROM action_links l WHERE l.token_hash = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [parsed.tokenHash],
    );
    if (!link) return invalid;
    const ok = verifyToken(this.notifier.signingKey(), parsed, {
      action: link.action,
      subjectKind: link.subjectKind,
      subjectId: link.subjectId,
      recipientEmail: link.recipientEmail,
      expiresAt: link.expiresAt,
    });
    if (!ok) return invalid;
    if (link.usedAt) {
      return {
        status: 410,
        title: '链接已使用',
        message: `该链接已于 ${formatShanghai(link.usedAt)} 使用过，每个链接只能使用一次。${link.result?.message ? `办理结果：${link.result.message}` : ''}`,
      };
    }
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) {
      return {
        status: 410,
        title: '链接已过期',
        message: `该链接已于 ${formatShanghai(link.expiresAt)} 过期。请登录控制台办理，或等待系统发送的新通知。`,
      };
    }
    return (await this.permitted(em, link)) ? link : outOfReach;
  }

  /**
   * The link holder acts for the bureau the link was sent to: the policy lets it act while the subject's responsible
   * bureau (after routing, following a reassignment) is that bureau or below it.
   */
  private async permitted(em: EntityManager, link: LinkRow): Promise<boolean> {
    const holder = link.recipientBureauCode ? await this.directory.bureau(link.recipientBureauCode) : null;
    if (!holder) return false;
    const clocks = await clocksOf(em, link.subjectKind, link.subjectId);
    const own = clocks.length
      ? null
      : (await this.subjects.get(link.subjectKind).describe(em, link.subjectId)).bureauCode;
    const responsible = await this.directory.bureau(responsibleBureau(clocks, own));
    return can({ role: 'link', bureauPath: holder.path }, LINK_ACTIONS[link.action], {
      bureauPath: responsible?.path ?? null,
    });
  }

  private async view(em: EntityManager, link: LinkRow): Promise<LinkView> {
    const subject = await this.subjects.get(link.subjectKind).describe(em, link.subjectId);
    const clocks = await clocksOf(em, link.subjectKind, link.subjectId);
    let incidentStatus: IncidentStatus | null = null;
    if (link.subjectKind === 'incident') {
      const [row] = await em.query(`SELECT status FROM incidents WHERE id = $1`, [link.subjectId]);
      incidentStatus = row?.status ?? null;
    }
    return { link, subject, clocks, incidentStatus };
  }
}
