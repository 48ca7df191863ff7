import { checkPushItem, readEnvelope } from './push-items';

const NOW = new Date('2026-11-02T12:00:00Z');

describe('push envelope', () => {
  it('accepts {sourceId?, items} and nothing else', () => {
    expect(readEnvelope({ items: [] })).toEqual({ sourceId: null, items: [] });
    expect(readEnvelope({ sourceId: 12, items: [1] })).toEqual({ sourceId: '12', items: [1] });
    expect(readEnvelope([])).toHaveProperty('problem');
    expect(readEnvelope({ items: {} })).toHaveProperty('problem');
    expect(readEnvelope({ items: [], extra: 1 })).toEqual({ problem: '未知字段: extra' });
    expect(readEnvelope({ sourceId: 'abc', items: [] })).toHaveProperty('problem');
  });
});

describe('push items', () => {
  it('normalises a good item and keys it by id', () => {
    const r = checkPushItem(
      {
        id: 7,
        title: ' <b>标题</b> ',
        html: '<p>正文&amp;内容</p>',
        url: 'HTTPS://Example.com/a#top',
        author: 'a@b.c (王五)',
        publishedAt: '2026-11-02T08:00:00+08:00',
      },
      0,
      NOW,
    );
    expect(r.errors).toEqual([]);
    expect(r.item).toEqual({
      key: 'p:7',
      guid: '7',
      title: '标题',
      text: '正文&内容',
      url: 'https://example.com/a',
      author: '王五',
      publishedAt: new Date('2026-11-02T00:00:00Z'),
      language: 'zh',
    });
  });

  it('lists every problem of a bad item', () => {
    const r = checkPushItem(
      {
        id: '',
        title: 5,
        text: 'x',
        html: 'y',
        url: 'javascript:alert(1)',
        publishedAt: '2026-11-02',
        extra: true,
      },
      3,
      NOW,
    );
    expect(r.item).toBeNull();
    expect(r.errors.map((e) => e.field).sort()).toEqual([
      'extra',
      'html',
      'id',
      'publishedAt',
      'title',
      'url',
    ]);
  });

  it('refuses missing titles, empty content, future dates and control characters in ids', () => {
    expect(checkPushItem({ id: 'a', text: 'x' }, 0, NOW).errors.map((e) => e.field)).toEqual(['title']);
    expect(checkPushItem({ id: 'a', title: ' ', text: ' ' }, 0, NOW).errors.map((e) => e.field)).toEqual([
      'text',
    ]);
    expect(
      checkPushItem({ id: 'a', title: 't', publishedAt: '2026-11-05T00:00:00Z' }, 0, NOW).errors.map(
        (e) => e.field,
      ),
    ).toEqual(['publishedAt']);
    expect(checkPushItem({ id: 'a\nb', title: 't' }, 0, NOW).errors.map((e) => e.field)).toEqual(['id']);
    expect(checkPushItem('x', 0, NOW).errors).toEqual([{ field: 'item', message: '每一条必须是 JSON 对象' }]);
  });

  describe("publishedAt: the feeds' calendar rule (dates.ts), a zone, at most a day ahead of the clock", () => {
    const check = (publishedAt: unknown) => checkPushItem({ id: 'a', title: 't', publishedAt }, 0, NOW);

    it.each([
      '0001-01-01T00:00:00Z', // year 1: out of every monthly bulletin
      '1899-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z', // the epoch: "no date" printed as a date
      '2026-02-30T10:00:00+08:00', // new Date() silently makes it 2 March
      '2025-02-29T10:00:00+08:00',
      '2026-13-01T00:00:00Z',
      '2026-11-00T00:00:00Z',
      '2026-11-02T25:00:00+08:00',
      '2026-11-02T08:60:00+08:00',
      '2026-11-02T08:00:00+25:00',
      '2026-11-02T08:00:00',
      '2026-11-02',
      1730505600,
    ])('rejects %j naming the field, and keeps the rest of the item valid', (value) => {
      const r = check(value);
      expect(r.item).toBeNull();
      expect(r.errors).toEqual([{ field: 'publishedAt', message: expect.stringContaining('ISO 8601') }]);
    });

    it('says what is wrong with the epoch (a generator\'s "no date"), not that it is outside 1900–2200', () => {
      for (const epoch of ['1970-01-01T00:00:00Z', '1970-01-01T08:00:00+08:00']) {
        const [e] = check(epoch).errors;
        expect(e.message).toContain('Unix 纪元零点');
        expect(e.message).not.toContain('1900');
      }
      expect(check('1899-12-31T23:59:59Z').errors[0].message).toContain('1900–2200');
      expect(check('2026-11-02T08:00:00+14:30').errors[0].message).toContain('±14:00');
    });

    it.each([
      ['2026-11-02T08:00:00+08:00', '2026-11-02T00:00:00.000Z'],
      ['2026-11-02T08:00Z', '2026-11-02T08:00:00.000Z'],
      ['2024-02-29T10:00:00+0800', '2024-02-29T02:00:00.000Z'],
      ['2026-11-02T08:00:00.123456789-05:00', '2026-11-02T13:00:00.123Z'],
      ['2026-11-03T11:59:59Z', '2026-11-03T11:59:59.000Z'], // within a day of NOW: clocks differ
    ])('accepts %j as %s', (value, iso) => {
      expect(check(value).item?.publishedAt?.toISOString()).toBe(iso);
    });

    it('refuses a date more than a day after the injected now, whatever today is', () => {
      expect(check('2026-11-03T12:00:01Z').errors).toEqual([
        { field: 'publishedAt', message: '发布时间不能晚于当前时间' },
      ]);
      const later = new Date('2027-06-01T00:00:00Z');
      expect(
        checkPushItem({ id: 'a', title: 't', publishedAt: '2026-11-03T12:00:01Z' }, 0, later).errors,
      ).toEqual([]);
    });
  });
});
