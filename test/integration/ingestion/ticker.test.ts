import { TestApp } from '../../support/app';
import { IngestionTicker } from '../../../src/ingestion/ingestion.ticker';
import { FeedFarm, itemsEvery, plain, rss } from './feed-farm';
import { addFeed, ingestionApp, itemCount } from './support';

const waitFor = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

describe('the poll tick', () => {
  let farm: FeedFarm;
  const saved = process.env.INGESTION_TICK_MS;

  beforeAll(async () => {
    farm = await new FeedFarm().start();
    process.env.INGESTION_TICK_MS = '200';
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.INGESTION_TICK_MS;
    else process.env.INGESTION_TICK_MS = saved;
    await farm.stop();
  });

  it('polls by itself every INGESTION_TICK_MS when the scheduler runs, and exposes metrics', async () => {
    const t: TestApp = await ingestionApp({ scheduler: true });
    try {
      const id = await addFeed(
        t,
        'ticked',
        farm.route(
          '/ticked.xml',
          plain(() => rss(itemsEvery('t', 4, t.clock.now(), 10))),
        ),
      );
      expect(await waitFor(async () => (await itemCount(t, id)) === 4, 10_000)).toBe(true);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/yuqing_ingestion_fetches_total\{outcome="ok"\} 1/);
      expect(metrics).toMatch(/yuqing_ingestion_items_stored_total\{via="feed"\} 4/);
      expect(metrics).toMatch(/yuqing_ingestion_cycle_seconds_count [1-9]/);
      expect(metrics).toContain('yuqing_ingestion_feeds_due');
    } finally {
      await t.close();
    }
  });

  it('does nothing when SCHEDULER_ENABLED is false', async () => {
    // The interval is registered; the flag is read at every tick (an operator may turn it off at run time).
    const t: TestApp = await ingestionApp({ scheduler: true });
    t.config.SCHEDULER_ENABLED = false;
    try {
      await addFeed(
        t,
        'idle',
        farm.route(
          '/idle.xml',
          plain(() => rss(itemsEvery('i', 2, t.clock.now(), 10))),
        ),
      );
      await t.get(IngestionTicker).tick();
      await new Promise((r) => setTimeout(r, 600));
      expect(farm.hitsOf('/idle.xml')).toBe(0);
    } finally {
      await t.close();
    }
  });
});
