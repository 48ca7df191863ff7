import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/**
 * Picks a feed's charset and decodes it. Order (issue 3): byte-order mark, HTTP `charset`, XML declaration, "is it
 * valid UTF-8?", else GB18030 — the last guess because the sites we watch that lie about their charset are Chinese
 * and GB18030 decodes every GBK/GB2312 byte sequence. A declaration of UTF-8 is checked against the bytes first:
 * servers add `charset=utf-8` to GBK files, and trusting it silently stores every title as `�����`.
 */
export type CharsetSource = 'bom' | 'header' | 'xml' | 'utf8' | 'fallback';

export interface DecodedText {
  text: string;
  charset: string;
  source: CharsetSource;
  /** Set when a declared charset was wrong and another was used: the publisher's mistake, for the log. */
  note: string | null;
}

/** GB2312 and GBK are subsets of GB18030; Big5-HKSCS is a superset of Big5 (Hong Kong sites use its extra characters). */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'euc-cn': 'gb18030',
  'gb_2312-80': 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5hkscs',
  'big-5': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  cp950: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
};

/** Canonical name iconv-lite can decode, or null for an unknown label. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!name) return null;
  if (ALIASES[name]) return ALIASES[name];
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i);
  return m ? m[2] : null;
}

/** The `encoding` pseudo-attribute of `<?xml …?>`, read from the first bytes as ASCII (leading whitespace allowed). */
export function charsetFromXmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  const m = head.match(/^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return m ? m[1] : null;
}

function bomCharset(body: Buffer): { charset: string; length: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (body[0] === 0x84 && body[1] === 0x31 && body[2] === 0x95 && body[3] === 0x33)
    return { charset: 'gb18030', length: 4 };
  return null;
}

/** A UTF-16/32 label is a lie when the bytes read as ASCII (we could read the declaration, so there are no NULs). */
function plausible(charset: string | null, body: Buffer): string | null {
  if (!charset) return null;
  if (/^utf-?(16|32)/.test(charset) && body.length >= 2 && body[0] !== 0 && body[1] !== 0) return null;
  return charset;
}

export interface CharsetChoice {
  charset: string;
  source: CharsetSource;
  /** The UTF-8 declarations the bytes contradict ('Content-Type', 'XML declaration'): worth telling the operator. */
  overruled?: string[];
}

/**
 * Share of invalid sequences (per non-ASCII byte) above which a UTF-8 declaration is wrong rather than a UTF-8 feed
 * with a few characters cut in the middle: GBK read as UTF-8 gives 0.5–1, one cut character in a UTF-8 feed gives
 * about 1 / (3 × its Chinese characters).
 */
const MISDECLARED_UTF8 = 0.1;

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function highBytes(bytes: Buffer): number {
  let high = 0;
  for (const b of bytes) if (b > 0x7f) high++;
  return high;
}

/** Bytes declared UTF-8 that are not: a GBK site whose server adds `charset=utf-8` to every response. Linear. */
function notReallyUtf8(body: Buffer): boolean {
  if (isUtf8(body)) return false;
  return countOf(body.toString('utf8'), '\uFFFD') > highBytes(body) * MISDECLARED_UTF8;
}

/**
 * A UTF-8 declaration (header or XML) that the bytes contradict is skipped: the feed is then read by its other
 * declaration, else as GB18030 (issue: a GBK feed served as `text/xml; charset=utf-8` was stored as `�����`).
 */
export function detectCharset(body: Buffer, contentType: string | null): CharsetChoice {
  const bom = bomCharset(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  let wrongUtf8: boolean | undefined;
  const contradicted = (charset: string) => charset === 'utf-8' && (wrongUtf8 ??= notReallyUtf8(body));
  const overruled: string[] = [];
  const withNote = (choice: CharsetChoice) => (overruled.length ? { ...choice, overruled } : choice);
  const header = plausible(canonicalCharset(charsetFromContentType(contentType)), body);
  if (header && !contradicted(header)) return { charset: header, source: 'header' };
  if (header) overruled.push('Content-Type');
  const xml = plausible(canonicalCharset(charsetFromXmlDeclaration(body)), body);
  if (xml && !contradicted(xml)) return withNote({ charset: xml, source: 'xml' });
  if (xml) overruled.push('XML declaration');
  if (!overruled.length && isUtf8(body)) return { charset: 'utf-8', source: 'utf8' };
  return withNote({ charset: 'gb18030', source: 'fallback' });
}

// Everything outside XML 1.0's Char production (lone surrogates included: the `u` flag matches them as code points).
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Same set without the `u` flag (surrogate pairs count as suspects): a much faster first scan, since most feeds are clean.
const SUSPECT = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/;

export function stripIllegalXmlChars(text: string): string {
  return SUSPECT.test(text) ? text.replace(ILLEGAL_XML, '') : text;
}

/**
 * The GB18030 guess is wrong when it hits invalid sequences: real GBK text decodes cleanly, while an undeclared
 * Latin-1 feed (Portuguese, German…) yields replacement characters for a good share of its accented bytes. Then
 * Windows-1252 (which decodes every byte) is the better last resort.
 */
function looksLikeGb(bytes: Buffer, decoded: string): boolean {
  return countOf(decoded, '\uFFFD') <= highBytes(bytes) * 0.02;
}

/** Decodes the body to a string without a BOM and without characters XML forbids. */
export function decodeFeedText(body: Buffer, contentType: string | null): DecodedText {
  const { charset, source, overruled } = detectCharset(body, contentType);
  const bytes = source === 'bom' ? body.subarray(bomCharset(body)!.length) : body;
  let raw = charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset, { stripBOM: true });
  let used = charset;
  if (source === 'fallback' && !looksLikeGb(bytes, raw)) {
    used = 'windows-1252';
    raw = iconv.decode(bytes, used);
  }
  const note = overruled
    ? `${overruled.join(' and ')} declared UTF-8 but the bytes are not UTF-8; decoded as ${used}`
    : null;
  return { text: stripIllegalXmlChars(raw.replace(/^\uFEFF/, '')), charset: used, source, note };
}
