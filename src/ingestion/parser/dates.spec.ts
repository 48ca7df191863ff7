import { parseFeedDate, parseIsoWithZone, parseZone } from './dates';

const iso = (raw: string) => parseFeedDate(raw)?.toISOString() ?? null;

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 1123 and relatives
    ['Mon, 02 Nov 2026 08:00:00 +0800', '2026-11-02T00:00:00.000Z'],
    ['Mon, 2 Nov 2026 08:00:00 GMT', '2026-11-02T08:00:00.000Z'],
    ['Mon, 02 Nov 2026 08:00 +08:00', '2026-11-02T00:00:00.000Z'],
    ['Mon, 02 Nov 2026 08:00:00 GMT+8', '2026-11-02T00:00:00.000Z'],
    ['Mon, 02 Nov 2026 08:00:00 GMT +0800', '2026-11-02T00:00:00.000Z'],
    ['Mon, 02 Nov 2026 08:00:00 CST', '2026-11-02T00:00:00.000Z'], // China Standard Time, not US Central
    ['Mon, 02 Nov 2026 08:00:00 北京时间', '2026-11-02T00:00:00.000Z'],
    ['02 Nov 26 08:00 EDT', '2026-11-02T12:00:00.000Z'],
    ['Mon, 02 Nov 2026 08:00:00', '2026-11-02T00:00:00.000Z'], // no zone → Shanghai
    ['Mon Nov 02 08:00:00 CST 2026', '2026-11-02T00:00:00.000Z'], // Java Date.toString()
    ['Mon Nov 02 2026 08:00:00 GMT+0800 (China Standard Time)', '2026-11-02T00:00:00.000Z'], // JS
    ['November 2, 2026 8:00 PM', '2026-11-02T12:00:00.000Z'],
    ['  Wed, 03 Jan 2018 13:47:00 GMT\r\n      ', '2018-01-03T13:47:00.000Z'],
    // ISO 8601 and SQL-like
    ['2026-11-02T08:00:00Z', '2026-11-02T08:00:00.000Z'],
    ['2026-11-02T08:00:00.52+08:00', '2026-11-02T00:00:00.520Z'],
    ['2026-11-02T08:00:00+0800', '2026-11-02T00:00:00.000Z'],
    ['20261102T080000Z', '2026-11-02T08:00:00.000Z'],
    ['2026-11-02 08:00:00', '2026-11-02T00:00:00.000Z'],
    ['2026-11-02', '2026-11-01T16:00:00.000Z'],
    ['2026/11/2 8:00', '2026-11-02T00:00:00.000Z'],
    ['2026-11-02 08:00:00 +0000', '2026-11-02T08:00:00.000Z'],
    // Chinese
    ['2026年11月2日 08:00', '2026-11-02T00:00:00.000Z'],
    ['2026年11月2日08时30分', '2026-11-02T00:30:00.000Z'],
    ['2026年11月2日 下午3:05', '2026-11-02T07:05:00.000Z'],
    ['2026年11月2日 星期一 08:00:15', '2026-11-02T00:00:15.000Z'],
    ['2026 年 11 月 2 日', '2026-11-01T16:00:00.000Z'],
  ])('%j → %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    'garbage',
    '',
    '   ',
    '昨天 10:00',
    '3 分钟前',
    '2026-13-01',
    '2026-02-30 10:00:00',
    'Feb 30 2026',
    'Mon, 02 Nov 2026 25:00:00 GMT',
    'Mon, 02 Nov 2026 08:00:00 XYZT',
    '0000-00-00 00:00:00',
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z', // the epoch: a generator's "no date"
    'Thu, 01 Jan 1970 00:00:00 GMT',
  ])('%j → null', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });

  it('returns null for non-strings (xml2js objects, numbers)', () => {
    expect(parseFeedDate({ _: 'x' })).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
    expect(parseFeedDate(1730505600)).toBeNull();
  });
});

describe('parseZone', () => {
  it.each([
    ['+0800', 480],
    ['-05:00', -300],
    ['GMT+8', 480],
    ['UTC-3', -180],
    ['Z', 0],
    ['PDT', -420],
    ['+1500', undefined],
    ['nonsense', undefined],
  ])('%s → %s', (tok, minutes) => {
    expect(parseZone(tok)).toBe(minutes);
  });
});

describe('parseIsoWithZone (pushed items): ISO 8601 with an offset, by the same calendar rule as feeds', () => {
  it.each([
    ['2026-11-02T09:30:00+08:00', '2026-11-02T01:30:00.000Z'],
    ['2026-11-02T09:30Z', '2026-11-02T09:30:00.000Z'],
    ['2026-11-02T09:30:00.5-0300', '2026-11-02T12:30:00.500Z'],
    ['2026-11-02T24:00:00Z', '2026-11-03T00:00:00.000Z'],
  ])('%j → %s', (raw, expected) => {
    expect(parseIsoWithZone(raw)?.toISOString()).toBe(expected);
  });

  it.each([
    '2026-02-30T10:00:00+08:00',
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '2026-11-02T09:30:00', // no zone
    '2026-11-02 09:30:00+08:00', // not ISO
    '2026-11-02T09:30:00+15:00',
    '2026-11-02T09:30:00+08:60',
    'Mon, 02 Nov 2026 08:00:00 +0800',
  ])('%j → null', (raw) => {
    expect(parseIsoWithZone(raw)).toBeNull();
  });
});
