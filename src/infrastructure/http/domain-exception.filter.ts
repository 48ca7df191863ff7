import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';
import { rootLogger } from '../logging/logger';
import { errorPage, wantsHtml as browserPage } from './http-refusal';

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

/** One filter for the whole app: domain errors → status + JSON body; console pages → login redirect on 401. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let status = 500;
    let body: Record<string, unknown>;
    if (exception instanceof DomainError) {
      status = STATUS[exception.kind];
      body = {
        statusCode: status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const r = exception.getResponse();
      body =
        typeof r === 'string' ? { statusCode: status, message: r } : { statusCode: status, ...(r as object) };
    } else if (clientDataError(exception)) {
      status = 400;
      rootLogger().warn({ err: exception, path: req.path }, 'bad input reached the database');
      body = { statusCode: 400, code: 'INVALID_INPUT', message: clientDataError(exception) };
    } else {
      rootLogger().error({ err: exception, path: req.url }, 'unhandled error');
      body = { statusCode: 500, message: 'Internal server error' };
    }
    const wantsHtml = browserPage(req);
    if (wantsHtml && status === HttpStatus.UNAUTHORIZED) {
      res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (wantsHtml) {
      res
        .status(status)
        .type('html')
        .send(errorPage(status, String(body.message)));
      return;
    }
    res.status(status).json(body);
  }
}
