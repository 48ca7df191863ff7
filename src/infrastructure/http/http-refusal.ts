import type { Request, Response } from 'express';

/** Whether the client is a browser page (HTML error page) rather than an API client (JSON body). */
export function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}

export function errorPage(status: number, message: string): string {
  const esc = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title>
<body><h1>${status}</h1><p>${esc}</p><p><a href="/">返回首页</a></p></body></html>`;
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
