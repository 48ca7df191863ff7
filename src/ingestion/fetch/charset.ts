import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/**
 * Picks a feed's charset and decodes it. Order (issue 3): byte-order mark, HTTP `charset`, XML declaration, "is it
 * valid UTF-8?", else GB18030 — the last guess because the sites we watch that lie about their charset are Chinese
 * and GB18030 decodes every GBK/GB2312 byte sequence. A declaration of UTF-8 is checked against the bytes first:
 * servers add `charset=utf-8` to GBK files, and trusting it silently stores every title as `�����`. So is a
 * declaration of Latin-1 (or Windows-1252, ASCII): templates copied from Western CMSs keep `encoding="ISO-8859-1"`
 * over UTF-8 Chinese, and trusting it stores `ç¨å¡å±`.
 */
export type CharsetSource = 'bom' | 'header' | 'xml' | 'utf8' | 'fallback';

export interface DecodedText {
  text: string;
  charset: string;
  source: CharsetSource;
  /** Set when a declared charset was wrong and another was used: the publisher's mistake, for the log. */
  note: string | null;
}

/**
 * GB2312 and GBK are subsets of GB18030; Big5-HKSCS is a superset of Big5 (Hong Kong sites use its extra characters).
 */
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
  /** The declarations the bytes contradict ('Content-Type', 'XML declaration'): worth telling the operator. */
  overruled?: string[];
  /**
   * What they declared: 'UTF-8' over bytes that are not, or a single-byte charset (its label) over bytes that are
   * UTF-8. Never both at once: the bytes either are valid UTF-8 or are not.
   */
  overruledCharset?: string;
}

/**
 * Single-byte Western charsets. Bytes that are valid UTF-8 and hold multi-byte sequences are not meant as these: real
 * Latin-1 text would have to spell `Ã©`-like pairs throughout to pass as UTF-8 by accident.
 */
const SINGLE_BYTE_WESTERN = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'iso-8859-15',
  'windows-1252',
  'cp1252',
  'us-ascii',
  'ascii',
]);

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
 * A declaration (header or XML) that the bytes contradict is skipped: UTF-8 over bytes that are not UTF-8 (a GBK feed
 * served as `text/xml; charset=utf-8` was stored as `�����`), or a single-byte Western charset over bytes that are
 * UTF-8 with multi-byte sequences (an ISO-8859-1 declaration over UTF-8 Chinese was stored as `ç¨å¡å±`). The feed is
 * then read by its other declaration, else as UTF-8 when the bytes are that, else as GB18030.
 */
export function detectCharset(body: Buffer, contentType: string | null): CharsetChoice {
  const bom = bomCharset(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  let wrongUtf8: boolean | undefined;
  let multiByteUtf8: boolean | undefined;
  const contradicted = (charset: string) =>
    charset === 'utf-8'
      ? (wrongUtf8 ??= notReallyUtf8(body))
      : SINGLE_BYTE_WESTERN.has(charset) && (multiByteUtf8 ??= highBytes(body) > 0 && isUtf8(body));
  const overruled: string[] = [];
  let overruledCharset: string | undefined;
  const overrule = (where: string, charset: string) => {
    overruled.push(where);
    overruledCharset = charset === 'utf-8' ? 'UTF-8' : charset.toUpperCase();
  };
  const withNote = (choice: CharsetChoice) =>
    overruled.length ? { ...choice, overruled, overruledCharset } : choice;
  const header = plausible(canonicalCharset(charsetFromContentType(contentType)), body);
  if (header && !contradicted(header)) return { charset: header, source: 'header' };
  if (header) overrule('Content-Type', header);
  const xml = plausible(canonicalCharset(charsetFromXmlDeclaration(body)), body);
  if (xml && !contradicted(xml)) return withNote({ charset: xml, source: 'xml' });
  if (xml) overrule('XML declaration', xml);
  // A UTF-8 declaration was overruled only if the bytes are not UTF-8, so this never undoes that.
  if (isUtf8(body)) return withNote({ charset: 'utf-8', source: 'utf8' });
  return withNote({ charset: 'gb18030', source: 'fallback' });
}

// Everything outside XML 1.0's Char production (lone surrogates included: the `u` flag matches them as code points).
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Same set without the `u` flag (surrogate pairs count as suspects): a much faster first scan, since most feeds are
// clean.
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
  const { charset, source, overruled, overruledCharset } = detectCharset(body, contentType);
  const bytes = source === 'bom' ? body.subarray(bomCharset(body)!.length) : body;
  let raw = charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset, { stripBOM: true });
  let used = charset;
  if (source === 'fallback' && !looksLikeGb(bytes, raw)) {
    used = 'windows-1252';
    raw = iconv.decode(bytes, used);
  }
  const bytesAre = overruledCharset === 'UTF-8' ? 'not UTF-8' : 'UTF-8';
  const note = overruled
    ? `${overruled.join(' and ')} declared ${overruledCharset} but the bytes are ${bytesAre}; decoded as ${used}`
    : null;
  return { text: stripIllegalXmlChars(raw.replace(/^\uFEFF/, '')), charset: used, source, note };
}
