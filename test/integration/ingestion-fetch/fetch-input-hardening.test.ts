import { fetchFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { expectOk, FeedServer, LOOPBACK, rss, rssItem, useFeedServer } from './feed-server';

/**
 * The input-hardening trial, over real HTTP: hostile shapes under the 15 MiB body cap, valid feeds with absurd item
 * counts, raw XHTML in RSS bodies and a wrong Latin-1 declaration. Assertions are on what comes out (items, text,
 * warnings), never on time; the hostile shapes are large enough that the old code showed (seconds, gigabytes).
 */
describe('feed fetcher: input hardening (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  useFeedServer((s) => (srv = s));

  it('point 1: keeps the good items of a 5 MB feed of hostile shapes, reading or refusing each bad one alone', async () => {
    const items = [
      rssItem(1),
      // HTML nested 300,000 deep in a description: read as HTML, its text kept
      `<item><guid>deep-html</guid><title>深</title><description>${'<a>'.repeat(300_000)}深层正文${'</a>'.repeat(300_000)}</description></item>`,
      // elements nested 200,000 deep in the item itself: that item refused, the rest kept
      `<item><guid>deep-xml</guid><title>坏</title><x>${'<y>'.repeat(200_000)}${'</y>'.repeat(200_000)}</x></item>`,
      // a million bare `&` in a description: cut to the text cap
      `<item><guid>amps</guid><title>和</title><description>${'&'.repeat(1_000_000)}</description></item>`,
      rssItem(2),
    ];
    const body = rss(items.join(''));
    expect(body.length).toBeGreaterThan(4_000_000);
    const out = expectOk(await fetchFeed(srv.serve('/hostile', body), {}, LOOPBACK));
    expect(out.feed.items.map((i) => [i.guid, i.text.slice(0, 8), i.text.length])).toEqual([
      ['urn:item:1', '纳税人反映等候超', 14],
      ['deep-html', '深层正文', 4],
      ['amps', '&&&&&&&&', 200_000],
      ['urn:item:2', '纳税人反映等候超', 14],
    ]);
    expect(out.feed.warnings).toEqual([
      { message: 'truncated: 1 item bodies longer than 2000000 characters read in part', skippedItems: 0 },
      {
        message:
          'partial: 1 of 5 items skipped (invalid feed XML: elements nested more than 256 levels deep)',
        skippedItems: 1,
      },
      { message: 'truncated: 2 items cut to 200000 characters of text (1000 of title)', skippedItems: 0 },
    ]);
  });

  it('point 2: reads the first 1,000 items of a valid 100,000-item feed and reports the rest as skipped', async () => {
    const items = Array.from(
      { length: 100_000 },
      (_, n) => `<item><guid>g${n}</guid><title>第${n}条</title></item>`,
    );
    const out = expectOk(await fetchFeed(srv.serve('/100k', rss(items.join(''))), {}, LOOPBACK));
    expect(out.feed.items).toHaveLength(1000);
    expect([out.feed.items[0].guid, out.feed.items[999].guid]).toEqual(['g0', 'g999']);
    expect(out.feed.warnings).toEqual([
      {
        message: 'partial: 1000 of 100000 items kept (at most 1000 are read from one document)',
        skippedItems: 99_000,
      },
    ]);
  });

  it('point 4: keeps the text of raw XHTML in an RSS description and content:encoded (no CDATA), tags removed', async () => {
    const items = [
      '<item><guid>d</guid><title>投诉</title><description><p>某市税务局工作人员态度恶劣</p></description></item>',
      '<item><guid>e</guid><title>投诉</title><content:encoded><div><p>办税大厅<b>排队</b>三小时</p><p>无人处理</p></div></content:encoded></item>',
      '<item><guid>m</guid><title>投诉</title><description>纳税人反映<br/>窗口&amp;热线<i>都</i>打不通</description></item>',
    ];
    const xml = rss(items.join('')).replace(
      '<rss version="2.0">',
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    );
    const out = expectOk(await fetchFeed(srv.serve('/xhtml', xml), {}, LOOPBACK));
    expect(out.feed.items.map((i) => i.text)).toEqual([
      '某市税务局工作人员态度恶劣',
      '办税大厅排队三小时 无人处理',
      '纳税人反映 窗口&热线都打不通',
    ]);
    expect(out.feed.warnings).toEqual([]);
  });

  it('point 5: reads UTF-8 Chinese declared ISO-8859-1 as UTF-8, and notes the wrong declaration', async () => {
    const xml = rss('<item><guid>z</guid><title>某市税务局工作人员态度恶劣</title></item>').replace(
      'encoding="UTF-8"',
      'encoding="ISO-8859-1"',
    );
    const url = srv.serve('/latin1-over-utf8', Buffer.from(xml, 'utf8'), {
      'content-type': 'application/rss+xml',
    });
    const out = expectOk(await fetchFeed(url, {}, LOOPBACK));
    expect(out.feed.items[0].title).toBe('某市税务局工作人员态度恶劣');
    expect(out.feed.warnings).toEqual([
      {
        message: 'charset: XML declaration declared ISO-8859-1 but the bytes are UTF-8; decoded as utf-8',
        skippedItems: 0,
      },
    ]);
  });
});
