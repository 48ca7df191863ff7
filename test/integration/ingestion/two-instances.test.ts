import { TestApp } from '../../support/app';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { IngestionConfig } from '../../../src/ingestion/ingestion.config';
import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { FeedFarm, itemsEvery, rss } from './feed-farm';
import { addFeed, ingestionApp } from './support';

describe('two instances polling one database', () => {
  let a: TestApp;
  let b: TestApp;
  let farm: FeedFarm;

  beforeAll(async () => {
    a = await ingestionApp();
    // the second application shares the first one's database (its own fresh one stays unused)
    b = await ingestionApp({ env: { DATABASE_URL: a.db.url }, clock: new FakeClock(a.clock.now()) });
    farm = await new FeedFarm().start();
  });
  afterAll(async () => {
    await farm.stop();
    await b.close();
    await a.close();
  });

  it('never fetch the same source twice in one cycle', async () => {
    const N = 60;
    for (let i = 0; i < N; i++) {
      // 50 ms per response: one instance alone needs ~9 claim rounds (~0.5 s), so the other one, even if it starts
      // late on a loaded machine, still finds due sources and both pools are busy at the same time
      const url = farm.route(`/f${i}.xml`, (_q, r) =>
        setTimeout(() => {
          r.writeHead(200, { 'content-type': 'application/rss+xml' });
          r.end(rss(itemsEvery(`f${i}`, 3, a.clock.now(), 30)));
        }, 50),
      );
      await addFeed(a, `feed-${i}`, url);
    }
    for (const t of [a, b]) {
      Object.assign(t.get(IngestionConfig), {
        INGESTION_BATCH: 7,
        INGESTION_CONCURRENCY: 8,
        INGESTION_PER_HOST: 8,
      });
    }
    const [ra, rb] = await Promise.all([
      a.get(IngestionScheduler).runCycle(),
      b.get(IngestionScheduler).runCycle(),
    ]);

    for (let i = 0; i < N; i++)
      expect({ path: i, hits: farm.hitsOf(`/f${i}.xml`) }).toEqual({ path: i, hits: 1 });
    expect(ra.fetched + rb.fetched).toBe(N);
    expect(ra.fetched).toBeGreaterThan(0);
    expect(rb.fetched).toBeGreaterThan(0);
    const errors = await a.ds.query(`SELECT name, last_error FROM sources WHERE last_error IS NOT NULL`);
    expect(errors).toEqual([]);
    expect(ra.itemsStored + rb.itemsStored).toBe(3 * N);
    const [{ n }] = await a.ds.query(`SELECT count(*)::int AS n FROM items`);
    expect(n).toBe(3 * N);
  });
});
