import { itemKey } from './dedupe-keys';
import { FeedParseError } from './feed-parse-error';
import { parseFeedBytes } from './feed-parser';
import { MAX_FEED_ITEMS, MAX_ITEM_HTML, MAX_ITEM_TEXT, MAX_ITEM_URL } from './feed-limits';
import { decodeXmlText } from './xml-lift';

/**
 * Hostile and oversized feeds under the body cap (points 1–3 of the input-hardening trial). Each asserts what comes
 * out — items, text sizes, warnings — at sizes where the old code's work showed (seconds, gigabytes); none times
 * anything. Sizes are a few MB so the suite stays quick.
 */
const parse = (text: string, type = 'application/rss+xml') => parseFeedBytes(Buffer.from(text), type);

const GOOD =
  '<item><guid>good</guid><title>好条目</title><description>某区税务局办税服务厅排长队</description></item>';
const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>频道</title>${items}</channel></rss>`;
const bad = (inner: string) => `<item><guid>bad</guid><title>坏条目</title>${inner}</item>`;

describe('hostile shapes: bounded work, good items kept, the problem reported', () => {
  it('reads HTML nested 200,000 deep in a description as text (no object per level)', async () => {
    const deep = `<description>${'<a>'.repeat(200_000)}深层正文${'</a>'.repeat(200_000)}</description>`;
    const feed = await parse(rss(GOOD + bad(deep)));
    expect(feed.items.map((i) => [i.guid, i.text])).toEqual([
      ['good', '某区税务局办税服务厅排长队'],
      ['bad', '深层正文'],
    ]);
  });

  it('drops an item whose own elements nest deeper than 256 levels, with a recorded warning', async () => {
    const deep = `<extra>${'<x>'.repeat(300_000)}${'</x>'.repeat(300_000)}</extra>`;
    const feed = await parse(rss(GOOD + bad(deep)));
    expect(feed.items.map((i) => i.guid)).toEqual(['good']);
    expect(feed.warnings).toEqual([
      {
        message:
          'partial: 1 of 2 items skipped (invalid feed XML: elements nested more than 256 levels deep)',
        skippedItems: 1,
      },
    ]);
  });

  it('ignores a 5 MB DOCTYPE prolog, and drops an item with a DOCTYPE inside its title, with a recorded warning', async () => {
    const prolog = `<?xml version="1.0"?>${'<!DOCTYPE '.repeat(500_000)}>`;
    const feed = await parse(prolog + rss(GOOD).replace(/^<\?xml[^>]*>/, ''));
    expect(feed.items.map((i) => i.guid)).toEqual(['good']);
    const inTitle = await parse(
      rss(GOOD + `<item><guid>bad</guid><title>${'<!DOCTYPE '.repeat(300_000)}</title></item>`),
    );
    expect(inTitle.items.map((i) => i.guid)).toEqual(['good']);
    expect(inTitle.warnings).toEqual([
      {
        message:
          'partial: 1 of 2 items skipped (invalid feed XML: a <!DOCTYPE …> or other declaration inside an element)',
        skippedItems: 1,
      },
    ]);
  });

  it('fails a feed nested too deep outside its items as a parse error', async () => {
    const deep = `<x>`.repeat(1000) + '</x>'.repeat(1000);
    await expect(parse(rss(deep))).rejects.toMatchObject({
      constructor: FeedParseError,
      message: expect.stringMatching(/nested more than 256 levels/),
    });
  });

  it('cuts a description of over a million references (bare &, &lt;, &nbsp;, &a) to the text cap, with a warning', async () => {
    const shapes: [string, string][] = [
      ['&'.repeat(2_500_000), '&&&&'],
      ['&lt;'.repeat(800_000), '<<<<'],
      ['&a'.repeat(1_250_000), '&a&a'],
    ];
    for (const [body, start] of shapes) {
      const feed = await parse(rss(GOOD + bad(`<description>${body}</description>`)));
      expect(feed.items.map((i) => [i.guid, i.text.length])).toEqual([
        ['good', 13],
        ['bad', MAX_ITEM_TEXT],
      ]);
      expect(feed.items[1].text.slice(0, 4)).toBe(start);
      expect(feed.warnings.map((w) => [w.message.split(':')[0], w.skippedItems])).toContainEqual([
        'truncated',
        0,
      ]);
    }
    const nbsp = await parse(rss(GOOD + bad(`<description>a${'&nbsp;'.repeat(1_000_000)}b</description>`)));
    expect(nbsp.items[1].text).toBe('a'); // the cut falls inside the spaces; `b` is past it
  });

  it('cuts a 300,000-character item text to the push API cap of 200,000', async () => {
    const long = '纳税人反映'.repeat(60_000);
    const feed = await parse(rss(bad(`<description><![CDATA[<p>${long}</p>]]></description>`)));
    expect(feed.items[0].text).toBe(long.slice(0, MAX_ITEM_TEXT));
    expect(feed.warnings).toEqual([
      {
        message: `truncated: 1 items cut to ${MAX_ITEM_TEXT} characters of text (1000 of title)`,
        skippedItems: 0,
      },
    ]);
  });

  it('drops a tag the HTML cut falls inside: no stray `<` ends the text, and the item says it was cut', async () => {
    // 21 characters a unit: the cut at MAX_ITEM_HTML (1,000,000 = 21 × 47,619 + 1) leaves a lone `<` of the next tag.
    const unit = '<b class="c123">x</b>';
    const html = unit.repeat(50_000);
    expect([unit.length, html.length > MAX_ITEM_HTML]).toEqual([21, true]);
    const feed = await parse(rss(bad(`<description><![CDATA[${html}]]></description>`)));
    const text = feed.items[0].text;
    expect([text.length, text.slice(-3)]).toEqual([47_619, 'xxx']);
    expect(feed.items[0].cut).toEqual({ text: true, link: false });
    expect((await parse(rss(GOOD))).items[0].cut).toBeUndefined();
    // a literal `<` in the text near the cut is text, not a tag: nothing after it is dropped
    const literal = '<p>收入<5000元' + '税'.repeat(MAX_ITEM_HTML);
    const kept = await parse(rss(bad(`<description><![CDATA[${literal}]]></description>`)));
    expect(kept.items[0].text.slice(0, 11)).toBe('收入<5000元税税税');
    expect(kept.items[0].text.length).toBe(MAX_ITEM_TEXT);
  });

  it('refuses a JSON Feed item nested 1,000,000 deep alone, and a feed nested too deep elsewhere whole', async () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const json = (items: string, extra = '') =>
      `{"version":"https://jsonfeed.org/version/1.1","title":"t"${extra},"items":[${items}]}`;
    const good = '{"id":"1","title":"好","content_text":"正文"}';
    const feed = await parse(json(`${good},{"id":"2","content_html":${deep}}`), 'application/feed+json');
    expect(feed.items.map((i) => i.guid)).toEqual(['1']);
    expect(feed.warnings).toEqual([
      { message: 'partial: 1 of 2 items skipped (nested more than 256 levels deep)', skippedItems: 1 },
    ]);
    await expect(parse(json(good, `,"x":${deep}`), 'application/feed+json')).rejects.toMatchObject({
      kind: 'parse',
      message: 'invalid JSON: nested more than 256 levels deep',
    });
  });
});

describe('at most MAX_FEED_ITEMS items per document (point 2)', () => {
  const n = 5000;
  it('keeps the first 1,000 of a valid RSS feed, in document order, and reports the rest as skipped', async () => {
    const items = Array.from(
      { length: n },
      (_, i) => `<item><guid>g${i}</guid><title>第${i}条</title></item>`,
    );
    const feed = await parse(rss(items.join('')));
    expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
    expect([feed.items[0].guid, feed.items[MAX_FEED_ITEMS - 1].guid]).toEqual(['g0', 'g999']);
    expect(feed.warnings).toEqual([
      {
        message: `partial: 1000 of ${n} items kept (at most 1000 are read from one document)`,
        skippedItems: n - 1000,
      },
    ]);
  });

  it('does the same for Atom and JSON Feed', async () => {
    const entries = Array.from({ length: n }, (_, i) => `<entry><id>e${i}</id><title>t</title></entry>`);
    const atom = await parse(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>${entries.join('')}</feed>`,
    );
    const items = Array.from({ length: n }, (_, i) => ({ id: `j${i}`, title: 't', content_text: 'x' }));
    const json = await parse(
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'j', items }),
      'application/feed+json',
    );
    for (const [feed, first] of [
      [atom, 'e0'],
      [json, 'j0'],
    ] as const) {
      expect([feed.items.length, feed.items[0].guid, feed.warnings[0].skippedItems]).toEqual([
        1000,
        first,
        n - 1000,
      ]);
    }
  });
});

describe('long links (point 3)', () => {
  it('drops a link over 2,048 characters and keeps the item, keyed without it', async () => {
    const long = `https://news.example.cn/${'a'.repeat(6000)}`;
    const ok = 'https://news.example.cn/ok';
    const feed = await parse(
      rss(
        `<item><title>好</title><link>${ok}</link></item><item><title>长链接</title><link>${long}</link></item>`,
      ),
    );
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ['好', ok],
      ['长链接', null],
    ]);
    expect(feed.items.every((i) => i.key.length <= 2 + MAX_ITEM_URL)).toBe(true);
    expect(feed.warnings).toEqual([
      { message: 'links dropped: 1 items had a link longer than 2048 characters', skippedItems: 0 },
    ]);
  });

  it('hashes link keys longer than the link cap, as it hashes long GUIDs', () => {
    const key = itemKey(
      { guid: null, link: `https://x.cn/${'a'.repeat(3000)}`, title: 't', text: '' },
      'link',
    );
    expect(key).toMatch(/^l:sha256:[0-9a-f]{64}$/);
    const short = 'https://mp.weixin.qq.com/s?__biz=' + 'b'.repeat(300);
    expect(itemKey({ guid: null, link: short, title: 't', text: '' }, 'link')).toBe(`l:${short}`);
  });
});

describe('decodeXmlText', () => {
  it('decodes the five XML entities and numeric references once (`&amp;lt;` stays `&lt;`)', () => {
    expect(decodeXmlText('a&lt;b&gt;c&amp;lt;d&quot;e&apos;f&#x4E2D;&#25991;&#x1F600;')).toBe(
      'a<b>c&lt;d"e\'f中文\u{1F600}',
    );
  });
});
