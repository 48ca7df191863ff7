import type { IncomingMessage } from 'node:http';
import { DomainError } from '../infrastructure/http/domain-error';

export const bodyTooLarge = (max: number) =>
  new DomainError('too_large', 'BODY_TOO_LARGE', `请求体过大（最多 ${+(max / 1024 / 1024).toFixed(2)} MiB）`);

/**
 * A request body read from the stream, at most `maxBytes`. An oversized body is refused from its Content-Length
 * when declared, otherwise read to the end and discarded, so the client still receives the 413 answer.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    req.resume();
    return Promise.reject(bodyTooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) over = true;
      if (over) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => (over ? reject(bodyTooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The body of a text upload (text/csv). Nest's JSON and form parsers leave other content types unread. */
export async function readTextBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  if (req.readableEnded || (req.complete && !req.readable)) {
    throw new DomainError(
      'invalid',
      'BODY_NOT_TEXT',
      '请以 text/csv 格式上传文件内容 (send the file as text/csv)',
    );
  }
  const body = await readBody(req, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new DomainError('invalid', 'BODY_NOT_UTF8', '文件必须是 UTF-8 编码');
  }
}
