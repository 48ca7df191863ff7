import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { closeAgents } from '../../../src/ingestion/fetch/dispatcher';
import { FetchOutcome } from '../../../src/ingestion/fetch/feed-fetcher';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A real HTTP server on 127.0.0.1 serving whatever each test registers; records requests and closed sockets. */
export class FeedServer {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Handler>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const fs = new FeedServer(server);
    server.on('request', (req, res) => fs.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fs;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, handler: Handler): string {
    this.routes.set(path, handler);
    return this.url(path);
  }

  /** Serves a fixed body with the given headers. */
  serve(
    path: string,
    body: string | Buffer,
    headers: Record<string, string | number> = {},
    status = 200,
  ): string {
    return this.route(path, (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers });
      res.end(body);
    });
  }

  redirect(path: string, location: string, status = 302): string {
    return this.route(path, (_req, res) => {
      res.writeHead(status, { location });
      res.end();
    });
  }

  requestsTo(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ path, headers: req.headers });
    const handler = this.routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    void Promise.resolve(handler(req, res)).catch(() => res.destroy());
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Registers the hooks the fetcher suites share: one FeedServer for the suite (handed to `use`), closed afterwards
 * together with the fetcher's connection pools.
 */
export function useFeedServer(use: (srv: FeedServer) => void): void {
  let srv: FeedServer;
  beforeAll(async () => {
    srv = await FeedServer.start();
    use(srv);
  });
  afterAll(async () => {
    await srv.close();
    await closeAgents();
  });
}

export type Ok = Extract<FetchOutcome, { kind: 'ok' }>;

export function expectOk(outcome: FetchOutcome): Ok {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Options for tests: loopback allowed, short deadlines so failures show quickly. */
export const LOOPBACK = {
  allowPrivate: true,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 10_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'yuqing-sentinel-test/0.1',
};

export function rss(items: string, channelExtra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>测试频道</title><link>https://news.example.cn/</link>
<description>d</description>${channelExtra}${items}</channel></rss>`;
}

export function rssItem(n: number, extra = ''): string {
  return `<item><title>第${n}条：某区税务局办税服务厅排长队</title><link>https://news.example.cn/a/${n}.html</link>
<guid>urn:item:${n}</guid><pubDate>Mon, 02 Nov 2026 08:0${n % 10}:00 +0800</pubDate>
<description><![CDATA[<p>纳税人反映<b>等候</b>超过两小时&nbsp;。</p>]]></description>${extra}</item>`;
}
