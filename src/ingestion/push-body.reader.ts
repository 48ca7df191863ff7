import type { NextFunction, Request, Response } from 'express';
import { DomainError, DomainErrorKind } from '../infrastructure/http/domain-error';
import { rootLogger } from '../infrastructure/logging/logger';
import type { PushAuth } from './push-auth';
import type { PushIntake } from './push-intake';

export const PUSH_PATH = '/api/ingest/items';

export type PushRequest = Request & { rawPushBody?: Buffer; pushAuth?: PushAuth };

interface ExpressLike {
  use(path: string, fn: (req: Request, res: Response, next: NextFunction) => void): unknown;
  router?: { stack?: unknown[] };
}

// The domain-exception filter's mapping, for the answers given here, before Nest; BODY_TIMEOUT is 408.
const STATUS: Partial<Record<DomainErrorKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * Puts the push intake at the front of Express's stack for POST /api/ingest/items: Nest's JSON parser runs before
 * any module middleware, would buffer the body before anyone looked at the credentials, and would refuse anything
 * over its 100 kB default. Once the intake has read the body (raw bytes: the HMAC is computed over them), the JSON
 * parser sees a finished request and leaves it alone. A refusal is answered here, with `Connection: close`: the
 * unread rest of the body is discarded as it arrives, never buffered, and the socket closes after the answer.
 */
export function installPushBodyReader(app: ExpressLike | undefined, intake: PushIntake): void {
  if (!app || typeof app.use !== 'function') return; // no HTTP server (CLI application context)
  app.use(PUSH_PATH, (req: PushRequest, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    intake.admit(req).then(
      ({ auth, body }) => {
        req.pushAuth = auth;
        req.rawPushBody = body;
        next();
      },
      (e: unknown) => {
        if (!(e instanceof DomainError)) return next(e);
        // The client hung up mid-body: its doing, worth a line for the operator, not an error (nobody hears the 400).
        if (e.code === 'BODY_ABORTED') {
          rootLogger().info(
            { path: req.originalUrl, ip: req.ip, source: req.headers['x-yuqing-source'] },
            'push request aborted by the client',
          );
        }
        const status = e.code === 'BODY_TIMEOUT' ? 408 : (STATUS[e.kind] ?? 400);
        res.setHeader('Connection', 'close');
        if (status === 503) res.setHeader('Retry-After', '5');
        res.status(status).json({ statusCode: status, code: e.code, message: e.message });
      },
    );
  });
  const stack = app.router?.stack;
  if (Array.isArray(stack)) stack.unshift(stack.pop());
}
