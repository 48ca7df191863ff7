import * as iconv from 'iconv-lite';
import { fetchFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { cli } from '../../support/cli';
import { expectOk, FeedServer, LOOPBACK, rss, rssItem, useFeedServer } from './feed-server';

/** Mistakes publishers make that used to lose items silently or fail the whole feed (newcomer trial findings). */
describe('feed fetcher: publisher mistakes (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  useFeedServer((s) => (srv = s));

  const complaint = '<item><guid>c1</guid><title>纳税人投诉：某区税务局拒收退税材料</title></item>';

  it('reads a GBK feed served as text/xml; charset=utf-8 by its XML declaration, and notes the wrong header', async () => {
    const xml = rss(complaint).replace('encoding="UTF-8"', 'encoding="GBK"');
    const url = srv.serve('/gbk-as-utf8', iconv.encode(xml, 'gbk'), {
      'content-type': 'text/xml; charset=utf-8',
    });
    const out = expectOk(await fetchFeed(url, {}, LOOPBACK));
    expect(out.feed.title).toBe('测试频道');
    expect(out.feed.items.map((i) => i.title)).toEqual(['纳税人投诉：某区税务局拒收退税材料']);
    expect(out.feed.warnings).toEqual([
      {
        message: 'charset: Content-Type declared UTF-8 but the bytes are not UTF-8; decoded as gb18030',
        skippedItems: 0,
      },
    ]);
  });

  it('falls back to GB18030 when nothing but a wrong UTF-8 header is declared', async () => {
    const xml = rss(complaint).replace(' encoding="UTF-8"', '');
    const url = srv.serve('/gbk-undeclared-as-utf8', iconv.encode(xml, 'gbk'), {
      'content-type': 'application/rss+xml; charset=UTF-8',
    });
    const [item] = expectOk(await fetchFeed(url, {}, LOOPBACK)).feed.items;
    expect(item.title).toBe('纳税人投诉：某区税务局拒收退税材料');
    expect(item.title).not.toContain('\uFFFD');
  });

  it('keeps an item whose description has an unclosed <p> (HTML, read as such), drops the one with a stray <b> in its title, and reports the loss', async () => {
    const broken = [
      rssItem(1),
      '<item><guid>bad-1</guid><title>坏</title><description><p>未闭合的段落</description></item>',
      rssItem(2),
      '<item><guid>bad-2</guid><title>标题<b>加粗</title></item>',
      rssItem(3),
    ].join('');
    const out = expectOk(await fetchFeed(srv.serve('/one-bad-item', rss(broken)), {}, LOOPBACK));
    expect(out.feed.items.map((i) => i.guid)).toEqual(['urn:item:1', 'bad-1', 'urn:item:2', 'urn:item:3']);
    expect(out.feed.items[1].text).toBe('未闭合的段落');
    expect(out.feed.items[2].text).toBe('纳税人反映等候超过两小时 。');
    expect(out.feed.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^partial: 1 of 5 items skipped \(invalid feed XML: Unexpected close tag/,
        ),
        skippedItems: 1,
      },
    ]);
  });

  it('the fetch command prints the good items on stdout and the loss on stderr, as the poller records it', async () => {
    const broken = [rssItem(1), '<item><guid>bad</guid><title>标题<b>加粗</title></item>', rssItem(2)].join(
      '',
    );
    const url = srv.serve('/cli-bad-item', rss(broken));
    const r = await cli(['fetch', url, '--allow-private']);
    expect(r.code).toBe(0);
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).guid),
    ).toEqual(['urn:item:1', 'urn:item:2']);
    expect(r.err).toMatch(/^fetch: 注意：partial: 1 of 3 items skipped \(invalid feed XML/);
  });

  it('fails a JSON Feed whose "items" is not a list, like invalid JSON', async () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 't',
      items: 'notalist',
    });
    const out = await fetchFeed(
      srv.serve('/json-items-string', body, { 'content-type': 'application/feed+json' }),
      {},
      LOOPBACK,
    );
    expect(out).toEqual({
      kind: 'error',
      errorKind: 'parse',
      status: 200,
      retryAfterSeconds: null,
      message: 'invalid JSON Feed: "items" is a string, not a list',
    });
  });

  it('counts JSON Feed items that are not objects, and never makes a link of a numeric url', async () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 't',
      items: [
        'x',
        { id: 5, url: 5, title: '数字地址' },
        7,
        { id: 'ok', url: 'https://ex.cn/ok', title: '正常' },
      ],
    });
    const url = srv.serve('/json-wrong-types', body, { 'content-type': 'application/feed+json' });
    const out = expectOk(await fetchFeed(url, {}, LOOPBACK));
    expect(out.feed.items.map((i) => [i.guid, i.link, i.title])).toEqual([
      ['5', null, '数字地址'],
      ['ok', 'https://ex.cn/ok', '正常'],
    ]);
    expect(out.feed.warnings).toEqual([
      { message: 'partial: 2 of 4 items skipped (not JSON objects)', skippedItems: 2 },
    ]);
  });
});
