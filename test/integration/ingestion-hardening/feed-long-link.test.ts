import { randomBytes } from 'node:crypto';
import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { TestApp } from '../../support/app';
import { FeedFarm, plain } from '../ingestion/feed-farm';
import { addFeed, disableAll, ingestionApp, sourceRow } from '../ingestion/support';

/**
 * Input-hardening point 3 (real PostgreSQL, real HTTP): a feed without GUIDs is keyed by link, and one 6,000-character
 * link made `l:<link>` too big for the `item_keys` btree (`index row size 6048 exceeds … maximum 2704`), so every
 * poll failed and the good item next to it was never stored.
 */
describe('a feed item with a 6,000-character link (input-hardening point 3)', () => {
  let t: TestApp;
  let farm: FeedFarm;

  beforeAll(async () => {
    t = await ingestionApp();
    farm = await new FeedFarm().start();
  });
  afterAll(async () => {
    await farm.stop();
    await t.close();
  });
  beforeEach(() => disableAll(t));

  it('stores every item (the long link dropped, the long text cut), records each loss once, not on every poll', async () => {
    // Random, so PostgreSQL cannot compress the index entry below its limit (a repeated letter would squeeze in).
    const long = `http://example.com/${randomBytes(3000).toString('hex')}`;
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>无 GUID</title>
<item><title>好条目</title><link>http://example.com/good</link><description>某区税务局办税服务厅排长队</description></item>
<item><title>长链接条目</title><link>${long}</link><description>窗口拒收材料</description></item>
<item><title>长正文</title><link>http://example.com/long-text</link><description>${'税'.repeat(200_010)}<p class="x">尾</p></description></item>
</channel></rss>`;
    let polls = 0; // a new channel title each poll, so the second is parsed rather than skipped as unchanged
    const id = await addFeed(
      t,
      'long-link',
      farm.route(
        '/long-link.xml',
        plain(() => feed.replace('无 GUID', `无 GUID ${++polls}`)),
      ),
    );
    const run = await t.get(IngestionScheduler).runCycle();
    expect(run).toMatchObject({ ok: 1, errors: 0, itemsStored: 3 });
    const rows = await t.ds.query(
      `SELECT title, url, length(content_text) AS n FROM items WHERE source_id = $1 ORDER BY url NULLS LAST`,
      [id],
    );
    expect(rows).toEqual([
      { title: '好条目', url: 'http://example.com/good', n: 13 },
      { title: '长正文', url: 'http://example.com/long-text', n: 200_000 },
      { title: '长链接条目', url: null, n: 6 },
    ]);
    const recorded = [
      {
        kind: 'parse',
        message:
          'cut: 1 new items stored in part (HTML over 1000000 characters, text over 200000 or a title over 1000 is cut)',
      },
      {
        kind: 'parse',
        message: 'link dropped: 1 new items stored without their link (over 2048 characters)',
      },
    ];
    const errors = () =>
      t.ds.query(`SELECT kind, message FROM source_errors WHERE source_id = $1 ORDER BY id`, [id]);
    expect(await errors()).toEqual(recorded);
    expect((await sourceRow(t, id)).last_error).toBe(recorded[1].message);

    // Same keys on the next poll: nothing new is stored, and nothing new was lost.
    t.clock.advance(2 * 3600_000);
    const again = await t.get(IngestionScheduler).runCycle();
    expect(again).toMatchObject({ ok: 1, errors: 0, itemsStored: 0 });
    expect(await errors()).toEqual(recorded);
  });
});
