import { DEFAULT_FETCH_OPTIONS, fetchFeed, FetchOptions } from '../../../src/ingestion/fetch/feed-fetcher';
import { FeedServer, LOOPBACK, rss, rssItem, useFeedServer } from './feed-server';

describe('feed fetcher: redirects and the SSRF guard (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  /** Production policy, except that the test server's own address is named in the allowlist. */
  let guarded: FetchOptions;
  useFeedServer((s) => (srv = s));
  beforeAll(() => {
    srv.serve('/feed', rss(rssItem(1)));
    guarded = {
      ...DEFAULT_FETCH_OPTIONS,
      allowPrivate: false,
      allowHosts: ['127.0.0.1'],
      totalTimeoutMs: 10_000,
    };
  });

  it('follows a chain of redirects (absolute and relative Locations) and reports the final URL', async () => {
    srv.redirect('/r1', srv.url('/r2'), 301);
    srv.redirect('/r2', '/r3', 307);
    const url = srv.redirect('/r3', 'feed', 302);
    const out = await fetchFeed(srv.url('/r1'), { etag: '"e"' }, LOOPBACK);
    expect(url).toBe(srv.url('/r3'));
    expect(out).toMatchObject({ kind: 'ok', status: 200, finalUrl: srv.url('/feed') });
    expect(srv.requestsTo('/r3')[0].headers['if-none-match']).toBe('"e"');
  });

  it('stops a redirect loop', async () => {
    srv.redirect('/loop-a', '/loop-b');
    srv.redirect('/loop-b', '/loop-a');
    const out = await fetchFeed(srv.url('/loop-a'), {}, LOOPBACK);
    expect(out).toMatchObject({ kind: 'error', errorKind: 'redirects', status: 302 });
    expect(out.kind === 'error' && out.message).toBe(`redirect loop back to ${srv.url('/loop-a')}`);
    expect(srv.requestsTo('/loop-a')).toHaveLength(1);
  });

  it('stops after maxRedirects hops', async () => {
    for (let i = 0; i < 7; i++) srv.redirect(`/hop${i}`, `/hop${i + 1}`);
    srv.serve('/hop7', rss(rssItem(2)));
    const out = await fetchFeed(srv.url('/hop0'), {}, { ...LOOPBACK, maxRedirects: 5 });
    expect(out).toMatchObject({ kind: 'error', errorKind: 'redirects', message: 'more than 5 redirects' });
    expect(srv.requestsTo('/hop6')).toHaveLength(0);
    expect(await fetchFeed(srv.url('/hop1'), {}, { ...LOOPBACK, maxRedirects: 6 })).toMatchObject({
      kind: 'ok',
    });
  });

  it.each([
    ['file:///etc/passwd', 'refused: scheme file: is not http or https'],
    ['ftp://127.0.0.1/feed.xml', 'refused: scheme ftp: is not http or https'],
  ])('refuses a redirect to %s', async (location, message) => {
    const path = `/to-${location.split(':')[0]}`;
    const out = await fetchFeed(srv.redirect(path, location), {}, LOOPBACK);
    expect(out).toEqual({
      kind: 'error',
      errorKind: 'blocked',
      status: 302,
      retryAfterSeconds: null,
      message,
    });
  });

  it('refuses loopback when private addresses are not allowed, before sending anything', async () => {
    const before = srv.requests.length;
    const out = await fetchFeed(srv.url('/feed'), {}, { ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 5_000 });
    expect(out).toEqual({
      kind: 'error',
      errorKind: 'blocked',
      status: null,
      retryAfterSeconds: null,
      message: 'refused: 127.0.0.1 is a loopback address',
    });
    expect(srv.requests.length).toBe(before);
  });

  it('refuses a host name that resolves to loopback (checked in the connect-time lookup)', async () => {
    const before = srv.requests.length;
    const out = await fetchFeed(
      `http://localhost:${srv.port}/feed`,
      {},
      { ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 5_000 },
    );
    expect(out).toMatchObject({ kind: 'error', errorKind: 'blocked', status: null });
    expect(out.kind === 'error' && out.message).toMatch(
      /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    );
    expect(srv.requests.length).toBe(before);
  });

  it('lets an allow-listed host through the guard', async () => {
    expect(await fetchFeed(srv.url('/feed'), {}, guarded)).toMatchObject({ kind: 'ok' });
    const byName = { ...guarded, allowHosts: ['LOCALHOST'] };
    expect(await fetchFeed(`http://localhost:${srv.port}/feed`, {}, byName)).toMatchObject({ kind: 'ok' });
  });

  it.each([
    [
      'a name resolving to loopback',
      () => `http://localhost:${srv.port}/feed`,
      /^refused: localhost resolves to/,
    ],
    ['a private address', () => 'http://10.1.2.3/feed', /^refused: 10\.1\.2\.3 is a private address$/],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', /link-local/],
    [
      'an IPv4-mapped IPv6 loopback',
      () => `http://[::ffff:127.0.0.1]:${srv.port}/feed`,
      /IPv4-embedded loopback/,
    ],
    ['a CGNAT address', () => 'http://100.64.0.1/', /CGNAT/],
    // 2130706434 is 127.0.0.2: the URL parser normalises it, and it is not the allow-listed 127.0.0.1.
    [
      'a decimal-encoded loopback',
      () => `http://2130706434:${srv.port}/feed`,
      /^refused: 127\.0\.0\.2 is a loopback address$/,
    ],
  ])('re-checks every hop: a redirect to %s is refused', async (_name, target, message) => {
    const path = `/hop-to-${Math.random().toString(36).slice(2)}`;
    const out = await fetchFeed(srv.redirect(path, target()), {}, guarded);
    expect(out).toMatchObject({ kind: 'error', errorKind: 'blocked', status: 302 });
    expect(out.kind === 'error' && out.message).toMatch(message);
  });

  it('reports an unresolvable host as a network error', async () => {
    const out = await fetchFeed(
      'http://no-such-host.invalid/feed',
      {},
      { ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 10_000 },
    );
    expect(out).toMatchObject({ kind: 'error', errorKind: 'network', status: null });
    expect(out.kind === 'error' && out.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
