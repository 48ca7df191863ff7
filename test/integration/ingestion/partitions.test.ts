import { TestApp } from '../../support/app';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { IngestionConfig } from '../../../src/ingestion/ingestion.config';
import { ItemStore, StorableItem } from '../../../src/ingestion/ingestion.store';
import { ItemPartitions } from '../../../src/ingestion/item-partitions.service';
import { addFeed, ingestionApp } from './support';

const item = (key: string): StorableItem => ({
  key,
  guid: key,
  url: null,
  title: `标题 ${key}`,
  text: '正文',
  author: null,
  publishedAt: null,
  language: 'zh',
});

describe('monthly item partitions and retention', () => {
  let t: TestApp;
  let partitions: ItemPartitions;

  beforeAll(async () => {
    t = await ingestionApp({ clock: new FakeClock('2026-11-15T08:00:00Z') });
    partitions = t.get(ItemPartitions);
  });
  afterAll(() => t.close());

  it('has this month and the next two from start-up on, and adds months as time passes', async () => {
    const months = (await partitions.list()).map((p) => p.month);
    expect(months).toEqual(expect.arrayContaining(['2026-11', '2026-12', '2027-01']));
    t.clock.set('2027-01-03T00:00:00Z');
    const { created } = await partitions.maintain();
    expect(created).toEqual(['items_p2027_02', 'items_p2027_03']);
    const [{ bound }] = await t.ds.query(
      `SELECT pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_class c WHERE c.relname = 'items_p2027_02'`,
    );
    expect(bound).toMatch(/2027-02-01 00:00:00\+00.*2027-03-01 00:00:00\+00/);
  });

  it('drops partitions past ITEM_RETENTION_MONTHS but keeps their dedupe keys, so old items never return', async () => {
    const source = await addFeed(t, 'archive', 'http://archive.example.com/rss');
    const store = t.get(ItemStore);
    t.clock.set('2026-06-10T00:00:00Z');
    await partitions.ensureAhead(); // June, July, August 2026
    await t.ds.transaction((m) => store.insertNew(m, source, [item('old-1'), item('old-2')], t.clock.now()));
    t.clock.set('2026-11-20T00:00:00Z');
    await t.ds.transaction((m) => store.insertNew(m, source, [item('recent')], t.clock.now()));

    t.get(IngestionConfig).ITEM_RETENTION_MONTHS = 0;
    expect(await partitions.applyRetention()).toEqual([]); // 0 keeps everything

    t.get(IngestionConfig).ITEM_RETENTION_MONTHS = 4; // keep July…October and the current month
    const dropped = await partitions.applyRetention();
    expect(dropped).toEqual(['items_p2026_06']);
    const months = (await partitions.list()).map((p) => p.month);
    expect(months).not.toContain('2026-06');
    expect(months).toContain('2026-07');
    const items = await t.ds.query(`SELECT dedupe_key FROM items WHERE source_id = $1 ORDER BY dedupe_key`, [
      source,
    ]);
    expect(items.map((r: { dedupe_key: string }) => r.dedupe_key)).toEqual(['recent']);
    const [{ keys }] = await t.ds.query(`SELECT count(*)::int AS keys FROM item_keys WHERE source_id = $1`, [
      source,
    ]);
    expect(keys).toBe(3);

    const again = await t.ds.transaction((m) =>
      store.insertNew(m, source, [item('old-1'), item('new')], t.clock.now()),
    );
    expect(again.map((r) => r.key)).toEqual(['new']);
    t.get(IngestionConfig).ITEM_RETENTION_MONTHS = 0;
  });

  it('creates a missing partition on demand before storing', async () => {
    const source = await addFeed(t, 'future', 'http://future.example.com/rss');
    t.clock.set('2028-05-05T00:00:00Z');
    await partitions.ensureFor(t.clock.now());
    const stored = await t.ds.transaction((m) =>
      t.get(ItemStore).insertNew(m, source, [item('x')], t.clock.now()),
    );
    expect(stored).toHaveLength(1);
    const [{ part }] = await t.ds.query(`SELECT tableoid::regclass::text AS part FROM items WHERE id = $1`, [
      stored[0].id,
    ]);
    expect(part).toBe('items_p2028_05');
  });
});
