import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedItem {
  guid: string;
  title: string;
  link?: string;
  published: Date;
  body?: string;
}

/** An RSS 2.0 document. */
export function rss(items: FeedItem[], opts: { title?: string; ttlMinutes?: number } = {}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(opts.title ?? '测试频道')}</title><link>http://example.com/</link>
${opts.ttlMinutes ? `<ttl>${opts.ttlMinutes}</ttl>` : ''}
${items
  .map(
    (i) => `<item><guid isPermaLink="false">${esc(i.guid)}</guid><title>${esc(i.title)}</title>
<link>${esc(i.link ?? `http://example.com/${encodeURIComponent(i.guid)}`)}</link>
<pubDate>${i.published.toUTCString()}</pubDate><description>${esc(i.body ?? `${i.title} 正文`)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** Items published every `gapMinutes` before `now`, newest first. */
export function itemsEvery(prefix: string, n: number, now: Date, gapMinutes: number): FeedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    guid: `${prefix}-${i}`,
    title: `${prefix} 第${i}条 税务局通报`,
    published: new Date(now.getTime() - (i + 1) * gapMinutes * 60_000),
  }));
}

/** A feed served with an ETag; answers 304 when the client sends it back. */
export function withEtag(body: () => string): Handler {
  return (req, res) => {
    const b = body();
    const etag = `"${Buffer.from(b).length}-${hash(b)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    res.end(b);
  };
}

/** A feed without validators: the poller can only notice "unchanged" by hashing the body. */
export function plain(body: () => string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers });
    res.end(body());
  };
}

export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers });
    res.end(`status ${code}`);
  };
}

/** Sends headers and a first chunk, then never finishes. */
export const hang: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
};

export const XML_BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title></item></channel></rss>`;

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** One local HTTP server serving many feed paths, counting requests per path. */
export class FeedFarm {
  readonly routes = new Map<string, Handler>();
  readonly hits = new Map<string, number>();
  private server: Server | null = null;
  private port = 0;
  private readonly sockets = new Set<import('node:net').Socket>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const h = this.routes.get(path);
      if (h) h(req, res);
      else status(404)(req, res);
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, h: Handler): string {
    this.routes.set(path, h);
    return this.url(path);
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
