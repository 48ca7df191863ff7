import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../infrastructure/http/domain-error';
import { readBody } from '../sources/request-body';

export const PUSH_PATH = '/api/ingest/items';

export type PushRequest = Request & { rawPushBody?: Buffer };

interface ExpressLike {
  use(path: string, fn: (req: Request, res: Response, next: NextFunction) => void): unknown;
  router?: { stack?: unknown[] };
}

/**
 * Reads the push endpoint's body as raw bytes (the HMAC is computed over them) with the push size limit. Nest's
 * JSON parser runs before any module middleware, would consume the stream and would refuse anything over its
 * 100 kB default, so this reader is placed at the front of Express's stack; once it has read the body, the JSON
 * parser sees a finished request and leaves it alone. Oversized bodies get the usual JSON error shape, 413.
 */
export function installPushBodyReader(app: ExpressLike | undefined, maxBytes: () => number): void {
  if (!app || typeof app.use !== 'function') return; // no HTTP server (CLI application context)
  app.use(PUSH_PATH, (req: PushRequest, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    readBody(req, maxBytes()).then(
      (body) => {
        req.rawPushBody = body;
        next();
      },
      (e: unknown) => {
        if (!(e instanceof DomainError)) return next(e);
        res.status(413).json({ statusCode: 413, code: 'PUSH_TOO_LARGE', message: e.message });
      },
    );
  });
  const stack = app.router?.stack;
  if (Array.isArray(stack)) stack.unshift(stack.pop());
}
