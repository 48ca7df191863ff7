/**
 * Escaping for email HTML. Kept apart from the console's `html` helper on purpose: mail markup has its own rules
 * (inline styles, tables, no scripts) and must not change when the web pages do.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup that is already safe to place in an email (built by `emailHtml` or marked with `trustedEmailHtml`). */
export class EmailHtml {
  constructor(private readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type EmailHtmlValue =
  EmailHtml | string | number | null | undefined | false | readonly EmailHtmlValue[];

function render(v: EmailHtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof EmailHtml) return v.toString();
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}

/** Tagged template: every interpolation is escaped unless it is EmailHtml; arrays are concatenated. */
export function emailHtml(strings: TemplateStringsArray, ...values: EmailHtmlValue[]): EmailHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new EmailHtml(out);
}

/** Marks a string produced by trusted code as safe markup. Never pass user or feed text here. */
export function trustedEmailHtml(markup: string): EmailHtml {
  return new EmailHtml(markup);
}

/**
 * A link target for an email: only absolute http(s) URLs, so a `javascript:` or `data:` value from anywhere can
 * never become a clickable link. Throws on anything else (a programming error in the caller).
 */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not an absolute URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`not an http(s) URL: ${url}`);
  return parsed.toString();
}
