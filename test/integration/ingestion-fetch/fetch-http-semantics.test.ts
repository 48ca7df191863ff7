import { fetchFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { expectOk, FeedServer, LOOPBACK, rss, rssItem, useFeedServer } from './feed-server';

describe('feed fetcher: conditional GET, unchanged bodies, Retry-After (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  useFeedServer((s) => (srv = s));

  it('sends stored validators and reports 304 as not modified, keeping the validators', async () => {
    const url = srv.route('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=600' });
        return void res.end();
      }
      res.writeHead(200, {
        etag: '"v1"',
        'last-modified': 'Mon, 02 Nov 2026 00:00:00 GMT',
        'cache-control': 'public, max-age=300',
      });
      res.end(rss(rssItem(6)));
    });
    const first = expectOk(await fetchFeed(url, {}, LOOPBACK));
    expect([first.etag, first.lastModified, first.cacheMaxAgeSeconds]).toEqual([
      '"v1"',
      'Mon, 02 Nov 2026 00:00:00 GMT',
      300,
    ]);
    const second = await fetchFeed(
      url,
      { etag: first.etag, lastModified: first.lastModified, bodyHash: first.bodyHash },
      LOOPBACK,
    );
    expect(second).toEqual({
      kind: 'not_modified',
      status: 304,
      finalUrl: url,
      reason: '304',
      etag: '"v1"',
      lastModified: 'Mon, 02 Nov 2026 00:00:00 GMT',
      bodyHash: first.bodyHash,
      cacheMaxAgeSeconds: 600,
    });
    const sent = srv.requestsTo('/conditional')[1].headers;
    expect(sent['if-none-match']).toBe('"v1"');
    expect(sent['if-modified-since']).toBe('Mon, 02 Nov 2026 00:00:00 GMT');
  });

  it('skips an unchanged body from a server that ignores validators (same_body), and parses a changed one', async () => {
    let version = 1;
    const url = srv.route('/no-validators', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(rssItem(version)));
    });
    const first = expectOk(await fetchFeed(url, {}, LOOPBACK));
    const same = await fetchFeed(url, { bodyHash: first.bodyHash }, LOOPBACK);
    expect(same).toMatchObject({
      kind: 'not_modified',
      reason: 'same_body',
      status: 200,
      bodyHash: first.bodyHash,
    });
    version = 2;
    const changed = expectOk(await fetchFeed(url, { bodyHash: first.bodyHash }, LOOPBACK));
    expect(changed.bodyHash).not.toBe(first.bodyHash);
    expect(changed.feed.items[0].guid).toBe('urn:item:2');
  });

  it('surfaces 429 Retry-After in seconds and as an HTTP date, and 500 without it', async () => {
    const r429 = await fetchFeed(srv.serve('/429', 'slow down', { 'retry-after': '120' }, 429), {}, LOOPBACK);
    expect(r429).toEqual({
      kind: 'error',
      errorKind: 'http',
      status: 429,
      retryAfterSeconds: 120,
      message: 'HTTP 429 Too Many Requests',
    });
    const date = 'Mon, 02 Nov 2026 08:00:00 GMT';
    const later = 'Mon, 02 Nov 2026 08:01:30 GMT';
    const r503 = await fetchFeed(
      srv.serve('/503', 'busy', { date, 'retry-after': later }, 503),
      {},
      LOOPBACK,
    );
    expect(r503).toMatchObject({ kind: 'error', errorKind: 'http', status: 503, retryAfterSeconds: 90 });
    const r500 = await fetchFeed(srv.serve('/500', 'oops', {}, 500), {}, LOOPBACK);
    expect(r500).toMatchObject({ kind: 'error', errorKind: 'http', status: 500, retryAfterSeconds: null });
  });
});
