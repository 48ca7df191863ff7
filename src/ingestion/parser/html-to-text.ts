import { decodeEntities } from './html-entities';

/**
 * HTML → plain text in one forward scan (issue 12 point 2). Every search (`indexOf`, a sticky or global pattern
 * with `lastIndex`) starts where the previous one stopped, and a construct left open at the end of the input (a tag,
 * a quoted attribute, a comment, an open script element) ends the text there, as it does in a browser: no stretch of the
 * input is scanned twice. Replaced: regular expressions whose `[^>]*` rescanned the rest of the text at every
 * unclosed `<p` (600 KB → 36 s). Faster than htmlparser2's Tokenizer, which steps through every character.
 */

/** Elements whose content is not text a reader sees: skipped to their first closing tag. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
]);
const BLOCKS = new Set(
  'br p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article header footer pre hr dd dt'.split(
    ' ',
  ),
);
// Markup that survived one round of decoding: the feed escaped its HTML twice (`&lt;p&gt;` inside CDATA). `[^<>]*`
// stops at the next `<`, so the scans from successive candidates never overlap: linear.
const LOOKS_LIKE_MARKUP = /<\/?(?:p|br|div|span|a|img|strong|b|i|em|font|ul|li|table|h[1-6])\b[^<>]*>/i;
// NUL cannot be stored in PostgreSQL text; the other C0 controls are never meant as text either.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const TAG_NAME = /[A-Za-z][A-Za-z0-9:-]*/y;
const closers = new Map([...DROPPED].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

/** Index just after the `>` ending the tag whose attributes start at `from` (quotes may hold `>`), or -1. */
function tagEnd(html: string, from: number): number {
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (c === 62) return j + 1; // '>'
    if (c === 34 || c === 39) {
      j = html.indexOf(c === 34 ? '"' : "'", j + 1);
      if (j < 0) return -1;
    }
  }
  return -1;
}

/** Index after the close of the construct opened at `from` by `open`, or -1 when it is never closed. */
function after(html: string, from: number, close: string): number {
  const at = html.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

function stripOnce(html: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    out.push(html.slice(i, lt));
    const c = html.charCodeAt(lt + 1);
    const closing = c === 47; // '/'
    if (html.startsWith('<!--', lt)) i = after(html, lt + 4, '-->');
    else if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      out.push(html.slice(lt + 9, end < 0 ? html.length : end));
      i = end < 0 ? -1 : end + 3;
    } else if (c === 33 || c === 63)
      i = after(html, lt + 2, '>'); // `<!DOCTYPE …>`, `<?…?>`
    else {
      TAG_NAME.lastIndex = lt + (closing ? 2 : 1);
      const name = TAG_NAME.exec(html)?.[0].toLowerCase();
      if (!name) {
        out.push('<'); // a `<` that starts no tag is text
        i = lt + 1;
        continue;
      }
      i = tagEnd(html, TAG_NAME.lastIndex);
      if (BLOCKS.has(name)) out.push(' ');
      if (!closing && i >= 0 && DROPPED.has(name)) {
        const closer = closers.get(name)!;
        closer.lastIndex = i;
        const m = closer.exec(html);
        i = m ? tagEnd(html, m.index + 2) : -1;
      }
    }
    if (i < 0) return decodeEntities(out.join(''));
  }
  out.push(html.slice(i));
  return decodeEntities(out.join(''));
}

/** Collapses every run of whitespace (including NBSP and the ideographic space U+3000) to one space; drops controls. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ')
    .trim();
}

export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  let text = stripOnce(html);
  if (LOOKS_LIKE_MARKUP.test(text)) text = stripOnce(text);
  return collapseWhitespace(text);
}
