import { TestApp } from '../../support/app';
import { IngestionConfig } from '../../../src/ingestion/ingestion.config';
import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { FeedFarm, FeedItem, hang, itemsEvery, plain, rss, status, withEtag, XML_BOMB } from './feed-farm';
import { addFeed, disableAll, ingestionApp, itemCount, secondsToNextCheck, sourceRow } from './support';

describe('poller: claims due feeds, stores new items once, records every error (real PostgreSQL, local feeds)', () => {
  let t: TestApp;
  let farm: FeedFarm;
  let scheduler: IngestionScheduler;

  beforeAll(async () => {
    t = await ingestionApp();
    farm = await new FeedFarm().start();
    scheduler = t.get(IngestionScheduler);
  });
  afterAll(async () => {
    await farm.stop();
    await t.close();
  });
  beforeEach(() => disableAll(t));

  it('stores each item once: unchanged feeds (body hash, 304) store nothing, removed-then-restored items stay old', async () => {
    let itemsA: FeedItem[] = itemsEvery('a', 5, t.clock.now(), 10);
    const itemsB = itemsEvery('b', 4, t.clock.now(), 10);
    const a = await addFeed(
      t,
      'no-validators',
      farm.route(
        '/a.xml',
        plain(() => rss(itemsA)),
      ),
    );
    const b = await addFeed(
      t,
      'with-etag',
      farm.route(
        '/b.xml',
        withEtag(() => rss(itemsB)),
      ),
    );

    const first = await scheduler.runCycle();
    expect(first).toMatchObject({ due: 2, fetched: 2, ok: 2, itemsStored: 9, errors: 0 });
    expect(await itemCount(t, a)).toBe(5);
    expect(await itemCount(t, b)).toBe(4);
    const [pending] = await t.ds.query(
      `SELECT count(*)::int AS n FROM items WHERE status = 'pending' AND source_id = ANY($1)`,
      [[a, b]],
    );
    expect(pending.n).toBe(9);
    const [stored] = await t.ds.query(
      `SELECT title, url, content_text, published_at, language, ingested_at FROM items WHERE dedupe_key = 'g:a-0'`,
    );
    expect(stored).toMatchObject({
      title: 'a 第0条 税务局通报',
      url: 'http://example.com/a-0',
      content_text: 'a 第0条 税务局通报 正文',
      language: 'zh',
    });
    expect(new Date(stored.ingested_at)).toEqual(t.clock.now());
    expect((await sourceRow(t, a)).feed_title).toBe('测试频道');

    // not due yet: nothing is fetched
    expect((await scheduler.runCycle()).fetched).toBe(0);
    expect(farm.hitsOf('/a.xml')).toBe(1);

    t.clock.advance(2 * 3600_000);
    const second = await scheduler.runCycle();
    expect(second).toMatchObject({ fetched: 2, notModified: 2, itemsStored: 0 });
    expect((await sourceRow(t, a)).last_status).toBe(200); // same body, no validators: skipped by hash
    expect((await sourceRow(t, b)).last_status).toBe(304); // conditional GET
    expect(new Date((await sourceRow(t, b)).last_success_at)).toEqual(t.clock.now());

    // two items leave the feed and a new one arrives; later the two come back
    const removed = itemsA.slice(0, 2);
    itemsA = [{ guid: 'a-new', title: '新的一条', published: t.clock.now() }, ...itemsA.slice(2)];
    t.clock.advance(2 * 3600_000);
    expect((await scheduler.runCycle()).itemsStored).toBe(1);
    itemsA = [...removed, ...itemsA];
    t.clock.advance(2 * 3600_000);
    const back = await scheduler.runCycle();
    expect(back.ok).toBe(1);
    expect(back.itemsStored).toBe(0);
    expect(await itemCount(t, a)).toBe(6);
  });

  it('records each failing source with time and message and keeps polling the others', async () => {
    const good = await addFeed(
      t,
      'good',
      farm.route(
        '/good.xml',
        plain(() => rss(itemsEvery('g', 3, t.clock.now(), 30))),
      ),
    );
    const s500 = await addFeed(t, 'server-error', farm.route('/500.xml', status(500)));
    const s429 = await addFeed(
      t,
      'rate-limited',
      farm.route('/429.xml', status(429, { 'retry-after': '7200' })),
    );
    const slow = await addFeed(t, 'never-finishes', farm.route('/hang.xml', hang));
    const gone = await addFeed(t, 'not-found', farm.route('/404.xml', status(404)));
    const bomb = await addFeed(
      t,
      'xml-bomb',
      farm.route(
        '/bomb.xml',
        plain(() => XML_BOMB),
      ),
    );
    const page = await addFeed(
      t,
      'html-page',
      farm.route('/page.html', (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        r.end('<!doctype html><html><head><title>首页</title></head><body><p>不是订阅源</p></body></html>');
      }),
    );

    const now = t.clock.now();
    const report = await scheduler.runCycle();
    expect(report).toMatchObject({ fetched: 7, ok: 1, errors: 6, itemsStored: 3 });
    expect(await itemCount(t, good)).toBe(3);

    const expectations: [string, string, number | null, boolean, number][] = [
      // id, error kind, HTTP status, needs attention, seconds to the next check
      [s500, 'http', 500, false, 300],
      [s429, 'http', 429, false, 7200], // Retry-After lengthens the 300 s backoff
      [slow, 'timeout', 200, false, 300],
      [gone, 'http', 404, true, 3600], // retried at the max interval, never parked
      [bomb, 'parse', 200, true, 3600],
      [page, 'not_feed', 200, true, 3600],
    ];
    for (const [id, kind, httpStatus, attention, next] of expectations) {
      const row = await sourceRow(t, id);
      expect({
        id,
        kind: row.last_error_kind,
        status: row.last_status,
        attention: row.needs_attention,
      }).toEqual({
        id,
        kind,
        status: httpStatus,
        attention,
      });
      expect(row.consecutive_errors).toBe(1);
      expect(new Date(row.last_error_at)).toEqual(now);
      expect(row.last_error.length).toBeGreaterThan(3);
      expect(row.last_success_at).toBeNull();
      expect(await secondsToNextCheck(t, id)).toBe(next);
      const log = await t.ds.query(
        `SELECT occurred_at, kind, status, message FROM source_errors WHERE source_id = $1`,
        [id],
      );
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ kind, status: httpStatus, message: row.last_error });
      expect(new Date(log[0].occurred_at)).toEqual(now);
    }
    expect((await sourceRow(t, gone)).last_error).toMatch(/404/);
    expect((await sourceRow(t, slow)).last_error).toMatch(/timed out/);
  });

  it('backs off exponentially on repeated failures, capped, and recovers on success', async () => {
    Object.assign(t.get(IngestionConfig), { INGESTION_MAX_BACKOFF_SECONDS: 3600 });
    let failing = true;
    const id = await addFeed(
      t,
      'flaky',
      farm.route('/flaky.xml', (q, r) =>
        failing ? status(503)(q, r) : plain(() => rss(itemsEvery('f', 2, t.clock.now(), 600)))(q, r),
      ),
    );
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      await scheduler.runCycle();
      delays.push(await secondsToNextCheck(t, id));
      t.clock.set((await sourceRow(t, id)).next_check_at);
    }
    expect(delays).toEqual([300, 600, 1200, 2400, 3600, 3600, 3600]);
    expect((await sourceRow(t, id)).consecutive_errors).toBe(7);
    expect(await t.ds.query(`SELECT 1 FROM source_errors WHERE source_id = $1`, [id])).toHaveLength(7);

    failing = false;
    await scheduler.runCycle();
    const row = await sourceRow(t, id);
    expect(row).toMatchObject({ consecutive_errors: 0, needs_attention: false, last_error_kind: 'http' });
    expect(new Date(row.last_success_at)).toEqual(t.clock.now());
    Object.assign(t.get(IngestionConfig), { INGESTION_MAX_BACKOFF_SECONDS: 6 * 3600 });
  });

  it('adapts the interval to the feed’s publishing rate, clamped and jittered; <ttl> only lengthens it', async () => {
    const busy = await addFeed(
      t,
      'busy',
      farm.route(
        '/busy.xml',
        plain(() => rss(itemsEvery('busy', 20, t.clock.now(), 10))),
      ),
      {
        minIntervalSeconds: 60,
        maxIntervalSeconds: 86_400,
      },
    );
    const clamped = await addFeed(
      t,
      'clamped',
      farm.route(
        '/clamped.xml',
        plain(() => rss(itemsEvery('c', 20, t.clock.now(), 10))),
      ),
      {
        minIntervalSeconds: 900,
      },
    );
    const ttl = await addFeed(
      t,
      'ttl',
      farm.route(
        '/ttl.xml',
        plain(() => rss(itemsEvery('t', 20, t.clock.now(), 10), { ttlMinutes: 120 })),
      ),
      {
        minIntervalSeconds: 60,
        maxIntervalSeconds: 86_400,
      },
    );
    await scheduler.runCycle();
    expect(await secondsToNextCheck(t, busy)).toBe(600); // one item per 10 minutes
    expect((await sourceRow(t, busy)).expected_interval_seconds).toBe(600);
    expect(await secondsToNextCheck(t, clamped)).toBe(900);
    expect(await secondsToNextCheck(t, ttl)).toBe(7200);

    // jitter: ±15% of the base, from the injected random source
    for (const [r, expected] of [
      [0, 510],
      [0.999999, 690],
    ] as const) {
      scheduler.random = () => r;
      await t.ds.query(`UPDATE sources SET next_check_at = $2, body_hash = NULL WHERE id = $1`, [
        busy,
        t.clock.now(),
      ]);
      await scheduler.runCycle();
      expect(await secondsToNextCheck(t, busy)).toBe(expected);
    }
    scheduler.random = () => 0.5;
  });

  it('flags a feed stale when nothing new arrives for longer than expected, and clears it when something does', async () => {
    let items = itemsEvery('quiet', 3, t.clock.now(), 60 * 24 * 5); // one item every 5 days
    const id = await addFeed(
      t,
      'quiet',
      farm.route(
        '/quiet.xml',
        withEtag(() => rss(items)),
      ),
    );
    await scheduler.runCycle();
    expect((await sourceRow(t, id)).stale).toBe(false);
    t.clock.advance(49 * 3600_000); // > max(3 × 3600 s, 2 days)
    await scheduler.runCycle();
    expect((await sourceRow(t, id)).stale).toBe(true);
    items = [{ guid: 'quiet-new', title: '终于更新', published: t.clock.now() }, ...items];
    t.clock.advance(2 * 3600_000);
    await scheduler.runCycle();
    expect((await sourceRow(t, id)).stale).toBe(false);
  });
});
