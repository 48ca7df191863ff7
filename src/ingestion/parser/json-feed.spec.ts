import { FeedParseError } from './feed-parse-error';
import { readJsonFeed } from './json-feed';

const V11 = 'https://jsonfeed.org/version/1.1';
const feed = (items: unknown) => JSON.stringify({ version: V11, title: 'JSON 频道', items });

describe('readJsonFeed: wrong types are errors or skipped items, never silently accepted', () => {
  it.each([['"notalist"'], ['{"0": {"id": "a"}}'], ['5'], ['true']])(
    'rejects "items": %s as a parse error, like invalid JSON',
    (items) => {
      const text = `{"version": "${V11}", "items": ${items}}`;
      expect(() => readJsonFeed(text)).toThrow(FeedParseError);
      expect(() => readJsonFeed(text)).toThrow(
        /^invalid JSON Feed: "items" is a (string|object|number|boolean)/,
      );
      try {
        readJsonFeed(text);
      } catch (e) {
        expect((e as FeedParseError).kind).toBe('parse');
      }
    },
  );

  it('reads "items": null (an empty list as Go writes it) and a missing list as an empty feed', () => {
    expect(readJsonFeed(feed(null))).toMatchObject({ items: [], warnings: [] });
    expect(readJsonFeed(JSON.stringify({ version: V11, title: 't' }))).toMatchObject({
      items: [],
      warnings: [],
    });
  });

  it('skips items that are not objects, counts them and says so', () => {
    const raw = readJsonFeed(feed([{ id: 'a', title: '一' }, 'x', 7, null, [1], { id: 'b', title: '二' }]));
    expect(raw.items.map((i) => i.guid)).toEqual(['a', 'b']);
    expect(raw.warnings).toEqual([
      { message: 'partial: 4 of 6 items skipped (not JSON objects)', skippedItems: 4 },
    ]);
  });

  it('never turns a number into a URL, but reads a numeric id as text', () => {
    const raw = readJsonFeed(
      feed([
        { id: 42, url: 5, title: '数字地址' },
        { id: 43, url: 6, external_url: 'https://ex.cn/ext', title: '外链' },
        { id: 'c', url: 'https://ex.cn/c', title: 7 },
      ]),
    );
    expect(raw.items.map((i) => [i.guid, i.link, i.title])).toEqual([
      ['42', null, '数字地址'],
      ['43', 'https://ex.cn/ext', '外链'],
      ['c', 'https://ex.cn/c', null],
    ]);
    expect(raw.warnings).toEqual([]);
  });

  it('still accepts a numeric version with a list of items', () => {
    const text = JSON.stringify({ version: 1.1, items: [{ id: 1, title: 't' }] });
    expect(readJsonFeed(text).items).toHaveLength(1);
  });
});
