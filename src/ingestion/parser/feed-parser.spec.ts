import { FeedParseError } from './feed-parse-error';
import { parseFeedBytes } from './feed-parser';

const parse = (text: string, contentType: string | null = null, base?: string) =>
  parseFeedBytes(Buffer.from(text), contentType, base);

describe('parseFeedBytes', () => {
  it('keeps an Atom feed whose entry has a bad date (rss-parser alone would throw on it)', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>a</id><title>坏日期</title><published>not a date</published><updated>also bad</updated></entry>
      <entry><id>b</id><title>好日期</title><updated>2026-11-02T08:00:00Z</updated></entry></feed>`;
    const feed = await parse(atom);
    expect(feed.items.map((i) => [i.guid, i.publishedAt?.toISOString() ?? null])).toEqual([
      ['a', null],
      ['b', '2026-11-02T08:00:00.000Z'],
    ]);
  });

  it('reads RSS 0.91 with its external DOCTYPE and HTML entities', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old&nbsp;feed</title><link>http://ex.cn/</link>
<item><title>A&mdash;B &copy; C</title><link>http://ex.cn/1</link><description>x&hellip;</description></item></channel></rss>`;
    const feed = await parse(xml);
    expect(feed.title).toBe('Old feed');
    expect(feed.items[0]).toMatchObject({
      title: 'A—B © C',
      link: 'http://ex.cn/1',
      text: 'x…',
      key: 'l:http://ex.cn/1',
    });
  });

  it('reads an RSS root without a version attribute as RSS 2.0, and an RSS without a channel as empty', async () => {
    expect(
      (await parse('<rss><channel><title>t</title><item><title>i</title></item></channel></rss>')).items,
    ).toHaveLength(1);
    expect(await parse('<rss version="2.0"></rss>')).toEqual({
      title: null,
      ttlMinutes: null,
      items: [],
      keyMode: 'guid',
      warnings: [],
    });
  });

  it('prefers content:encoded over description, and resolves relative links against the given base', async () => {
    const xml = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
      <item><guid>1</guid><title>t</title><link>/a/1</link><description>短</description>
      <content:encoded><![CDATA[<p>完整正文</p>]]></content:encoded></item></channel></rss>`;
    const [item] = (await parse(xml, null, 'https://feeds.ex.cn/rss.xml')).items;
    expect([item.text, item.link]).toEqual(['完整正文', 'https://feeds.ex.cn/a/1']);
  });

  it('caps an absurd <ttl> at a week and ignores a non-numeric one', async () => {
    const ttl = (v: string) =>
      parse(`<rss version="2.0"><channel><title>t</title><ttl>${v}</ttl></channel></rss>`).then(
        (f) => f.ttlMinutes,
      );
    expect(await ttl('60')).toBe(60);
    expect(await ttl('99999999')).toBe(7 * 24 * 60);
    expect(await ttl('soon')).toBeNull();
  });

  it.each([
    ['{"data": [1, 2]}', 'not_feed'],
    ['[1, 2]', 'not_feed'],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', 'parse'],
    ['<html><body>登录</body></html>', 'not_feed'],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not_feed'],
    ['<rss version="2.0"><channel><title>unclosed</channel></rss>', 'parse'],
    ['', 'parse'],
    ['502 Bad Gateway', 'not_feed'],
  ])('rejects %j as %s', async (text, kind) => {
    await expect(parse(text)).rejects.toMatchObject({ constructor: FeedParseError, kind });
  });

  it('never expands entities from a DTD, even when the bomb hides after a comment', async () => {
    const bomb =
      '<!-- hi --><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>';
    await expect(parse(bomb)).rejects.toThrow('DTD/entity declarations are not allowed');
  });
});
