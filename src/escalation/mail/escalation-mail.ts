/**
 * The escalation emails, Chinese, HTML + text through F1's renderEmail (pure; escalation-mail.spec.ts): the first
 * notice, the step reminders (own unit) and supervision notices (superior bureaus), and the short "acknowledged" /
 * "closed" notes. Deadlines are Asia/Shanghai local time with the time left; every notice says what happens next
 * if nobody acts.
 */
import { CONTACT_ROLE_LABELS, ContactRole } from '../../organisation/organisation.types';
import {
  callout,
  composeBody,
  EmailBlock,
  heading,
  keyValueTable,
  paragraph,
} from '../../notifications/email-blocks';
import { emailHtml, trustedEmailHtml } from '../../notifications/email-html';
import { renderEmail, RenderedEmail } from '../../notifications/email-layout';
import { formatDuration, formatShanghai, formatSpan } from '../../notifications/time-format';
import type { SubjectDescription } from '../engine/clock-subjects';
import { tasksText } from '../engine/clock-tasks';
import { CLOCK_KIND_LABELS, ClockKind, ClockStatus, Recipient } from '../escalation.types';

export interface MailClock {
  kind: ClockKind;
  dueAt: Date;
  status: ClockStatus;
  metAt?: Date | null;
}

export interface NextStepInfo {
  at: Date;
  clockKind: ClockKind;
  bureauName: string;
  roles: ContactRole[];
}

export interface NoticeInput {
  reason: 'start' | 'step' | 'repeat' | 'reassigned' | 'regraded';
  subject: SubjectDescription;
  recipient: Recipient;
  now: Date;
  clocks: MailClock[];
  /** The deadline whose step this is (steps and repeats), and the minute the step was planned for. */
  trigger?: {
    clockKind: ClockKind;
    dueAt: Date;
    up: number;
    responsibleBureauName: string;
    plannedAt?: Date;
  };
  /** Set on a first notice delivered late: when it was first composed and found nobody to reach. */
  heldSince?: Date;
  next: NextStepInfo | null;
  actions: { label: string; url: string }[];
}

export interface RenderedNotice extends RenderedEmail {
  subject: string;
}

export const roleList = (roles: readonly ContactRole[]) =>
  roles.map((r) => CONTACT_ROLE_LABELS[r]).join('、');

/** '2026-11-02 10:15（还剩 12 分）' or '已完成（2026-11-02 10:03）'. */
export function deadlineText(c: MailClock, now: Date): string {
  if (c.status === 'met') return `已完成${c.metAt ? `（${formatShanghai(c.metAt)}）` : ''}`;
  if (c.status === 'cancelled') return '已取消';
  return `${formatShanghai(c.dueAt)}（${formatDuration(c.dueAt.getTime() - now.getTime())}）`;
}

function subjectLine(input: NoticeInput): string {
  const s = input.subject;
  const base = `${s.label ? `${s.label}｜` : ''}${s.title}`;
  const clip = (t: string) => (t.length > 110 ? `${t.slice(0, 109)}…` : t);
  const t = input.trigger;
  if (input.reason === 'start') return clip(`【舆情哨】请签收：${base}`);
  if (input.reason === 'reassigned') return clip(`【舆情哨】事件移交本单位，请签收：${base}`);
  if (input.reason === 'regraded') return clip(`【舆情哨】事件升级，时限收紧：${base}`);
  const label = t ? CLOCK_KIND_LABELS[t.clockKind] : '时限';
  if (t && t.up > 0) return clip(`【舆情哨】【督办】${t.responsibleBureauName}「${label}」已超时：${base}`);
  return clip(`【舆情哨】${input.reason === 'repeat' ? '【再次提醒】' : ''}「${label}」已超时：${base}`);
}

function lead(input: NoticeInput): EmailBlock {
  const who = `${input.recipient.name}（${input.recipient.bureauName} ${CONTACT_ROLE_LABELS[input.recipient.role]}）`;
  const t = input.trigger;
  if (input.reason === 'regraded') {
    return callout(
      `${who}：本事件等级已升级为${input.subject.label ?? '更高等级'}，下列时限已按新等级重新计算，请立即处置。`,
      'danger',
    );
  }
  if (input.reason === 'start' || input.reason === 'reassigned') {
    return callout(`${who}：您单位有一起舆情事件需要处置，${tasksText(input.clocks)}。`, 'danger');
  }
  const label = t ? CLOCK_KIND_LABELS[t.clockKind] : '时限';
  const when = t ? formatShanghai(t.dueAt) : '';
  if (t && t.up > 0) {
    return callout(
      `${who}：下级单位 ${t.responsibleBureauName} 的「${label}」时限已于 ${when} 到期，至今未完成，请督促其立即处置。`,
      'danger',
    );
  }
  return callout(`${who}：本事件「${label}」时限已于 ${when} 到期，至今未完成，请立即处理。`, 'danger');
}

/**
 * What happens next, worded against the compose time: a mail composed after downtime can name a step whose time has
 * already passed (the engine catches up in the same run), and must say so rather than promise it "即将".
 */
function nextBlock(input: NoticeInput): EmailBlock {
  const n = input.next;
  if (!n) return paragraph('如仍无人处理，本事件将按规定计入迟报、漏报统计。');
  const label = CLOCK_KIND_LABELS[n.clockKind];
  const who = `${n.bureauName} ${roleList(n.roles)}`;
  const ahead = n.at.getTime() - input.now.getTime();
  if (ahead <= 0) {
    return callout(
      `「${label}」仍未完成，已于 ${formatShanghai(n.at)} 到达升级时间，系统现一并通知 ${who}。`,
      'warning',
    );
  }
  return callout(
    `若「${label}」仍未完成，系统将于 ${formatShanghai(n.at)}（${formatSpan(ahead)}后）通知 ${who}。`,
    'warning',
  );
}

/** A step sent well after its planned minute (the service was down) says so, with both times. */
function delayNote(input: NoticeInput): EmailBlock[] {
  const planned = input.trigger?.plannedAt;
  if (!planned || input.now.getTime() - planned.getTime() < 60_000) return [];
  return [
    paragraph(
      `本提醒原定于 ${formatShanghai(planned)} 发出，因系统中断延至 ${formatShanghai(input.now)} 发出；下列时限状态按发出时计算。`,
    ),
  ];
}

/** A first notice held back because the unit had nobody on file, delivered once its contacts were entered. */
function resentNote(input: NoticeInput): EmailBlock[] {
  if (!input.heldSince) return [];
  return [
    paragraph(
      `（补发）本通知于 ${formatShanghai(input.heldSince)} 生成时，贵单位尚未登记相应联系人，未能送达；联系人登记后现补发，请立即按下列时限办理。`,
    ),
  ];
}

export function renderNotice(input: NoticeInput): RenderedNotice {
  const s = input.subject;
  const live = input.clocks.filter((c) => c.status !== 'cancelled');
  const blocks: EmailBlock[] = [
    lead(input),
    ...resentNote(input),
    ...delayNote(input),
    { html: trustedEmailHtml(s.summaryHtml), text: s.summaryText },
    // the time left is as of composing; stating that instant keeps a mail delivered late truthful
    heading(`办理时限（截至 ${formatShanghai(input.now)}）`),
    live.length
      ? keyValueTable(
          live.map((c) => ({ label: CLOCK_KIND_LABELS[c.kind], value: deadlineText(c, input.now) })),
        )
      : paragraph('（无进行中的时限）'),
    nextBlock(input),
  ];
  if (input.actions.length) {
    blocks.push(paragraph('点击下方按钮办理（链接仅供本人使用，一次有效，打开后需再次确认）：'));
  }
  const body = composeBody(blocks);
  const subject = subjectLine(input);
  const rendered = renderEmail({
    title: subject.replace(/^【舆情哨】/, ''),
    preheader: live.length
      ? `${CLOCK_KIND_LABELS[live[0].kind]}：${deadlineText(live[0], input.now)}`
      : s.title,
    bodyHtml: emailHtml`${body.bodyHtml}<p style="margin:12px 0 0 0"><a href="${s.consoleUrl}" style="color:#1d4ed8">在舆情哨控制台查看事件与时限</a></p>`,
    bodyText: `${body.bodyText}\n\n控制台：${s.consoleUrl}`,
    actions: input.actions,
    tone: s.tone ?? 'danger',
  });
  return { subject, ...rendered };
}

/** To the superior bureau: a unit asks for more time. */
export function renderExtensionRequest(input: {
  subject: SubjectDescription;
  recipient: Recipient;
  requester: string;
  requesterBureau: string;
  clockKind: ClockKind;
  currentDue: Date;
  requestedDue: Date;
  reason: string;
  queueUrl: string;
}): RenderedNotice {
  const label = CLOCK_KIND_LABELS[input.clockKind];
  const subject =
    `【舆情哨】延期申请待审批：${input.requesterBureau}「${label}」｜${input.subject.title}`.slice(0, 120);
  const body = composeBody([
    callout(`${input.requester}（${input.requesterBureau}）申请延长「${label}」时限，请审批。`, 'warning'),
    keyValueTable([
      { label: '事件', value: input.subject.title },
      { label: '当前时限', value: formatShanghai(input.currentDue) },
      { label: '申请延至', value: formatShanghai(input.requestedDue) },
      { label: '理由', value: input.reason },
    ]),
  ]);
  const rendered = renderEmail({
    title: `延期申请：${input.subject.title}`,
    preheader: `${input.requesterBureau} 申请延至 ${formatShanghai(input.requestedDue)}`,
    ...body,
    actions: [{ label: '进入延期审批', url: input.queueUrl }],
    tone: 'warning',
  });
  return { subject, ...rendered };
}

/** To the requester: the superior's decision. */
export function renderExtensionDecision(input: {
  subject: SubjectDescription;
  recipient: Recipient;
  approved: boolean;
  clockKind: ClockKind;
  newDue: Date;
  by: string;
  comment: string | null;
}): RenderedNotice {
  const label = CLOCK_KIND_LABELS[input.clockKind];
  const verdict = input.approved ? '已批准' : '未批准';
  const subject = `【舆情哨】延期申请${verdict}：「${label}」｜${input.subject.title}`.slice(0, 120);
  const body = composeBody([
    paragraph(`${input.recipient.name}：您提交的「${label}」延期申请${verdict}（审批人：${input.by}）。`),
    keyValueTable([
      { label: input.approved ? '新的时限' : '时限仍为', value: formatShanghai(input.newDue) },
      ...(input.comment ? [{ label: '审批意见', value: input.comment }] : []),
    ]),
  ]);
  const rendered = renderEmail({
    title: `延期申请${verdict}`,
    preheader: `${label}：${formatShanghai(input.newDue)}`,
    ...body,
    actions: [{ label: '查看事件', url: input.subject.consoleUrl }],
    tone: input.approved ? 'info' : 'warning',
  });
  return { subject, ...rendered };
}
