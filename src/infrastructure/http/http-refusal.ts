import type { NextFunction, Request, Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';

/** The console's pages: their refusals are Chinese HTML pages, never JSON, whatever the Accept header (curl: * / *). */
const CONSOLE_PATHS = /^\/(?:console(?:\/|$)|login$|logout$|links\/|$)/;

/** A request to a console page, unless the client asks for JSON only (the console's scripts, API clients). */
export function isConsolePage(req: Request): boolean {
  if (!CONSOLE_PATHS.test(req.path)) return false;
  const accept = req.headers.accept ?? '';
  return !(accept.includes('application/json') && !accept.includes('text/html'));
}

/** Whether the client is a browser page (HTML error page) rather than an API client (JSON body). */
export function wantsHtml(req: Request): boolean {
  if (isConsolePage(req)) return true;
  return !req.path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}

/** The plain error page, for visitors who are not logged in (the console's layout needs a user). */
export function errorPage(status: number, message: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const heading =
    status === 403 ? '无权访问' : status === 404 ? '未找到' : status >= 500 ? '服务器出错' : '请求有误';
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${heading} · 舆情哨</title>
<body><h1>${status} ${heading}</h1><p>${esc(message)}</p><p><a href="/">返回首页</a></p></body></html>`;
}

/**
 * The answer of an Express-level guard (before Nest's routing): the same JSON shape as DomainExceptionFilter, or
 * the same error page for a browser.
 */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
  field?: string,
): void {
  if (wantsHtml(req)) {
    res.status(status).type('html').send(errorPage(status, message));
    return;
  }
  res.status(status).json({ statusCode: status, code, message, ...(field ? { details: { field } } : {}) });
}

const KIND_OF_STATUS: Record<number, DomainErrorKind> = {
  400: 'invalid',
  403: 'forbidden',
  413: 'too_large',
};
const PENDING = Symbol('pending input refusal');
type WithPending = Request & { [PENDING]?: DomainError };

/**
 * Refuses bad input found by an Express-level guard. An API request is answered at once. A console page's refusal
 * is kept on the request and thrown by the AuthGuard once it knows who is asking, so that a logged-in user sees it
 * inside the console's layout (ConsoleExceptionFilter) and a visitor on the plain page, like every other console
 * refusal; the route's handler never runs (see takePendingRefusal).
 */
export function refuseInput(
  req: Request,
  res: Response,
  next: NextFunction,
  r: { status: number; code: string; message: string; field?: string },
): void {
  if (!isConsolePage(req)) return refuse(req, res, r.status, r.code, r.message, r.field);
  const pending = req as WithPending;
  pending[PENDING] ??= new DomainError(
    KIND_OF_STATUS[r.status] ?? 'invalid',
    r.code,
    r.message,
    r.field ? { field: r.field } : undefined,
  );
  next();
}

/** The refusal an Express-level guard left for this console request, if any (AuthGuard, DomainExceptionFilter). */
export function pendingRefusal(req: Request): DomainError | undefined {
  return (req as WithPending)[PENDING];
}
