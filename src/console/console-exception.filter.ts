import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.decorators';
import { DomainError } from '../infrastructure/http/domain-error';
import { DomainExceptionFilter, STATUS } from '../infrastructure/http/domain-exception.filter';
import { renderErrorPage } from './layout';

/** A refusal the user can act on (4xx other than 401), with its message; undefined for the rest. */
function refusal(e: unknown): { status: number; message: string } | undefined {
  if (e instanceof DomainError) return { status: STATUS[e.kind], message: e.message };
  if (!(e instanceof HttpException)) return undefined;
  const r = e.getResponse();
  const m = typeof r === 'string' ? r : (r as { message?: unknown }).message;
  return { status: e.getStatus(), message: Array.isArray(m) ? m.join('；') : String(m ?? e.message) };
}

/**
 * On console pages a logged-in user whose request is refused (out of scope, unknown, invalid, a conflict, too large)
 * gets the error inside the normal layout, with navigation. Not logged in (login redirect), JSON clients and 500s are
 * left to the application's DomainExceptionFilter, whose status mapping (STATUS) this one reuses.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly fallback = new DomainExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<AuthedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const r = refusal(exception);
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (
      r &&
      r.status >= 400 &&
      r.status < 500 &&
      r.status !== 401 &&
      req.principal &&
      wantsHtml &&
      !res.headersSent
    ) {
      res
        .status(r.status)
        .type('html')
        .send(renderErrorPage(req.principal, r.status, r.message));
      return;
    }
    this.fallback.catch(exception, host);
  }
}
