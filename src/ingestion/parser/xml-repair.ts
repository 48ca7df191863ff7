import { FeedParseError } from './feed-parse-error';
import { NAMED_ENTITIES } from './html-entities';
import { TextBuilder } from './text-builder';

/**
 * Makes real-world feed XML acceptable to a strict parser without changing what it says, and refuses what must never
 * be parsed. Works on the text outside CDATA sections and comments only (inside them `&` and `<!ENTITY` are data).
 */

export const DTD_REFUSED = 'DTD/entity declarations are not allowed';

const ROOT_CLOSE = /<\/(?:rss|feed|rdf:RDF|RDF)\s*>/g;
const FEED_START = /<\?xml\b|<rss\b|<feed\b|<rdf:RDF\b/;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c) || c === 46 || c === 45;

/** End of the run of characters from `i` that pass `ok`. */
function run(text: string, i: number, ok: (c: number) => boolean): number {
  while (i < text.length && ok(text.charCodeAt(i))) i++;
  return i;
}

/** `lt`, `gt`, `amp`, `quot` or `apos` spelt between `from` and `to`, checked without making a string. */
export function isXmlEntity(s: string, from: number, to: number): boolean {
  switch (to - from) {
    case 2:
      return (s.startsWith('l', from) || s.startsWith('g', from)) && s.startsWith('t', from + 1);
    case 3:
      return s.startsWith('amp', from);
    case 4:
      return s.startsWith('quot', from) || s.startsWith('apos', from);
    default:
      return false;
  }
}

/** Numeric reference value of the digits between `from` and `to`; anything past U+10FFFF reads as 0x110000. */
export function codePointOf(s: string, from: number, to: number, hex: boolean): number {
  let cp = 0;
  for (let i = from; i < to && cp <= 0x10ffff; i++) cp = cp * (hex ? 16 : 10) + parseInt(s[i], 16);
  return Math.min(cp, 0x110000);
}

/**
 * One forward scan from `&` to `&`, copying only what changes through a TextBuilder. Not a regular expression with a
 * callback: one call per reference took seconds on millions of them (`&lt;` × 3.6M: 4.6 s). A bare `&` (`?a=1&b=2`
 * in a link) is escaped instead of rejecting the feed; `&#0;` or `&#xD800;` would make the document ill-formed and
 * are dropped; `&nbsp;` (HTML, undefined in XML) is spelt numerically; unknown names stay visible as literal text.
 */
export function repairEntities(segment: string): string {
  let amp = segment.indexOf('&');
  if (amp < 0) return segment;
  const out = new TextBuilder();
  let last = 0;
  let changed = false;
  const replace = (end: number, text: string) => {
    out.append(segment, last, amp);
    out.string(text);
    last = end;
    changed = true;
  };
  for (; amp >= 0; amp = segment.indexOf('&', amp + 1)) {
    const c = segment.charCodeAt(amp + 1);
    if (c === 35) {
      const hex = segment.charCodeAt(amp + 2) === 120; // 'x' (XML has no `&#X`)
      const from = amp + (hex ? 3 : 2);
      const to = run(segment, from, hex ? isHex : isDigit);
      if (to === from || segment.charCodeAt(to) !== 59) replace(amp + 1, '&amp;');
      else if (!isXmlChar(codePointOf(segment, from, to, hex))) replace(to + 1, '');
    } else if (isNameStart(c)) {
      const to = run(segment, amp + 2, isNameChar);
      if (segment.charCodeAt(to) !== 59) replace(amp + 1, '&amp;');
      else if (!isXmlEntity(segment, amp + 1, to)) {
        const cp = NAMED_ENTITIES.get(segment.slice(amp + 1, to));
        replace(cp === undefined ? amp + 1 : to + 1, cp === undefined ? '&amp;' : `&#${cp};`);
      }
    } else replace(amp + 1, '&amp;');
  }
  if (!changed) return segment;
  out.append(segment, last, segment.length);
  return out.toString();
}

function refuseDeclarations(segment: string): void {
  // An internal subset is where entities are declared; with none of those there is nothing to expand, so no bomb.
  if (/<!ENTITY\b/i.test(segment)) throw new FeedParseError('parse', DTD_REFUSED);
  // `<!DOCTYPE` whose next `>` or `[` is a `[`. Not /<!DOCTYPE[^>[]*\[/: on thousands of unclosed DOCTYPEs that
  // expression rescans to the end from each one; here each stretch of text is scanned for a delimiter once.
  const doctype = /<!DOCTYPE/gi;
  const delimiter = /[>[]/g;
  let next = -1;
  for (let m = doctype.exec(segment); m; m = doctype.exec(segment)) {
    if (next < m.index) {
      delimiter.lastIndex = m.index;
      const d = delimiter.exec(segment);
      if (!d) return;
      next = d.index;
    }
    if (segment[next] === '[') throw new FeedParseError('parse', DTD_REFUSED);
  }
}

/**
 * Applies `fn` to the text between CDATA sections and comments, leaving those untouched (an unclosed one runs to
 * the end). indexOf scans that only move forward, instead of a lazy `[\s\S]*?` tried at every character.
 */
function mapOutsideOpaque(xml: string, fn: (segment: string) => string): string {
  const out: string[] = [];
  let last = 0;
  let cdata = xml.indexOf('<![CDATA[');
  let comment = xml.indexOf('<!--');
  while (cdata >= 0 || comment >= 0) {
    if (cdata >= 0 && cdata < last) cdata = xml.indexOf('<![CDATA[', last);
    if (comment >= 0 && comment < last) comment = xml.indexOf('<!--', last);
    const isCdata = cdata >= 0 && (comment < 0 || cdata < comment);
    const start = isCdata ? cdata : comment;
    if (start < 0) break;
    const close = xml.indexOf(isCdata ? ']]>' : '-->', start + (isCdata ? 9 : 4));
    const end = close < 0 ? xml.length : close + 3;
    out.push(fn(xml.slice(last, start)), xml.slice(start, end));
    last = end;
  }
  out.push(fn(xml.slice(last)));
  return out.join('');
}

/**
 * Leading junk (whitespace, a BOM, a PHP warning printed before `<?xml`) and trailing junk after the root element are
 * cut; DTD internal subsets and entity declarations are refused. Entities are not touched yet (repairXml).
 */
export function checkXml(text: string): string {
  let xml = text.replace(/^[\s\uFEFF]+/, '');
  if (!xml.startsWith('<')) {
    const start = xml.slice(0, 4096).search(FEED_START);
    if (start < 0) throw new FeedParseError('not_feed', 'not a feed (neither XML nor JSON)');
    xml = xml.slice(start);
  }
  let end = -1;
  for (const m of xml.matchAll(ROOT_CLOSE)) end = m.index + m[0].length;
  if (end > 0) xml = xml.slice(0, end);
  mapOutsideOpaque(xml, (segment) => {
    refuseDeclarations(segment);
    return '';
  });
  return withoutDoctype(xml);
}

/**
 * The document without its DOCTYPE. With internal subsets refused, what is left names an external DTD that is never
 * loaded, so it means nothing here; sax, though, reads it one character at a time (a 10 MB `<!DOCTYPE <!DOCTYPE …`
 * prolog: 2 s and 450 MB).
 */
function withoutDoctype(xml: string): string {
  const at = prologEnd(xml, false);
  if (at < 0 || xml.slice(at, at + 9).toUpperCase() !== '<!DOCTYPE') return xml;
  const end = doctypeEnd(xml, at + 9);
  return end < 0 ? xml : xml.slice(0, at) + xml.slice(end);
}

/** Entities repaired outside CDATA sections and comments. */
export function repairXml(xml: string): string {
  return mapOutsideOpaque(xml, repairEntities);
}

/** checkXml, then repairXml: the document as a strict parser will accept it. */
export function prepareXml(text: string): string {
  return repairXml(checkXml(text));
}

/**
 * Index after leading whitespace, processing instructions, comments and (with `doctype`) a DOCTYPE; -1 if one of
 * them is unclosed. A scan with indexOf, not a regular expression: `(?:<\?[\s\S]*?\?>|…)*` backtracks
 * exponentially on `<?a?><?a?>…` followed by no element.
 */
function prologEnd(text: string, doctype: boolean): number {
  let i = 0;
  for (;;) {
    const start = i;
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('<?', i)) i = closeAfter(text, '?>', i + 2);
    else if (text.startsWith('<!--', i)) i = closeAfter(text, '-->', i + 4);
    else if (doctype && text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') i = doctypeEnd(text, i + 9);
    if (i < 0 || i === start) return i;
  }
}

function closeAfter(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

/** `<!DOCTYPE name …>` or `<!DOCTYPE name … [ … ] >`: the index after it. */
function doctypeEnd(text: string, from: number): number {
  const delimiter = /[>[]/g;
  delimiter.lastIndex = from;
  const d = delimiter.exec(text);
  if (!d) return -1;
  if (d[0] === '>') return d.index + 1;
  const subsetEnd = text.indexOf(']', d.index);
  if (subsetEnd < 0) return -1;
  const close = /\s*>/y;
  close.lastIndex = subsetEnd + 1;
  return close.test(text) ? close.lastIndex : -1;
}

/** Name of the document element, skipping the XML declaration, comments, processing instructions and a DOCTYPE. */
export function rootElementName(xml: string): string | null {
  const head = xml.slice(0, 65536);
  const at = prologEnd(head, true);
  if (at < 0) return null;
  const name = /<([A-Za-z_][\w.:-]*)/y;
  name.lastIndex = at;
  return name.exec(head)?.[1] ?? null;
}

/** An HTML page (a site's home page, a login wall, an error page) rather than a feed. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65536).replace(/^[\s\uFEFF]+/, '');
  const afterProlog = prologEnd(head, false);
  if (afterProlog >= 0 && /^<!DOCTYPE\s+html\b/i.test(head.slice(afterProlog, afterProlog + 64))) return true;
  const root = rootElementName(head);
  return root !== null && /^(html|head|body)$/i.test(root);
}
