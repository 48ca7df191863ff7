/**
 * The short notes everyone notified about an incident gets when it is acknowledged, reported or closed (pure;
 * escalation-mail.spec.ts). Each note names the act that happened.
 */
import { composeBody, keyValueTable, paragraph } from '../../notifications/email-blocks';
import { emailHtml } from '../../notifications/email-html';
import { renderEmail } from '../../notifications/email-layout';
import { formatShanghai } from '../../notifications/time-format';
import type { SubjectDescription } from '../engine/clock-subjects';
import type { RenderedNotice } from './escalation-mail';
import { stillRunningText } from '../engine/clock-tasks';
import type { ClockKind, ClockStatus, Recipient } from '../escalation.types';
import { ReportEvidence, reportLine } from '../../incidents/triage/report-form';

export type StatusNoteKind = 'acknowledged' | 'reported' | 'closed' | 'reopened';

const STATUS_NOTE_WORDS: Record<StatusNoteKind, { what: string; did: string }> = {
  acknowledged: { what: '已签收', did: '签收' },
  // 已上报 on an unacknowledged incident acknowledges it too; the note names the act that happened: the report
  reported: { what: '已上报', did: '向上级报告（签收随上报一并完成）' },
  closed: { what: '已办结', did: '办结' },
  reopened: { what: '已重新打开', did: '重新打开（回头看）' },
};

/**
 * The short note everyone notified gets when the incident is acknowledged (or reported with it) or closed. `clocks`
 * are the incident's clock rows after the act: the note names only the deadlines that still run (a Ⅳ incident has
 * no 首报, only Ⅰ/Ⅱ a 书面报告), never a fixed list.
 */
export function renderStatusNote(input: {
  status: StatusNoteKind;
  subject: SubjectDescription;
  recipient: Recipient;
  at: Date;
  by: string;
  clocks: readonly { kind: ClockKind; status: ClockStatus }[];
  /** Why a closed incident was reopened (required there, recorded on its timeline). */
  reason?: string;
  /** The 上报 form of a report (how, to whom, 文号): the note after 已上报 says what was sent up. */
  report?: ReportEvidence;
}): RenderedNotice {
  const { what, did } = STATUS_NOTE_WORDS[input.status];
  const after =
    input.status === 'closed'
      ? '本事件的全部时限已结束，无需再处理。'
      : input.status === 'reopened'
        ? `重新打开的原因：${input.reason ?? '（未说明）'}。此前的办结不再有效，请关注后续处置。`
        : `${stillRunningText(input.clocks)}无需回复本邮件。`;
  const s = input.subject;
  const subject = `【舆情哨】${what}：${s.label ? `${s.label}｜` : ''}${s.title}`.slice(0, 120);
  const body = composeBody([
    paragraph(
      `${input.recipient.name}：您此前收到通知的舆情事件，${input.by}已于 ${formatShanghai(input.at)} ${did}。`,
    ),
    keyValueTable([
      { label: '事件', value: `${s.label ? `${s.label}｜` : ''}${s.title}` },
      ...(input.status === 'reported' && input.report
        ? [{ label: '报告情况', value: reportLine(input.report) }]
        : []),
    ]),
    paragraph(after),
  ]);
  const rendered = renderEmail({
    title: `${what}：${s.title}`,
    preheader: `${formatShanghai(input.at)} ${input.by} ${what}`,
    bodyHtml: emailHtml`${body.bodyHtml}<p><a href="${s.consoleUrl}" style="color:#1d4ed8">在控制台查看</a></p>`,
    bodyText: `${body.bodyText}\n\n控制台：${s.consoleUrl}`,
    tone: 'info',
  });
  return { subject, ...rendered };
}
