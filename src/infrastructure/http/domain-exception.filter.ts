import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';
import { rootLogger } from '../logging/logger';

const STATUS: Record<DomainErrorKind, number> = {
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
    } else {
      rootLogger().error({ err: exception, path: req.url }, 'unhandled error');
      body = { statusCode: 500, message: 'Internal server error' };
    }
    const wantsHtml = !req.path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
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

function errorPage(status: number, message: string): string {
  const esc = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title>
<body style="font-family:sans-serif;padding:2em"><h1>${status}</h1><p>${esc}</p><p><a href="/">返回首页</a></p></body></html>`;
}
