import { EmailHtml, emailHtml, safeUrl, trustedEmailHtml } from './email-html';

export type EmailTone = 'info' | 'warning' | 'danger';

export interface EmailAction {
  label: string;
  url: string;
}

export interface RenderEmailInput {
  /** Headline inside the mail (usually close to the subject). */
  title: string;
  /** The line mail clients show after the subject in the inbox list; hidden in the body. */
  preheader: string;
  /** Trusted markup: build it with `emailHtml` / the blocks in email-blocks.ts (a string is taken as-is). */
  bodyHtml: EmailHtml | string;
  /** The same content as plain text (the text/plain alternative, always sent). */
  bodyText: string;
  actions?: EmailAction[];
  footer?: string;
  /** Colour of the top band: grade I/II notices use 'danger'. */
  tone?: EmailTone;
}

export interface RenderedEmail {
  html: string;
  text: string;
}

const BRAND = '舆情哨 · 税务舆情监测与应急报告';
const DEFAULT_FOOTER = '此邮件由舆情哨系统自动发送，请勿直接回复。如有疑问请联系本单位舆情监测岗。';
const FONT = `'Microsoft YaHei','PingFang SC','Hiragino Sans GB','Noto Sans CJK SC',Arial,sans-serif`;
const TONES: Record<EmailTone, string> = { info: '#1d4ed8', warning: '#b45309', danger: '#b91c1c' };

/** Content markers: the digest builder lifts a notice's content out of its full mail with these. */
export const CONTENT_START = '<!--yuqing:content:start-->';
export const CONTENT_END = '<!--yuqing:content:end-->';

/** The part of a rendered mail between the content markers, or null for HTML not made by renderEmail. */
export function extractContent(html: string): string | null {
  const start = html.indexOf(CONTENT_START);
  const end = html.indexOf(CONTENT_END);
  if (start < 0 || end < start) return null;
  return html.slice(start + CONTENT_START.length, end);
}

/** The signature delimiter of plain-text mail (RFC 3676 §4.3): everything after it is the footer. */
const SIGNATURE = '-- ';

/**
 * The text counterpart of extractContent: the body and action links of a text made by renderEmail, without its
 * title underline and its footer (a digest prints those once for all its notices); null for other text.
 */
export function extractTextContent(text: string): string | null {
  const lines = text.split('\n');
  const sig = lines.lastIndexOf(SIGNATURE);
  if (lines.length < 4 || !/^=+$/.test(lines[1]) || lines[2] !== '' || sig < 3) return null;
  return lines.slice(3, sig).join('\n').trim();
}

function actionButtons(actions: EmailAction[], color: string): EmailHtml {
  if (actions.length === 0) return emailHtml``;
  const buttons = actions.map(
    (a) => emailHtml`
          <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 10px 0">
            <tr><td bgcolor="${color}" style="background-color:${color};border-radius:4px">
              <a href="${safeUrl(a.url)}" target="_blank" style="display:inline-block;padding:10px 22px;font-family:${FONT};font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px">${a.label}</a>
            </td></tr>
          </table>`,
  );
  const fallbacks = actions.map(
    (a) =>
      emailHtml`<div style="margin:2px 0;word-break:break-all">${a.label}：<a href="${safeUrl(a.url)}" style="color:#1d4ed8">${safeUrl(a.url)}</a></div>`,
  );
  return emailHtml`
          <div style="margin:20px 0 8px 0">${buttons}</div>
          <div style="margin:8px 0 0 0;font-size:12px;line-height:18px;color:#6b7280">如按钮无法点击，请复制以下链接到浏览器打开：${fallbacks}</div>`;
}

/**
 * One Chinese email, HTML and plain text, from the same content. The HTML is table-based with inline CSS only:
 * no scripts, no external images or fonts, no <style> block (Outlook, Foxmail, QQ Mail and Gmail all strip or ignore
 * parts of those), 600 px wide and readable on phones.
 */
export function renderEmail(input: RenderEmailInput): RenderedEmail {
  const actions = input.actions ?? [];
  const color = TONES[input.tone ?? 'info'];
  const footer = input.footer ?? DEFAULT_FOOTER;
  const body = input.bodyHtml instanceof EmailHtml ? input.bodyHtml : trustedEmailHtml(input.bodyHtml);
  const html = emailHtml`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${input.title}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#f3f4f6">${input.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f4f6" style="background-color:#f3f4f6">
  <tr><td align="center" style="padding:24px 12px">
    <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:600px;max-width:100%;background-color:#ffffff;border:1px solid #e5e7eb">
      <tr><td bgcolor="${color}" style="background-color:${color};padding:12px 24px;font-family:${FONT};font-size:13px;color:#ffffff">${BRAND}</td></tr>
      <tr><td style="padding:24px 24px 8px 24px;font-family:${FONT}">
        <h1 style="margin:0;font-size:20px;line-height:28px;color:#111827;font-weight:bold">${input.title}</h1>
      </td></tr>
      <tr><td style="padding:8px 24px 24px 24px;font-family:${FONT};font-size:14px;line-height:22px;color:#1f2937">
${trustedEmailHtml(CONTENT_START)}${body}${actionButtons(actions, color)}${trustedEmailHtml(CONTENT_END)}
      </td></tr>
      <tr><td bgcolor="#f9fafb" style="background-color:#f9fafb;padding:14px 24px;border-top:1px solid #e5e7eb;font-family:${FONT};font-size:12px;line-height:18px;color:#6b7280">${footer}</td></tr>
    </table>
  </td></tr>
</table>
</body>
</html>
`.toString();
  return { html, text: renderText(input.title, input.bodyText, actions, footer) };
}

function renderText(title: string, bodyText: string, actions: EmailAction[], footer: string): string {
  const lines = [title, '='.repeat(Math.min(40, Math.max(8, title.length * 2))), '', bodyText.trim()];
  if (actions.length) {
    lines.push('', '操作链接：');
    for (const a of actions) lines.push(`${a.label}：${safeUrl(a.url)}`);
  }
  lines.push('', SIGNATURE, footer, `${BRAND}`);
  return lines.join('\n') + '\n';
}
