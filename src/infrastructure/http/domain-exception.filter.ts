import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';
import { rootLogger } from '../logging/logger';
import { clientRefusalOf } from './express-errors';
import { errorPage, pendingRefusal, wantsHtml } from './http-refusal';

/**
 * PostgreSQL errors that can only come from a value the client sent (class 22, "data exception": an impossible date,
 * text where a number belongs, a NUL byte, an out-of-range number). The guards in input-guards.ts and the DTOs
 * should catch these first, naming the field; this is the backstop, so bad input is never a 500.
 */
const CLIENT_DATA_ERRORS: Record<string, string> = {
  '22007': '日期或时间格式无效 (invalid date/time)',
  '22008': '日期或时间超出范围 (date/time out of range)',
  '22P02': '参数格式无效 (invalid value for its type)',
  '22003': '数值超出范围 (number out of range)',
  '22021': '文本包含无效字符 (invalid character, e.g. NUL)',
  '22001': '文本过长 (value too long)',
};

function clientDataError(e: unknown): string | undefined {
  const code = (e as { driverError?: { code?: unknown } })?.driverError?.code;
  return typeof code === 'string' ? CLIENT_DATA_ERRORS[code] : undefined;
}

export const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export interface HttpErrorAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** What the client sees for a 500: nothing of the fault itself, which is logged with the request's path. */
export const INTERNAL_ERROR_MESSAGE = '服务器内部错误，已记录；请稍后重试，若一再出现请联系管理员';

/**
 * Any exception → status and JSON body, logging what is not the client's fault. A refusal an Express-level guard
 * left on a console request (http-refusal.ts) wins over what followed it (a 404 for a path Nest does not route).
 */
export function describeError(exception: unknown, req: Request): HttpErrorAnswer {
  const pending = pendingRefusal(req);
  if (pending) exception = pending;
  const express = clientRefusalOf(exception);
  if (express) {
    const { status, code, message, field } = express;
    return { status, body: { statusCode: status, code, message, ...(field ? { details: { field } } : {}) } };
  }
  if (exception instanceof DomainError) {
    const status = STATUS[exception.kind];
    return {
      status,
      body: {
        statusCode: status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const r = exception.getResponse();
    const body =
      typeof r === 'string' ? { statusCode: status, message: r } : { statusCode: status, ...(r as object) };
    // Nest's own 404 for a path no route serves ("Cannot GET /x"): said in Chinese, like every other refusal.
    if (status === 404 && /^Cannot [A-Z]+ /.test(String(body.message))) {
      return {
        status,
        body: {
          statusCode: 404,
          code: 'NOT_FOUND',
          message: `没有这个页面或接口：${req.path.slice(0, 200)}`,
        },
      };
    }
    return { status, body };
  }
  const dataError = clientDataError(exception);
  if (dataError) {
    rootLogger().warn({ err: exception, path: req.path }, 'bad input reached the database');
    return { status: 400, body: { statusCode: 400, code: 'INVALID_INPUT', message: dataError } };
  }
  rootLogger().error({ err: exception, path: req.url }, 'unhandled error');
  return { status: 500, body: { statusCode: 500, code: 'INTERNAL_ERROR', message: INTERNAL_ERROR_MESSAGE } };
}

/** One filter for the whole app: domain errors → status + JSON body; console pages → login redirect on 401. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.answer(
      ctx.getRequest<Request>(),
      ctx.getResponse<Response>(),
      describeError(exception, ctx.getRequest()),
    );
  }

  /** Sends an already described error (ConsoleExceptionFilter describes first, to choose its own page). */
  answer(req: Request, res: Response, { status, body }: HttpErrorAnswer): void {
    if (res.headersSent) {
      if (!res.writableEnded) res.end(); // a streamed answer broke off: nothing more can be said to this client
      return;
    }
    const html = wantsHtml(req);
    if (html && status === HttpStatus.UNAUTHORIZED) {
      res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (html) {
      const m = Array.isArray(body.message) ? body.message.join('；') : String(body.message);
      res.status(status).type('html').send(errorPage(status, m));
      return;
    }
    res.status(status).json(body);
  }
}
