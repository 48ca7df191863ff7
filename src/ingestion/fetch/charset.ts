import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/**
 * Picks a feed's charset and decodes it. Order (issue 3): byte-order mark, HTTP `charset`, XML declaration, "is it
 * valid UTF-8?", else GB18030 — the last guess because the sites we watch that lie about their charset are Chinese
 * and GB18030 decodes every GBK/GB2312 byte sequence.
 */
export type CharsetSource = 'bom' | 'header' | 'xml' | 'utf8' | 'fallback';

export interface DecodedText {
  text: string;
  charset: string;
  source: CharsetSource;
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

export function detectCharset(
  body: Buffer,
  contentType: string | null,
): { charset: string; source: CharsetSource } {
  const bom = bomCharset(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  const header = plausible(canonicalCharset(charsetFromContentType(contentType)), body);
  if (header) return { charset: header, source: 'header' };
  const xml = plausible(canonicalCharset(charsetFromXmlDeclaration(body)), body);
  if (xml) return { charset: xml, source: 'xml' };
  if (isUtf8(body)) return { charset: 'utf-8', source: 'utf8' };
  return { charset: 'gb18030', source: 'fallback' };
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
  let high = 0;
  for (const b of bytes) if (b > 0x7f) high++;
  const invalid = decoded.match(/\uFFFD/g)?.length ?? 0;
  return invalid <= high * 0.02;
}

/** Decodes the body to a string without a BOM and without characters XML forbids. */
export function decodeFeedText(body: Buffer, contentType: string | null): DecodedText {
  const { charset, source } = detectCharset(body, contentType);
  const bytes = source === 'bom' ? body.subarray(bomCharset(body)!.length) : body;
  let raw = charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset, { stripBOM: true });
  let used = charset;
  if (source === 'fallback' && !looksLikeGb(bytes, raw)) {
    used = 'windows-1252';
    raw = iconv.decode(bytes, used);
  }
  return { text: stripIllegalXmlChars(raw.replace(/^\uFEFF/, '')), charset: used, source };
}
