import { composeBody, keyValueTable, paragraph } from '../../../src/notifications/email-blocks';
import { renderEmail } from '../../../src/notifications/email-layout';
import { OutboxMessage } from '../../../src/notifications/outbox.types';

export const FROM = '舆情哨 <sentinel@yq.example.cn>';

/** A notice as escalation would queue it: rendered with the email layout, with a 签收 link per dedupe key. */
export function notice(
  key: string,
  to: string,
  subject: string,
  extra: Partial<OutboxMessage> = {},
): OutboxMessage {
  const body = composeBody([
    paragraph(`通知正文：${subject}`),
    keyValueTable([{ label: '事件编号', value: key }]),
  ]);
  const { html, text } = renderEmail({
    title: subject,
    preheader: subject,
    ...body,
    actions: [{ label: '签收', url: `https://yq.example.cn/a/${encodeURIComponent(key)}` }],
  });
  return { dedupeKey: key, to, subject, html, text, kind: 'test.notice', ...extra };
}
