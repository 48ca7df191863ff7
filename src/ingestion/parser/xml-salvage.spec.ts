import { FeedParseError } from './feed-parse-error';
import { parseFeedBytes } from './feed-parser';
import Parser from 'rss-parser';
import { MAX_SALVAGED_ITEMS, salvageItems, splitItems } from './xml-salvage';

const newParserForTest = () => new Parser({ defaultRSS: 2 });

const parse = (text: string) => parseFeedBytes(Buffer.from(text), 'application/rss+xml; charset=utf-8');

const rss = (items: string, channel = '<title>频道</title>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
  `<channel>${channel}<ttl>30</ttl>\n${items}\n</channel></rss>`;

const item = (n: number, description = `正文${n}`, title = `第${n}条`) =>
  `<item><guid>g${n}</guid><title>${title}</title><description>${description}</description></item>`;

describe('splitItems: one forward scan into head, items and the rest', () => {
  it('steps over CDATA and comments, ignores RSS 1.0 <items>, and cuts an unclosed item at the next one', () => {
    const xml =
      '<rss><channel><items>x</items><!-- <item>not one</item> -->' +
      '<item><description><![CDATA[</item><item>]]></description></item> <item><title>open' +
      '<item><title>last</title></item></channel></rss>';
    expect(splitItems(xml, 'item', 'rss')).toEqual({
      head: '<rss><channel><items>x</items><!-- <item>not one</item> -->',
      items: [
        '<item><description><![CDATA[</item><item>]]></description></item>',
        '<item><title>open',
        '<item><title>last</title></item>',
      ],
      rest: ' </channel></rss>',
    });
  });

  it('ends an unclosed last item at the closing tags, and finds nothing in a feed without items', () => {
    expect(splitItems('<feed><title>t</title><entry><title>x</feed>', 'entry', 'feed')).toEqual({
      head: '<feed><title>t</title>',
      items: ['<entry><title>x'],
      rest: '</feed>',
    });
    expect(splitItems('<rss><channel><title>t</title></channel></rss>', 'item', 'rss')).toBeNull();
  });
});

describe('a malformed item costs that item, not the whole feed', () => {
  it('keeps the good items around a stray <b> in a title (an unclosed <p> in a description is HTML, kept)', async () => {
    const feed = await parse(
      rss(item(1) + item(2, '<p>纳税人反映排队两小时') + item(3) + item(4, '正文4', '标题<b>加粗') + item(5)),
    );
    expect(feed.items.map((i) => i.guid)).toEqual(['g1', 'g2', 'g3', 'g5']);
    expect(feed.items[1]).toMatchObject({ title: '第2条', text: '纳税人反映排队两小时' });
    expect(feed.items[2]).toMatchObject({ title: '第3条', text: '正文3' });
    expect([feed.title, feed.ttlMinutes]).toEqual(['频道', 30]);
    expect(feed.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^partial: 1 of 5 items skipped \(invalid feed XML: Unexpected close tag/,
        ),
        skippedItems: 1,
      },
    ]);
  });

  it('salvages Atom entries and RSS 1.0 items the same way, with large CDATA sections intact', async () => {
    const long = '办税服务厅排队'.repeat(100);
    const atom = await parse(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>原子</title>
       <entry><id>a</id><title>好</title><content type="html"><![CDATA[<p>${long}</p>]]></content></entry>
       <entry><id>b</id><title>坏<i></title></entry>
       <entry><id>c</id><title>也好</title></entry></feed>`,
    );
    expect(atom.items.map((i) => [i.guid, i.text.length])).toEqual([
      ['a', long.length],
      ['c', 0],
    ]);
    expect(atom.warnings[0]).toMatchObject({ skippedItems: 1 });
    const rdf = await parse(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
       <channel rdf:about="https://ex.cn/"><title>RDF</title><items><rdf:Seq/></items></channel>
       <item rdf:about="https://ex.cn/1"><title>一</title></item>
       <item rdf:about="https://ex.cn/2"><title>二</p></title></item></rdf:RDF>`,
    );
    expect(rdf.items.map((i) => i.guid)).toEqual(['https://ex.cn/1']);
    expect(rdf.warnings[0].message).toMatch(/^partial: 1 of 2 items skipped/);
  });

  it('still fails the whole feed when the channel itself is broken or no item survives', async () => {
    for (const text of [
      rss(item(1) + item(2), '<title>坏<b>频道</title>'),
      rss(item(1, '正文', '坏<b>') + item(2, '正文', '也<i>坏')),
      rss('<item><title>没有结束'),
      '<rss version="2.0"><channel><title>unclosed</channel></rss>',
    ]) {
      await expect(parse(text)).rejects.toMatchObject({
        constructor: FeedParseError,
        kind: 'parse',
        message: expect.stringMatching(/^invalid feed XML: /),
      });
    }
  });

  it('checks at most MAX_SALVAGED_ITEMS items alone; the rest count as skipped', async () => {
    const items = Array.from({ length: MAX_SALVAGED_ITEMS + 200 }, (_, n) =>
      item(n, 'x', n === 0 ? '<b>' : `第${n}条`),
    );
    const feed = await parse(rss(items.join('')));
    expect(feed.items).toHaveLength(MAX_SALVAGED_ITEMS - 1);
    // The 200 past the per-document cap (MAX_FEED_ITEMS) are never read; the bad one is skipped by salvage.
    expect(feed.warnings.map((w) => w.skippedItems)).toEqual([200, 1]);
  });

  it('is bounded on hostile input: one scan, at most MAX_SALVAGED_ITEMS + 2 parses, each of a part of the text', async () => {
    const hostile = [
      rss(`${item(1)}${'<item><p>'.repeat(200_000)}`),
      rss(`${item(1)}<item><description><![CDATA[${'<item>'.repeat(200_000)}`),
      rss(`${item(1)}<item>${'<!--<item>'.repeat(200_000)}`),
      rss(`${item(1, '<p>')}${'<item></item>'.repeat(150_000)}`),
      // end tags without their `>`: each used to send the search for `>` to the end of the document
      `<rss version="2.0"><channel><title>t</title>${item(1)}${'<item </item '.repeat(100_000)}`,
    ];
    for (const text of hostile) {
      let parses = 0;
      let parsedChars = 0;
      await salvageItems(text, 'rss', async (doc) => {
        parses++;
        parsedChars += doc.length;
        return newParserForTest().parseString(doc);
      });
      expect(text.length).toBeGreaterThan(1_000_000);
      expect(parses).toBeLessThanOrEqual(MAX_SALVAGED_ITEMS + 2);
      expect(parsedChars).toBeLessThan(3 * text.length + parses * 100);
    }
  });
});
