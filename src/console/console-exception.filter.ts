import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.decorators';
import { DomainError } from '../infrastructure/http/domain-error';
import { DomainExceptionFilter } from '../infrastructure/http/domain-exception.filter';
import { renderErrorPage } from './layout';

const PAGE_STATUS: Partial<Record<DomainError['kind'], number>> = {
  forbidden: 403,
  not_found: 404,
  invalid: 400,
};

/**
 * On console pages a logged-in user who hits a bureau outside their scope (or an unknown one) gets the error inside
 * the normal layout, with navigation. Everything else (not logged in → login redirect, JSON clients, 500s) is left to
 * the application's DomainExceptionFilter so there is still one mapping of errors to statuses.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly fallback = new DomainExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<AuthedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof DomainError ? PAGE_STATUS[exception.kind] : undefined;
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (status && req.principal && wantsHtml && !res.headersSent) {
      res
        .status(status)
        .type('html')
        .send(renderErrorPage(req.principal, status, (exception as Error).message));
      return;
    }
    this.fallback.catch(exception, host);
  }
}
