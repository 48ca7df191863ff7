import type { Request } from 'express';

export const SESSION_COOKIE = 'ys_session';

/**
 * The session secret from the cookie, or undefined. cookie-parser turns a value starting `j:` into parsed JSON (an
 * object, an array, a number): a session secret is always a string, so anything else is no session (a 401 or the
 * login page), never a value handed on to hashing or SQL.
 */
export function sessionSecret(req: Request): string | undefined {
  const v: unknown = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
