/**
 * Server-side HTML with escaping by default: every value interpolated into an `html` template is escaped unless it
 * is already `SafeHtml` (another `html` template, or a string explicitly marked with `raw`). This is the only way
 * console pages build markup, so user-controlled text (titles of items, names, search terms) can never inject tags.
 */
export class SafeHtml {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: false/null/undefined render as nothing so `${cond && html`…`}` works. */
export type HtmlValue =
  SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.toString();
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks a trusted string (generated markup, a bundled asset) as HTML. Never pass user input. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** Joins fragments with a separator (itself escaped unless SafeHtml). */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(items.map(render).join(render(separator)));
}
