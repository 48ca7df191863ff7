import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { sessionSecret } from '../auth/session-cookie';
import {
  describeError,
  DomainExceptionFilter,
  HttpErrorAnswer,
  INTERNAL_ERROR_MESSAGE,
} from '../infrastructure/http/domain-exception.filter';
import { wantsHtml } from '../infrastructure/http/http-refusal';
import { rootLogger } from '../infrastructure/logging/logger';
import { renderErrorPage, renderPublicErrorPage } from './error-page.view';

/** Finds the user of a session cookie (AuthService): for requests no guard has seen. */
export interface SessionLookup {
  principalFromSession(secret: unknown): Promise<Principal | null>;
}

/**
 * A browser whose request fails (out of scope, unknown, invalid, a conflict, too large, bad input the Express-level
 * guards found, or a server fault) gets the error as a page: inside the normal layout, with navigation, when logged
 * in; in the public layout (the login page's) when not. A 401 (the login redirect) and JSON clients are answered as
 * the application's DomainExceptionFilter answers them; its describeError gives the status and Chinese message and
 * logs server faults, once.
 *
 * Controllers bind it with @UseFilters; their requests have passed the AuthGuard, which set `req.principal`.
 * app.setup.ts also installs it app-wide (`appWide`) for what no controller's filter sees: a path no route serves, a
 * path Express cannot decode. Nest runs only global filters there, before any guard, so that instance looks the
 * session cookie up itself; without it an unknown console path, or one with a query the guards refuse, got the bare
 * error page of http-refusal.ts.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly fallback = new DomainExceptionFilter();
  private sessions?: SessionLookup;

  /** The app-wide instance: also identifies a logged-in user on requests that no guard has seen. */
  static appWide(sessions: SessionLookup): ConsoleExceptionFilter {
    const filter = new ConsoleExceptionFilter();
    filter.sessions = sessions;
    return filter;
  }

  // Synchronous until the session lookup, so a controller's refusal is sent before catch() returns.
  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<AuthedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    let answer: HttpErrorAnswer | undefined;
    try {
      answer = describeError(exception, req); // (logs a server fault, once)
      await this.answer(answer, req, res);
    } catch (err) {
      // Never rejects: nothing catches what an async filter throws, and this request still needs an answer — with
      // its own status (a 404 stays a 404) when the error was described before the page failed.
      rootLogger().error({ err, path: req.path }, 'console error page failed');
      if (res.headersSent) return void (res.writableEnded || res.end());
      if (answer) this.fallback.answer(req, res, answer);
      else res.status(500).type('text').send(INTERNAL_ERROR_MESSAGE);
    }
  }

  private async answer(answer: HttpErrorAnswer, req: AuthedRequest, res: Response): Promise<void> {
    const { status, body } = answer;
    if (status < 400 || status === 401 || !wantsHtml(req) || res.headersSent) {
      return this.fallback.answer(req, res, answer);
    }
    const message = Array.isArray(body.message) ? body.message.join('；') : String(body.message);
    const principal = req.principal ?? (this.sessions ? await this.visitor(req) : null);
    // (something answered meanwhile, a timeout: finish what it started rather than leave the client waiting)
    if (res.headersSent) return void (res.writableEnded || res.end());
    const page = principal
      ? renderErrorPage(principal, status, message)
      : renderPublicErrorPage(status, message);
    res.status(status).type('html').send(page);
  }

  /** The session cookie's user, or null (none, expired, or the lookup failed: the page is then the public one). */
  private async visitor(req: AuthedRequest): Promise<Principal | null> {
    const secret = sessionSecret(req);
    if (!secret || !this.sessions) return null;
    try {
      return await this.sessions.principalFromSession(secret);
    } catch (err) {
      rootLogger().warn({ err, path: req.path }, 'session lookup for an error page failed');
      return null;
    }
  }
}
