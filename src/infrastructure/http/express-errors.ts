import { HttpException } from '@nestjs/common';
import { MAX_JSON_DEPTH } from './input-scan';

/** A refusal as the API and console pages give it: status, code and a Chinese message naming the rule. */
export interface InputRefusal {
  status: number;
  code: string;
  message: string;
  field?: string;
}

// body-parser's defaults, as configured in app.setup.ts (useBodyParser without limits): 100 kB, 1,000 form fields,
// form keys nested 32 deep. Its errors are English and say nothing of the limit; these say both, in Chinese.
const MESSAGES: Record<string, (e: HttpErrorLike) => Omit<InputRefusal, 'status'>> = {
  'entity.too.large': (e) => ({
    code: 'BODY_TOO_LARGE',
    message: `body: 请求体过大（最多 ${Math.round((e.limit ?? 102_400) / 1024)} KB）`,
  }),
  'parameters.too.many': () => ({
    code: 'FORM_TOO_MANY_FIELDS',
    message: 'body: 表单字段过多（最多 1000 个）',
  }),
  'querystring.parse.rangeError': () => ({
    code: 'FORM_TOO_DEEP',
    message: `body: 表单字段名嵌套超过 ${MAX_JSON_DEPTH} 层（如 a[b][c]…）`,
  }),
  'entity.parse.failed': (e) => ({
    code: 'INVALID_BODY',
    message: `body: 请求体不是有效的 JSON 或表单（${String(e.message).slice(0, 120)}）`,
  }),
  'charset.unsupported': (e) => ({
    code: 'UNSUPPORTED_CHARSET',
    message: `body: 不支持的字符集 ${String(e.charset ?? '').slice(0, 40)}（请用 UTF-8）`,
  }),
  'encoding.unsupported': () => ({
    code: 'UNSUPPORTED_ENCODING',
    message: 'body: 不支持的 Content-Encoding（请用 gzip、deflate、br 或不压缩）',
  }),
  'request.aborted': () => ({ code: 'BODY_ABORTED', message: 'body: 请求体未传完连接即已关闭' }),
  'request.size.invalid': () => ({
    code: 'BODY_SIZE_MISMATCH',
    message: 'body: 请求体长度与 Content-Length 不符',
  }),
};

interface HttpErrorLike {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  message?: unknown;
  limit?: number;
  charset?: string;
}

/**
 * A client error raised by Express or its body parser (http-errors with a `type`, a URIError from a path parameter
 * with a broken %-escape), in Chinese; undefined for anything else (a server fault stays a 500).
 */
export function clientRefusalOf(err: unknown): InputRefusal | undefined {
  const e = (err instanceof HttpException ? (err.cause ?? err) : err) as HttpErrorLike | null;
  if (!e || typeof e !== 'object') return undefined;
  if (e instanceof URIError) {
    return {
      status: 400,
      code: 'INVALID_PATH',
      message: '路径中的 % 转义无效（malformed %-escape in the path）',
    };
  }
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof e.type !== 'string')
    return undefined;
  const known = MESSAGES[e.type]?.(e) ?? { code: 'INVALID_BODY', message: 'body: 请求体无法读取' };
  return { status, field: 'body', ...known };
}
