import type { Request, RequestHandler } from 'express';
import { refuse } from './http-refusal';

/** /api/docs (Swagger UI) and its /api/docs-json, /api/docs-yaml documents. */
export const DOCS_PATH = /^\/api\/docs(?:$|[/-])/;

/**
 * Swagger's routes are plain Express routes, outside Nest's AuthGuard; this puts them behind login (issue 12
 * point 13) when the API_DOCS setting says so. `isLoggedIn` checks the session cookie or bearer token.
 */
export function docsAccess(isLoggedIn: (req: Request) => Promise<boolean>): RequestHandler {
  return (req, res, next) => {
    if (!DOCS_PATH.test(req.path)) return next();
    isLoggedIn(req).then((ok) => {
      if (ok) return next();
      if ((req.headers.accept ?? '').includes('text/html')) {
        res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      refuse(req, res, 401, 'AUTH_REQUIRED', '请先登录后查看接口文档 (login required)');
    }, next);
  };
}
