/**
 * Contacts CSV bytes → text. Bytes that do not decode are refused, naming the line and byte, never replaced by
 * U+FFFD: a replaced character would be stored in a name or an email and nobody would see it until a mail bounced.
 * This is the rule push bodies follow (ingestion/push-charset.ts) and the sources CSV too (it accepts UTF-8 only and
 * refuses anything else with a 400).
 */
import { firstInvalidUtf8 } from '../ingestion/push-charset';

/** Why a file could not be decoded: 1-based line and byte offset in the file, and the offending byte. */
export class CsvDecodeError extends Error {
  constructor(
    readonly line: number,
    readonly byte: number,
    readonly value: number | null,
    readonly encoding: string,
  ) {
    const shown =
      value === null ? '文件在字符中间结束' : `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
    super(
      `第 ${line} 行（文件第 ${byte} 字节，${shown}）不是有效的 ${encoding} 编码，未导入任何数据；` +
        '请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传',
    );
  }
}

/** 1-based line of byte `offset`: one more than the newlines before it (a linear scan of the prefix). */
function lineAt(b: Buffer, offset: number, newline: (i: number) => boolean, step = 1): number {
  let line = 1;
  for (let i = 0; i < offset; i += step) if (newline(i)) line++;
  return line;
}

const utf8Error = (b: Buffer, bad: number, skipped: number) =>
  new CsvDecodeError(
    lineAt(b, bad, (i) => b[i] === 0x0a),
    skipped + bad + 1,
    b[bad] ?? null,
    'UTF-8',
  );

/**
 * Offset of the first byte that breaks GB18030's structure, or -1: single bytes 00–80, pairs 81–FE + 40–7E/80–FE,
 * quadruples 81–FE 30–39 81–FE 30–39. Structurally valid but unassigned quadruples are left to the strict decoder.
 */
function firstInvalidGb18030(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c <= 0x80)
      i++; // 0x80 alone is the euro sign of code page 936, which the decoder accepts too
    else if (c === 0xff) return i;
    else if (b[i + 1] >= 0x30 && b[i + 1] <= 0x39) {
      const c3 = b[i + 2];
      const c4 = b[i + 3];
      if (c3 === undefined || c3 < 0x81 || c3 > 0xfe || c4 === undefined || c4 < 0x30 || c4 > 0x39) return i;
      i += 4;
    } else {
      const t = b[i + 1];
      if (t === undefined || t < 0x40 || t === 0x7f || t > 0xfe) return i;
      i += 2;
    }
  }
  return -1;
}

/**
 * True when the bytes before `end` hold a valid three-byte UTF-8 character (all Chinese is three bytes in UTF-8).
 * A file like that is UTF-8 with a bad byte, not GB18030: decoding it as GB18030 would store mojibake.
 */
function hasUtf8Han(b: Buffer, end: number): boolean {
  for (let i = 0; i + 2 < end; i++) {
    if (b[i] >= 0xe0 && b[i] <= 0xef && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80) return true;
  }
  return false;
}

function decodeUtf16(b: Buffer, encoding: 'utf-16le' | 'utf-16be'): string {
  const unit = (i: number) => (encoding === 'utf-16le' ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const newline = (i: number) => unit(i) === 0x0a;
  // BOM at 0–1; the offsets below are within the file, so the BOM's two bytes count.
  for (let i = 2; i < b.length; i += 2) {
    if (i + 1 >= b.length) throw new CsvDecodeError(lineAt(b, i, newline, 2), i + 1, null, 'UTF-16');
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < b.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff)
        throw new CsvDecodeError(lineAt(b, i, newline, 2), i + 1, b[i], 'UTF-16');
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      throw new CsvDecodeError(lineAt(b, i, newline, 2), i + 1, b[i], 'UTF-16');
    }
  }
  return new TextDecoder(encoding, { fatal: true }).decode(b.subarray(2));
}

/**
 * Bytes as Excel and friends write them: UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text"), or, when
 * the bytes are not valid UTF-8 and read as GB18030 throughout, GB18030 — what "CSV (逗号分隔)" produces on a Chinese
 * Windows. Anything else throws CsvDecodeError. Every check is one pass over the bytes.
 */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const body = b.subarray(3);
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) throw utf8Error(body, bad, 3);
    return body.toString('utf8');
  }
  if (b[0] === 0xff && b[1] === 0xfe) return decodeUtf16(b, 'utf-16le');
  if (b[0] === 0xfe && b[1] === 0xff) return decodeUtf16(b, 'utf-16be');
  const bad = firstInvalidUtf8(b);
  if (bad < 0) return b.toString('utf8');
  if (hasUtf8Han(b, bad)) throw utf8Error(b, bad, 0);
  const badGb = firstInvalidGb18030(b);
  if (badGb >= 0) {
    throw new CsvDecodeError(
      lineAt(b, badGb, (i) => b[i] === 0x0a),
      badGb + 1,
      b[badGb],
      'UTF-8 或 GB18030',
    );
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(b);
  } catch {
    // structurally sound but unassigned four-byte sequences: rare enough to name the first non-UTF-8 byte instead
    throw new CsvDecodeError(
      lineAt(b, bad, (i) => b[i] === 0x0a),
      bad + 1,
      b[bad],
      'UTF-8 或 GB18030',
    );
  }
}
