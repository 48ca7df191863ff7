import { EmailHtml, emailHtml, EmailHtmlValue, safeUrl } from './email-html';

/**
 * Building blocks for mail bodies. Each block renders itself twice, as HTML and as plain text, so the two
 * alternatives of a mail can never drift apart. Compose them with `composeBody` and hand the result to renderEmail.
 */
export interface EmailBlock {
  html: EmailHtml;
  text: string;
}

const FONT = `'Microsoft YaHei','PingFang SC','Hiragino Sans GB',Arial,sans-serif`;

export function paragraph(text: string): EmailBlock {
  return { html: emailHtml`<p style="margin:0 0 12px 0">${text}</p>`, text };
}

export function heading(text: string): EmailBlock {
  return {
    html: emailHtml`<h2 style="margin:18px 0 8px 0;font-size:16px;line-height:24px;color:#111827;font-weight:bold">${text}</h2>`,
    text: `【${text}】`,
  };
}

const CALLOUT: Record<'info' | 'warning' | 'danger', [string, string]> = {
  info: ['#eff6ff', '#1d4ed8'],
  warning: ['#fffbeb', '#b45309'],
  danger: ['#fef2f2', '#b91c1c'],
};

/** A highlighted box, e.g. "若 30 分钟内无人签收，将通知上级单位". */
export function callout(text: string, tone: 'info' | 'warning' | 'danger' = 'warning'): EmailBlock {
  const [bg, border] = CALLOUT[tone];
  return {
    html: emailHtml`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 14px 0">
<tr><td bgcolor="${bg}" style="background-color:${bg};border-left:4px solid ${border};padding:10px 14px;font-family:${FONT};font-size:14px;line-height:22px;color:#1f2937">${text}</td></tr></table>`,
    text: `！${text}`,
  };
}

export interface KeyValueRow {
  label: string;
  value: string;
  /** Optional markup for the HTML cell (e.g. a link or coloured grade); `value` is still used for the text part. */
  html?: EmailHtmlValue;
}

/** Label/value rows (grade, bureau, category, deadlines …) as a two-column table. */
export function keyValueTable(rows: KeyValueRow[]): EmailBlock {
  const trs = rows.map(
    (r) => emailHtml`<tr>
<td valign="top" width="110" style="padding:6px 10px;border-bottom:1px solid #e5e7eb;background-color:#f9fafb;font-family:${FONT};font-size:13px;color:#4b5563;white-space:nowrap">${r.label}</td>
<td valign="top" style="padding:6px 10px;border-bottom:1px solid #e5e7eb;font-family:${FONT};font-size:14px;color:#111827">${r.html ?? r.value}</td>
</tr>`,
  );
  return {
    html: emailHtml`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 14px 0;border-collapse:collapse;border-top:1px solid #e5e7eb">${trs}</table>`,
    text: rows.map((r) => `${r.label}：${r.value}`).join('\n'),
  };
}

export interface LinkItem {
  title: string;
  url?: string | null;
  /** Source, time … shown after the title. */
  meta?: string;
}

/** A numbered list of articles or notices, each a link when it has a URL. */
export function linkList(items: LinkItem[]): EmailBlock {
  const lis = items.map((it, i) => {
    const title = it.url
      ? emailHtml`<a href="${safeUrl(it.url)}" target="_blank" style="color:#1d4ed8;text-decoration:underline">${it.title}</a>`
      : emailHtml`${it.title}`;
    const meta = it.meta ? emailHtml`<div style="font-size:12px;color:#6b7280">${it.meta}</div>` : '';
    return emailHtml`<tr><td valign="top" width="24" style="padding:4px 0;font-family:${FONT};font-size:14px;color:#6b7280">${i + 1}.</td>
<td style="padding:4px 0;font-family:${FONT};font-size:14px;line-height:21px">${title}${meta}</td></tr>`;
  });
  const text = items
    .map(
      (it, i) =>
        `${i + 1}. ${it.title}${it.meta ? `（${it.meta}）` : ''}${it.url ? `\n   ${safeUrl(it.url)}` : ''}`,
    )
    .join('\n');
  return {
    html: emailHtml`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 14px 0">${lis}</table>`,
    text,
  };
}

/** Joins blocks into the bodyHtml/bodyText pair renderEmail takes. */
export function composeBody(blocks: EmailBlock[]): { bodyHtml: EmailHtml; bodyText: string } {
  return {
    bodyHtml: emailHtml`${blocks.map((b) => b.html)}`,
    bodyText: blocks.map((b) => b.text).join('\n\n'),
  };
}
