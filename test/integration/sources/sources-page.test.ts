import { ItemStore } from '../../../src/ingestion/ingestion.store';
import { SourcesService } from '../../../src/sources/sources.service';
import { createTestApp, TestApp } from '../../support/app';

describe('console page /console/sources', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const sources = t.get(SourcesService);
    const gd = await sources.create(
      { name: '南方日报', url: 'https://nf.example.com/rss', bureauCode: '44', authorityTier: 'provincial' },
      null,
    );
    await sources.create(
      { name: '浙江日报', url: 'https://zj.example.com/rss', bureauCode: '33', authorityTier: 'provincial' },
      null,
    );
    const broken = await sources.create(
      { name: '<script>alert(1)</script>', url: 'https://x.example.com/rss', authorityTier: 'forum' },
      null,
    );
    await t.ds.query(
      `UPDATE sources SET needs_attention = true, consecutive_errors = 3, last_error_at = $2, last_error = 'HTTP 404 Not Found',
              last_error_kind = 'http', last_checked_at = $2 WHERE id = $1`,
      [broken.id, t.clock.now()],
    );
    await t.ds.query(`UPDATE sources SET last_checked_at = $2, last_success_at = $2 WHERE id = $1`, [
      gd.id,
      t.clock.now(),
    ]);
    const items = ['a', 'b', 'c'].map((k) => ({
      key: k,
      guid: k,
      url: null,
      title: k,
      text: k,
      author: null,
      publishedAt: null,
      language: null,
    }));
    await t.ds.transaction((m) => t.get(ItemStore).insertNew(m, gd.id, items, t.clock.now()));
  });
  afterAll(() => t.close());

  const page = (cookie: string, query = '') =>
    fetch(`${t.url}/console/sources${query}`, {
      headers: { cookie, accept: 'text/html' },
      redirect: 'manual',
    });

  it('lists the sources a monitor may see with their health, worst first, escaped', async () => {
    const cookie = await t.userWithSession('gd-watch', 'monitor', '44');
    const res = await page(cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const body = await res.text();
    expect(body).toContain('<h1>信息源</h1>');
    expect(body).toContain('aria-current="page"');
    expect(body).not.toContain('浙江日报'); // outside the subtree
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const rows = [...body.matchAll(/<tr data-source-id="\d+" data-status="(\w+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(['attention', 'ok']);
    const gdRow = body.slice(body.indexOf('南方日报'));
    expect(gdRow).toMatch(/<td class="num">0<\/td>\s*<td class="num">3<\/td>/); // no errors, 3 items in 24 h
    expect(body).toContain('HTTP 404 Not Found');
    // the label the CLI uses, then the fetcher's own words
    expect(body).toMatch(/>HTTP 错误<\/span> <small [^>]*>HTTP 404 Not Found</);
    expect(body).toContain('需处理 1');
  });

  it('filters by name and by attention', async () => {
    const cookie = await t.userWithSession('hq-watch', 'monitor', '00');
    const all = await (await page(cookie)).text();
    expect(all).toContain('浙江日报');
    const filtered = await (await page(cookie, '?attention=1')).text();
    expect([...filtered.matchAll(/data-status="(\w+)"/g)].map((m) => m[1])).toEqual(['attention']);
    const named = await (await page(cookie, `?q=${encodeURIComponent('浙江')}`)).text();
    expect(named).toContain('浙江日报');
    expect(named).not.toContain('南方日报');
  });

  it('sends visitors who are not logged in to the login page', async () => {
    const res = await page('');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});
