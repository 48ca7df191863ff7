import { brotliCompressSync, gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { fetchFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { expectOk, FeedServer, LOOPBACK, rss, rssItem, useFeedServer } from './feed-server';

describe('feed fetcher: formats, charsets, encodings (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  useFeedServer((s) => (srv = s));

  it('reads RSS 2.0: normalised items, guid keys, Shanghai dates, ttl, recognisable User-Agent', async () => {
    const url = srv.serve('/rss2', rss(rssItem(1) + rssItem(2), '<ttl>30</ttl><language>zh-cn</language>'));
    const out = expectOk(await fetchFeed(url, {}, LOOPBACK));
    expect(out.status).toBe(200);
    expect(out.feed).toMatchObject({ title: '测试频道', ttlMinutes: 30, keyMode: 'guid' });
    expect(out.feed.items[0]).toEqual({
      key: 'g:urn:item:1',
      guid: 'urn:item:1',
      title: '第1条：某区税务局办税服务厅排长队',
      link: 'https://news.example.cn/a/1.html',
      author: null,
      publishedAt: new Date('2026-11-02T00:01:00Z'),
      text: '纳税人反映等候超过两小时 。',
      language: 'zh',
    });
    expect(out.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    const seen = srv.requestsTo('/rss2')[0].headers;
    expect(seen['user-agent']).toBe(LOOPBACK.userAgent);
    expect(seen['accept-encoding']).toBe('gzip, br');
  });

  it('reads Atom with xml:lang, authors, relative links resolved against the feed URL, updated as the date', async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title type="text">税务新闻</title>
<entry><id>tag:example.cn,2026:1</id><title type="html">&lt;b&gt;个税&lt;/b&gt; 汇算</title>
<link rel="alternate" href="/news/1?utm_source=rss&amp;id=7#comments"/><updated>2026-11-02T08:00:00+08:00</updated>
<author><name>记者 李四</name></author><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>`;
    const url = srv.serve('/atom', atom, { 'content-type': 'application/atom+xml' });
    const [item] = expectOk(await fetchFeed(url, {}, LOOPBACK)).feed.items;
    expect(item).toMatchObject({
      key: 'g:tag:example.cn,2026:1',
      title: '个税 汇算',
      link: `http://127.0.0.1:${srv.port}/news/1?id=7`,
      author: '记者 李四',
      text: '正文',
      language: 'zh',
    });
    expect(item.publishedAt?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('reads RSS 1.0 / RDF with dc:date and dc:creator', async () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ex.cn/"><title>RDF 频道</title><link>https://ex.cn/</link><description>d</description></channel>
<item rdf:about="https://ex.cn/r/1"><title>RDF 条目</title><link>https://ex.cn/r/1</link><dc:creator>王五</dc:creator>
<dc:date>2026-11-02T08:00:00+08:00</dc:date><description>内容</description></item></rdf:RDF>`;
    const out = expectOk(await fetchFeed(srv.serve('/rdf', rdf), {}, LOOPBACK));
    expect(out.feed.title).toBe('RDF 频道');
    expect(out.feed.items[0]).toMatchObject({
      guid: 'https://ex.cn/r/1',
      title: 'RDF 条目',
      author: '王五',
      text: '内容',
    });
    expect(out.feed.items[0].publishedAt?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('reads JSON Feed 1.1 (authors, content_text, missing id → link key)', async () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON 频道',
      items: [
        {
          id: 'j1',
          url: 'https://ex.cn/j/1',
          title: '标题一',
          content_html: '<p>正文一</p>',
          date_published: '2026-11-02T08:00:00+08:00',
          authors: [{ name: '甲' }],
        },
        { url: 'https://ex.cn/j/2', title: '标题二', content_text: 'a < b & c' },
      ],
    };
    const out = expectOk(
      await fetchFeed(
        srv.serve('/json', JSON.stringify(json), { 'content-type': 'application/feed+json' }),
        {},
        LOOPBACK,
      ),
    );
    expect(out.feed.title).toBe('JSON 频道');
    expect(out.feed.keyMode).toBe('link'); // one of two ids missing is more than 5%
    expect(out.feed.items.map((i) => [i.key, i.title, i.text, i.author])).toEqual([
      ['l:https://ex.cn/j/1', '标题一', '正文一', '甲'],
      ['l:https://ex.cn/j/2', '标题二', 'a < b & c', null],
    ]);
  });

  it('decodes a GBK feed declared only in the XML declaration', async () => {
    const xml = rss(rssItem(3)).replace('encoding="UTF-8"', 'encoding="gbk"');
    const url = srv.serve('/gbk', iconv.encode(xml, 'gbk'), { 'content-type': 'application/xml' });
    const [item] = expectOk(await fetchFeed(url, {}, LOOPBACK)).feed.items;
    expect(item.title).toBe('第3条：某区税务局办税服务厅排长队');
  });

  it('decodes a GB2312 body with no declaration at all (not UTF-8 → GB18030)', async () => {
    const xml = rss(rssItem(4)).replace(' encoding="UTF-8"', '');
    const url = srv.serve('/gb-undeclared', iconv.encode(xml, 'gb2312'), { 'content-type': 'text/xml' });
    expect(expectOk(await fetchFeed(url, {}, LOOPBACK)).feed.items[0].text).toBe(
      '纳税人反映等候超过两小时 。',
    );
  });

  it('decodes a Big5 feed declared in the Content-Type header', async () => {
    const xml = rss(
      '<item><title>臺北國稅局服務態度差</title><guid>b5</guid><description>繁體內容</description></item>',
    ).replace(' encoding="UTF-8"', '');
    const url = srv.serve('/big5', iconv.encode(xml, 'big5'), { 'content-type': 'text/xml; charset=big5' });
    const [item] = expectOk(await fetchFeed(url, {}, LOOPBACK)).feed.items;
    expect([item.title, item.text]).toEqual(['臺北國稅局服務態度差', '繁體內容']);
  });

  it('decompresses gzip and brotli bodies and hashes the decompressed bytes', async () => {
    const xml = rss(rssItem(5));
    const gz = expectOk(
      await fetchFeed(srv.serve('/gz', gzipSync(xml), { 'content-encoding': 'gzip' }), {}, LOOPBACK),
    );
    const br = expectOk(
      await fetchFeed(srv.serve('/br', brotliCompressSync(xml), { 'content-encoding': 'br' }), {}, LOOPBACK),
    );
    const plain = expectOk(await fetchFeed(srv.serve('/plain', xml), {}, LOOPBACK));
    expect(gz.feed.items[0].key).toBe('g:urn:item:5');
    expect(br.feed.items[0].key).toBe('g:urn:item:5');
    expect(new Set([gz.bodyHash, br.bodyHash, plain.bodyHash]).size).toBe(1);
  });

  it('refuses an XML bomb (billion laughs) without expanding it', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '\n',
    );
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">\n${lol}]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;
    const out = await fetchFeed(srv.serve('/bomb', bomb), {}, LOOPBACK);
    expect(out).toEqual({
      kind: 'error',
      errorKind: 'parse',
      status: 200,
      retryAfterSeconds: null,
      message: 'DTD/entity declarations are not allowed',
    });
  });

  it('reports an HTML page as not_feed', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>国家税务总局</title></head><body><p>首页</p></body></html>';
    const out = await fetchFeed(
      srv.serve('/html', html, { 'content-type': 'text/html; charset=utf-8' }),
      {},
      LOOPBACK,
    );
    expect(out).toMatchObject({ kind: 'error', errorKind: 'not_feed', status: 200 });
  });

  it('keeps items with bad dates (publishedAt null) and reads the odd formats Chinese sites emit', async () => {
    const items = [
      '<item><guid>d1</guid><title>坏日期</title><pubDate>昨天下午</pubDate></item>',
      '<item><guid>d2</guid><title>不存在的日期</title><pubDate>2026-02-30 10:00:00</pubDate></item>',
      '<item><guid>d3</guid><title>中文日期</title><pubDate>2026年11月2日 08:00</pubDate></item>',
      '<item><guid>d4</guid><title>Java 日期</title><pubDate>Mon Nov 02 08:00:00 CST 2026</pubDate></item>',
      '<item><guid>d5</guid><title>无时区</title><pubDate>2026-11-02 08:00:00</pubDate></item>',
    ].join('');
    const out = expectOk(await fetchFeed(srv.serve('/dates', rss(items)), {}, LOOPBACK));
    expect(out.feed.items.map((i) => i.publishedAt?.toISOString() ?? null)).toEqual([
      null,
      null,
      '2026-11-02T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
    ]);
  });

  it('repairs bare ampersands and HTML entities instead of rejecting the feed', async () => {
    const xml = rss(
      '<item><guid>amp</guid><title>AT&T 与 R&D&nbsp;中心</title><link>https://ex.cn/?a=1&b=2&utm_medium=rss</link></item>',
    );
    const [item] = expectOk(await fetchFeed(srv.serve('/amp', xml), {}, LOOPBACK)).feed.items;
    expect(item.title).toBe('AT&T 与 R&D 中心');
    expect(item.link).toBe('https://ex.cn/?a=1&b=2');
  });

  it('tolerates leading whitespace and a BOM before <?xml', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n\n   ${rss(rssItem(7))}`)]);
    expect(expectOk(await fetchFeed(srv.serve('/leading', body), {}, LOOPBACK)).feed.items[0].guid).toBe(
      'urn:item:7',
    );
  });

  it('falls back to link keys when more than 5% of GUIDs repeat', async () => {
    const items = Array.from(
      { length: 10 },
      (_, i) => `<item><guid>same</guid><title>t${i}</title><link>https://ex.cn/${i}#top</link></item>`,
    );
    const out = expectOk(await fetchFeed(srv.serve('/repeated-guids', rss(items.join(''))), {}, LOOPBACK));
    expect(out.feed.keyMode).toBe('link');
    expect(out.feed.items.map((i) => i.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `l:https://ex.cn/${i}`),
    );
  });
});
