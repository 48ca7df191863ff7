/**
 * The alert sent when a notice reaches nobody (issue 12 point 19; pure, escalation-alert-mail.spec.ts): to the
 * next level up and to HQ's office, saying whom the system could not reach, about what, and what to do — enter the
 * contacts. A notice that reaches nobody is itself a failure someone above must hear of, not a silent skip.
 */
import { CONTACT_ROLE_LABELS, ContactRole } from '../../organisation/organisation.types';
import { callout, composeBody, heading, keyValueTable, paragraph } from '../../notifications/email-blocks';
import { emailHtml, trustedEmailHtml } from '../../notifications/email-html';
import { renderEmail } from '../../notifications/email-layout';
import { formatShanghai } from '../../notifications/time-format';
import type { SubjectDescription } from '../engine/clock-subjects';
import { deadlineText, MailClock, RenderedNotice, roleList } from './escalation-mail';
import { CLOCK_KIND_LABELS, ClockKind, Recipient } from '../escalation.types';

export interface UnreachedNotice {
  /** The bureau whose people could not be reached, and the roles the notice was for. */
  bureauName: string;
  roles: ContactRole[];
  /** A ladder step of this deadline, or (null) the unit's first notice. */
  clockKind: ClockKind | null;
  dueAt: Date | null;
  /** When the notice should have gone out. */
  plannedAt: Date;
  /** True when the notice is kept and will go out once the contacts are entered. */
  kept: boolean;
}

export function renderUnreachedAlert(input: {
  notice: UnreachedNotice;
  subject: SubjectDescription;
  recipient: Recipient;
  now: Date;
  clocks: MailClock[];
}): RenderedNotice {
  const { notice: n, subject: s } = input;
  const label = n.clockKind ? CLOCK_KIND_LABELS[n.clockKind] : '首次通知';
  const base = `${s.label ? `${s.label}｜` : ''}${s.title}`;
  const subject = `【舆情哨】【无人接收】${n.bureauName}「${label}」通知无人可送达：${base}`.slice(0, 120);
  const who = `${input.recipient.name}（${input.recipient.bureauName} ${CONTACT_ROLE_LABELS[input.recipient.role]}）`;
  const why = n.clockKind
    ? `「${label}」时限${n.dueAt ? `已于 ${formatShanghai(n.dueAt)} 到期` : '已到期'}，至今未完成`
    : '事件已确认，需要该单位立即签收处置';
  const live = input.clocks.filter((c) => c.status !== 'cancelled');
  const body = composeBody([
    callout(
      `${who}：系统应于 ${formatShanghai(n.plannedAt)} 通知 ${n.bureauName} ${roleList(n.roles)}（${why}），但该单位未登记上述人员的联系方式，通知无人接收。请督促其立即处置。`,
      'danger',
    ),
    { html: trustedEmailHtml(s.summaryHtml), text: s.summaryText },
    heading(`办理时限（截至 ${formatShanghai(input.now)}）`),
    live.length
      ? keyValueTable(
          live.map((c) => ({ label: CLOCK_KIND_LABELS[c.kind], value: deadlineText(c, input.now) })),
        )
      : paragraph('（无进行中的时限）'),
    paragraph(
      n.kept
        ? `请尽快在舆情哨“单位与联系人”中为 ${n.bureauName} 补录联系人；补录后，系统将向其补发本通知。`
        : `请尽快在舆情哨“单位与联系人”中为 ${n.bureauName} 补录联系人；补录后，后续提醒将直接送达该单位。`,
    ),
  ]);
  const rendered = renderEmail({
    title: subject.replace(/^【舆情哨】/, ''),
    preheader: `${n.bureauName} 未登记${roleList(n.roles)}，通知无人接收`,
    bodyHtml: emailHtml`${body.bodyHtml}<p style="margin:12px 0 0 0"><a href="${s.consoleUrl}" style="color:#1d4ed8">在舆情哨控制台查看事件与时限</a></p>`,
    bodyText: `${body.bodyText}\n\n控制台：${s.consoleUrl}`,
    tone: 'danger',
  });
  return { subject, ...rendered };
}
