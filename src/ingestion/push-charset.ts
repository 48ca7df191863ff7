import * as iconv from 'iconv-lite';
import { DomainError } from '../infrastructure/http/domain-error';
import { canonicalCharset, charsetFromContentType } from './fetch/charset';

/**
 * Push body bytes → text, by the charset the pusher declares (issue 12 point 11). Without a declaration the body
 * must be UTF-8 (RFC 8259); bytes that are not valid in the declared charset are refused, never replaced by U+FFFD:
 * a GBK crawler that forgot `charset=gbk` must hear about it, not fill the database with mojibake.
 */
export function decodePushBody(body: Buffer, contentType: string | undefined): string {
  const label = charsetFromContentType(contentType ?? null);
  const charset = label === null ? 'utf-8' : canonicalCharset(label);
  if (!charset) {
    throw new DomainError(
      'invalid',
      'PUSH_UNSUPPORTED_CHARSET',
      `Content-Type 声明的字符集 ${label} 不受支持（请用 utf-8 或 gbk）`,
    );
  }
  if (charset === 'utf-8') {
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      throw new DomainError(
        'invalid',
        'PUSH_BAD_ENCODING',
        `请求体不是有效的 UTF-8（第 ${bad + 1} 字节）；GBK 编码的内容请声明 Content-Type: application/json; charset=gbk`,
      );
    }
    return body.toString('utf8').replace(/^\uFEFF/, '');
  }
  const text = iconv.decode(body, charset, { stripBOM: true });
  // iconv replaces what it cannot decode with U+FFFD; a genuine U+FFFD survives the round trip, a bad byte does not.
  if (text.includes('\uFFFD') && !iconv.encode(text, charset).equals(withoutBom(body, charset))) {
    throw new DomainError('invalid', 'PUSH_BAD_ENCODING', `请求体含有无效的 ${label} 字节序列`);
  }
  return text;
}

function withoutBom(body: Buffer, charset: string): Buffer {
  const bom = iconv.encode('\uFEFF', charset);
  return body.subarray(0, bom.length).equals(bom) ? body.subarray(bom.length) : body;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or -1. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
