import { callout, composeBody, linkList } from './email-blocks';
import { emailHtml, trustedEmailHtml } from './email-html';
import { extractContent, extractTextContent, renderEmail } from './email-layout';
import { MAIL_PRIORITY, OutboxAttachment } from './outbox.types';
import { formatShanghai } from './time-format';

export interface DigestItem {
  subject: string;
  createdAt: Date;
  html: string;
  text: string;
  attachments: OutboxAttachment[];
  /** MAIL_PRIORITY value (default normal). */
  priority?: number;
}

export interface DigestMail {
  subject: string;
  html: string;
  text: string;
  attachments: OutboxAttachment[];
}

const SEPARATOR = '────────────────────────────────';

/**
 * One mail carrying several notices in full. Each notice keeps its own content, including its action links (a
 * 签收 link in a digest works like the one in the single mail), lifted from its rendered HTML by the content
 * markers; a notice whose HTML was not made by renderEmail is shown as its plain text.
 *
 * Most urgent first, and the subject names that one: an inbox list shows only the subject, and the notice with the
 * nearest deadline must not hide behind a routine one queued later. Equally urgent notices keep their queue order
 * (same grade, same time limits: the oldest has the nearest deadline).
 */
export function renderDigest(unordered: DigestItem[]): DigestMail {
  if (unordered.length === 0) throw new Error('a digest needs at least one notice');
  const rank = (it: DigestItem) => it.priority ?? MAIL_PRIORITY.normal;
  // Array.prototype.sort is stable: equal priorities stay in the order given (created order, from the claim).
  const items = [...unordered].sort((a, b) => rank(b) - rank(a));
  const subject = truncate(`【舆情哨】${items.length} 条通知汇总：${stripBrand(items[0].subject)}`, 120);
  const intro = callout(
    `为避免短时间内重复打扰，系统将发给您的 ${items.length} 条通知合并为本邮件，请逐条查看并处理。`,
    'info',
  );
  const index = linkList(items.map((it) => ({ title: it.subject, meta: formatShanghai(it.createdAt) })));
  const head = composeBody([intro, index]);
  // Each notice without its own title and footer: the digest has one of each (its footer used to follow every notice).
  const texts = items.map((it) => extractTextContent(it.text) ?? it.text.trim());
  const sections = items.map((it, i) => {
    const content = extractContent(it.html);
    const inner =
      content !== null
        ? trustedEmailHtml(content)
        : emailHtml`<div style="white-space:pre-wrap">${texts[i]}</div>`;
    return emailHtml`
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:18px 0 0 0;border-top:2px solid #d1d5db">
<tr><td style="padding:12px 0 4px 0;font-size:16px;line-height:24px;font-weight:bold;color:#111827">${i + 1}. ${it.subject}</td></tr>
<tr><td style="padding:0 0 8px 0;font-size:12px;color:#6b7280">${formatShanghai(it.createdAt)}</td></tr>
<tr><td>${inner}</td></tr>
</table>`;
  });
  const sectionsText = items.map(
    (it, i) =>
      `${SEPARATOR}\n${i + 1}. ${it.subject}（${formatShanghai(it.createdAt)}）\n${SEPARATOR}\n${texts[i]}`,
  );
  const rendered = renderEmail({
    title: `${items.length} 条通知汇总`,
    preheader: items
      .map((it) => stripBrand(it.subject))
      .join('；')
      .slice(0, 140),
    bodyHtml: emailHtml`${head.bodyHtml}${sections}`,
    bodyText: `${head.bodyText}\n\n${sectionsText.join('\n\n')}`,
    tone: 'info',
  });
  return { subject, ...rendered, attachments: items.flatMap((it) => it.attachments) };
}

function stripBrand(subject: string): string {
  return subject.replace(/^【舆情哨】/, '');
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
