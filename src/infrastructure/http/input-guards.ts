import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { clientRefusalOf } from './express-errors';
import { refuse, refuseInput } from './http-refusal';
import {
  DATE_PARAMS,
  isCalendarDateOrNotADate,
  isMonthOrNotAMonth,
  MAX_JSON_DEPTH,
  queryPairs,
  scanJson,
} from './input-scan';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The push endpoint reads its own raw body and validates it (ingestion module); these guards leave it alone. */
const OWN_BODY_PATHS = ['/api/ingest/'];

/**
 * The JSON API refuses HTML form bodies with 415 (issue 12 point 9): a cross-site form can post a form body
 * without a CORS preflight, never a JSON one. The console's forms post to /console/… and /login, not /api/….
 */
export const refuseFormBodiesOnApi: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/') || !WITH_BODY.has(req.method)) return next();
  if (!FORM_TYPES.test(req.headers['content-type'] ?? '')) return next();
  refuse(
    req,
    res,
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    '接口只接受 JSON 请求体 (Content-Type: application/json)，不接受表单',
    'content-type',
  );
};

/** Query strings (issue 12 point 8): no NUL, no broken %-escapes, and date filters that name real dates. */
export const guardQuery: RequestHandler = (req, res, next) => {
  const q = req.originalUrl.indexOf('?');
  if (q < 0) return next();
  for (const { name, value } of queryPairs(req.originalUrl.slice(q + 1))) {
    const bad = (code: string, why: string) =>
      refuseInput(req, res, next, { status: 400, code, message: `${name}: ${why}`, field: name });
    if (value === null) return bad('INVALID_QUERY', '查询参数编码无效 (malformed %-escape)');
    if (name.includes('\u0000') || value.includes('\u0000')) {
      return bad('INVALID_CHARACTER', '不能包含空字符 U+0000 (NUL)');
    }
    if (DATE_PARAMS.has(name) && !isCalendarDateOrNotADate(value)) {
      return bad('INVALID_DATE', `不是有效的日期或时间 (not a valid date: ${value.slice(0, 40)})`);
    }
    if (name === 'month' && !isMonthOrNotAMonth(value)) {
      return bad('INVALID_DATE', `不是有效的月份，应形如 2026-10 (not a valid month: ${value.slice(0, 40)})`);
    }
  }
  next();
};

/** Parsed bodies (JSON and console forms): no NUL in any string or key, no absurd nesting (issue 12 point 8). */
export const guardParsedBody: RequestHandler = (req, res, next) => {
  if (!WITH_BODY.has(req.method) || OWN_BODY_PATHS.some((p) => req.path.startsWith(p))) return next();
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') return next();
  const scan = scanJson(body);
  if (scan.tooDeep) {
    return refuseInput(req, res, next, {
      status: 400,
      code: 'JSON_TOO_DEEP',
      message: `body: 嵌套层级超过 ${MAX_JSON_DEPTH} 层 (JSON nested deeper than ${MAX_JSON_DEPTH} levels)`,
      field: 'body',
    });
  }
  if (scan.nulAt !== null) {
    return refuseInput(req, res, next, {
      status: 400,
      code: 'INVALID_CHARACTER',
      message: `${scan.nulAt}: 不能包含空字符 U+0000 (NUL)`,
      field: scan.nulAt,
    });
  }
  next();
};

/**
 * Body-parser failures (malformed JSON, too large, too many form fields, form keys nested too deep, an unknown
 * charset) as the usual refusals, in Chinese and naming the limit: JSON for the API, the console's error page for
 * its forms. Anything that is not a client error goes on to the exception filter (a 500, logged).
 */
export function bodyParserErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const r = clientRefusalOf(err);
  if (!r) return next(err);
  refuseInput(req, res, next, r);
}
