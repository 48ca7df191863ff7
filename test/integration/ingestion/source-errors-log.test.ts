import * as iconv from 'iconv-lite';
import { TestApp } from '../../support/app';
import { PollRecorder } from '../../../src/ingestion/ingestion.recorder';
import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { FeedFarm, itemsEvery, plain, rss, status } from './feed-farm';
import { addFeed, disableAll, ingestionApp, itemCount, sourceRow } from './support';

/** Every source_errors row is also one warn line in the log; a feed that loses items says so (real PostgreSQL). */
describe('recorder: source errors reach the log and the console (real PostgreSQL, local feeds)', () => {
  let t: TestApp;
  let farm: FeedFarm;
  let scheduler: IngestionScheduler;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    t = await ingestionApp();
    farm = await new FeedFarm().start();
    scheduler = t.get(IngestionScheduler);
    warn = jest.spyOn(t.get(PollRecorder)['log'], 'warn');
  });
  afterAll(async () => {
    warn?.mockRestore();
    await farm.stop();
    await t.close();
  });
  beforeEach(async () => {
    await disableAll(t);
    warn.mockClear();
  });

  const errorRows = (id: string) =>
    t.ds.query(`SELECT kind, status, message FROM source_errors WHERE source_id = $1 ORDER BY id`, [id]);

  it('logs each recorded source error once, at warn, with the source id, kind and message', async () => {
    const broken = await addFeed(t, 'server-error', farm.route('/log-500.xml', status(500)));
    const gone = await addFeed(t, 'not-found', farm.route('/log-404.xml', status(404)));
    const report = await scheduler.runCycle();
    expect(report).toMatchObject({ fetched: 2, errors: 2 });
    const logged = warn.mock.calls.filter(([, msg]) => msg === 'source error').map(([fields]) => fields);
    expect(logged).toHaveLength(2);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sourceId: broken,
          errorKind: 'http',
          status: 500,
          message: 'HTTP 500 Internal Server Error',
        }),
        expect.objectContaining({
          sourceId: gone,
          errorKind: 'http',
          status: 404,
          message: 'HTTP 404 Not Found',
        }),
      ]),
    );
    expect(await errorRows(broken)).toEqual([
      { kind: 'http', status: 500, message: 'HTTP 500 Internal Server Error' },
    ]);
  });

  it('stores the good items of a feed with one malformed item and records the loss as a source error', async () => {
    const good = rss(itemsEvery('salvage', 2, t.clock.now(), 30));
    const bad = '<item><guid>salvage-bad</guid><title>坏<b>标题</title></item>';
    const id = await addFeed(
      t,
      'one-bad-item',
      farm.route(
        '/one-bad.xml',
        plain(() => good.replace('<item>', `${bad}<item>`)),
      ),
    );
    expect(await scheduler.runCycle()).toMatchObject({ ok: 1, errors: 0, itemsStored: 2 });
    expect(await itemCount(t, id)).toBe(2);
    const [row] = await errorRows(id);
    expect(row).toEqual({
      kind: 'parse',
      status: 200,
      message: expect.stringMatching(
        /^partial: 1 of 3 items skipped \(invalid feed XML: Unexpected close tag/,
      ),
    });
    const source = await sourceRow(t, id);
    expect(source).toMatchObject({ consecutive_errors: 0, needs_attention: false, last_error_kind: 'parse' });
    expect(source.last_error).toBe(row.message);
    expect(new Date(source.last_success_at)).toEqual(t.clock.now());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ sourceId: id, errorKind: 'parse', message: row.message }),
      'source error',
    );
  });

  it('logs a wrong charset header it worked around, without calling the source broken', async () => {
    const body = rss([{ guid: 'gbk-1', title: '纳税人投诉某区税务局', published: t.clock.now() }]).replace(
      'encoding="UTF-8"',
      'encoding="GBK"',
    );
    const id = await addFeed(
      t,
      'gbk-as-utf8',
      farm.route('/gbk-as-utf8.xml', (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        r.end(iconv.encode(body, 'gbk'));
      }),
    );
    expect(await scheduler.runCycle()).toMatchObject({ ok: 1, itemsStored: 1 });
    const [item] = await t.ds.query(`SELECT title FROM items WHERE source_id = $1`, [id]);
    expect(item.title).toBe('纳税人投诉某区税务局');
    expect(await errorRows(id)).toEqual([]);
    expect((await sourceRow(t, id)).last_error).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({
        sourceId: id,
        message: expect.stringMatching(/^charset: Content-Type declared UTF-8/),
      }),
      'feed warning',
    );
  });
});
