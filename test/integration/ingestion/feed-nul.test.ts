import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { TestApp } from '../../support/app';
import { FeedFarm, plain } from './feed-farm';
import { addFeed, disableAll, ingestionApp, sourceRow } from './support';

describe('feed items with NUL (issue 12 point 8)', () => {
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

  it('issue 12 point 8: a feed item with NUL in its id, title, text or author is stored cleaned, with the rest of the feed', async () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: '含 NUL 的 JSON Feed',
      items: [
        {
          id: 'nul\u0000-1',
          title: '税务\u0000局通报',
          content_html: '<p>正\u0000文</p>',
          url: 'http://example.com/nul-1',
          authors: [{ name: '作\u0000者' }],
        },
        { id: 'clean-2', title: '正常条目', content_text: '正常正文', url: 'http://example.com/clean-2' },
      ],
    });
    const id = await addFeed(
      t,
      'nul-json',
      farm.route(
        '/nul.json',
        plain(() => feed, { 'content-type': 'application/feed+json' }),
      ),
    );
    const run = await t.get(IngestionScheduler).runCycle();
    expect(run).toMatchObject({ ok: 1, errors: 0, itemsStored: 2 });
    const rows = await t.ds.query(
      `SELECT guid, title, content_text, author FROM items WHERE source_id = $1 ORDER BY title`,
      [id],
    );
    expect(rows).toEqual([
      { guid: 'clean-2', title: '正常条目', content_text: '正常正文', author: null },
      { guid: 'nul-1', title: '税务局通报', content_text: '正文', author: '作者' },
    ]);
    expect((await sourceRow(t, id)).last_error).toBeNull();
  });
});
