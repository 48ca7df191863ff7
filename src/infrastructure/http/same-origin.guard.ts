import type { Request, RequestHandler } from 'express';
import { refuse } from './http-refusal';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where the request says it comes from: the Origin header, else the origin of the Referer; null when neither. */
function sourceOf(req: Request): string | null {
  const origin = req.headers.origin;
  // "null" is what a page under Referrer-Policy: no-referrer (the signed action links) or a sandbox sends: no claim.
  if (typeof origin === 'string' && origin !== '' && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (typeof referer !== 'string' || referer === '') return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}

/**
 * CSRF defence (issue 12 point 9), checked before any route runs:
 *  - a state-changing request (POST/PUT/PATCH/DELETE) that carries the session cookie must say it comes from this
 *    site: Origin (or Referer) equal to PUBLIC_BASE_URL's origin or to the origin the request was addressed to
 *    (scheme + Host, so one instance may answer under several names behind its proxy);
 *  - a request naming a foreign origin is refused even without a cookie (login CSRF);
 *  - bearer-token calls are exempt: a cross-site page cannot make a browser attach an Authorization header;
 *  - so are paths whose credential is in the URL (`tokenPaths`: signed action links in emails). They never act on
 *    the cookie, and their pages send no Referer and `Origin: null` (Referrer-Policy: no-referrer keeps the token
 *    out of Referer headers), yet the person clicking may well be logged in to the console.
 * Browsers send Origin on every cross-origin request and on every same-origin POST, so the console's forms and
 * scripts pass unchanged. Referrer-Policy stays `same-origin` so the Referer fallback remains available.
 */
export function sameOriginGuard(
  publicBaseUrl: string,
  sessionCookie: string,
  tokenPaths: readonly string[] = [],
): RequestHandler {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) return next();
    const source = sourceOf(req);
    const hasSession = Boolean((req.cookies as Record<string, string> | undefined)?.[sessionCookie]);
    if (source === null && (!hasSession || tokenPaths.some((p) => req.path.startsWith(p)))) return next();
    const addressed = `${req.protocol}://${req.headers.host ?? ''}`;
    if (source === publicOrigin || source === addressed) return next();
    refuse(
      req,
      res,
      403,
      'CSRF_ORIGIN_MISMATCH',
      source === null
        ? 'origin: 请求缺少来源 (Origin/Referer)，已拒绝以防跨站请求伪造'
        : 'origin: 请求来源与本站不一致，已拒绝以防跨站请求伪造 (cross-site request refused)',
      'origin',
    );
  };
}
