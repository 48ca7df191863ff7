import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.decorators';
import { describeError, DomainExceptionFilter } from '../infrastructure/http/domain-exception.filter';
import { wantsHtml } from '../infrastructure/http/http-refusal';
import { renderErrorPage } from './layout';

/**
 * On console pages a logged-in user whose request fails (out of scope, unknown, invalid, a conflict, too large, bad
 * input the Express-level guards found, or a server fault) gets the error inside the normal layout, with navigation.
 * Not logged in (login redirect or the plain page) and JSON clients are answered by the application's
 * DomainExceptionFilter, which also describes the error (status, Chinese message) and logs server faults, once.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly fallback = new DomainExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<AuthedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const answer = describeError(exception, req);
    const { status, body } = answer;
    if (status >= 400 && status !== 401 && req.principal && wantsHtml(req) && !res.headersSent) {
      const m = Array.isArray(body.message) ? body.message.join('；') : String(body.message);
      res
        .status(status)
        .type('html')
        .send(renderErrorPage(req.principal, status, m));
      return;
    }
    this.fallback.answer(req, res, answer);
  }
}
