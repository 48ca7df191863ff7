import type { IncomingMessage } from 'node:http';
import { DomainError } from '../infrastructure/http/domain-error';
import { firstInvalidUtf8 } from '../ingestion/push-charset';

export const bodyTooLarge = (max: number) =>
  new DomainError('too_large', 'BODY_TOO_LARGE', `请求体过大（最多 ${+(max / 1024 / 1024).toFixed(2)} MiB）`);

export const bodyTimedOut = (ms: number) =>
  new DomainError('invalid', 'BODY_TIMEOUT', `请求体上传超时（${Math.ceil(ms / 1000)} 秒内未传完）`);

export const bodyAborted = () => new DomainError('invalid', 'BODY_ABORTED', '请求体未传完连接即已关闭');

/**
 * A client that goes away mid-upload makes Node emit `error` ('aborted', ECONNRESET) on the request: the client's
 * doing, not a server fault, so it is a BODY_ABORTED refusal like an early `close`, never an 'unhandled error'.
 */
function isClientAbort(e: Error): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || e.message === 'aborted';
}

export interface ReadBodyOptions {
  /** Whole-body deadline: a sender that trickles (or stalls) is cut off instead of holding memory and a socket. */
  timeoutMs?: number;
  /** Refuse an oversized body without reading it (the caller closes the connection) instead of draining it. */
  noDrain?: boolean;
}

/**
 * A request body read from the stream, at most `maxBytes`. An oversized body is refused from its Content-Length
 * when declared; otherwise reading stops at the cap (chunks past it are discarded, never kept), and the body is
 * drained unless `noDrain`, so the client still receives the 413 answer. A body that is not complete within
 * `timeoutMs`, or whose connection closes early, is refused; the stream is paused so nothing more is read.
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  opts: ReadBodyOptions = {},
): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    if (!opts.noDrain) req.resume();
    return Promise.reject(bodyTooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      fn();
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) over = true;
      if (over) chunks.length = 0;
      else chunks.push(c);
      if (over && opts.noDrain) finish(() => (req.pause(), reject(bodyTooLarge(maxBytes))));
    };
    const onEnd = () =>
      finish(() => (over ? reject(bodyTooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    const onError = (e: Error) => finish(() => reject(isClientAbort(e) ? bodyAborted() : e));
    const onClose = () => finish(() => reject(bodyAborted()));
    const timer = opts.timeoutMs
      ? setTimeout(() => finish(() => (req.pause(), reject(bodyTimedOut(opts.timeoutMs!)))), opts.timeoutMs)
      : undefined;
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
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
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return body.toString('utf8').replace(/^\uFEFF/, '');
  // Where, as the contacts import and the push API say it: a person can find the cell Excel saved wrongly.
  let line = 1;
  for (let i = body.indexOf(0x0a); i >= 0 && i < bad; i = body.indexOf(0x0a, i + 1)) line++;
  const shown =
    bad < body.length ? `0x${body[bad].toString(16).toUpperCase().padStart(2, '0')}` : '文件在字符中间结束';
  throw new DomainError(
    'invalid',
    'BODY_NOT_UTF8',
    `第 ${line} 行（文件第 ${bad + 1} 字节，${shown}）不是有效的 UTF-8 编码，未导入任何数据；` +
      '请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传',
  );
}
