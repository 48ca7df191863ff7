import type { RequestHandler } from 'express';

/**
 * No inline script anywhere (pages load /console/assets/*.js); inline styles stay allowed because several pages and
 * the printable bulletin carry a <style> block. frame-ancestors 'none' (and the older X-Frame-Options) stop
 * click-jacking; form-action 'self' keeps forms from posting elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every response (issue 12 point 9); HSTS only when the service is served over HTTPS. */
export function securityHeaders(opts: { hsts: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    // same-origin: no URL (which may carry an incident id or a signed-link token) leaves the site in a Referer.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
