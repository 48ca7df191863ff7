import {
  isCalendarDateOrNotADate,
  isMonthOrNotAMonth,
  jsonTextTooDeep,
  queryPairs,
  scanJson,
} from './input-scan';
import { hasRealUtcOffset, isRealDateTime } from './real-date-time';

describe('input scans (issue 12 point 8)', () => {
  it('names the first string or key holding NUL by its path', () => {
    expect(scanJson({ a: 'ok', items: [{ title: 'x' }, { title: 'y\u0000' }] }).nulAt).toBe('items[1].title');
    expect(scanJson({ ['k\u0000']: 1 }).nulAt).toBe('k\u0000');
    expect(scanJson('\u0000').nulAt).toBe('body');
    expect(scanJson({ a: ['fine'] })).toEqual({ nulAt: null, tooDeep: false });
  });

  it('measures depth without recursion, so 100,000 levels neither overflow nor pass', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(scanJson(deep).tooDeep).toBe(true);
    let ok: unknown = 1;
    for (let i = 0; i < 32; i++) ok = { a: ok };
    expect(scanJson(ok).tooDeep).toBe(false);
    expect(scanJson({ a: ok }).tooDeep).toBe(true);
  });

  it('decodes query pairs and marks a broken escape instead of throwing', () => {
    expect(queryPairs('q=%E7%A8%8E+a&x&from=')).toEqual([
      { name: 'q', value: '税 a' },
      { name: 'x', value: '' },
      { name: 'from', value: '' },
    ]);
    expect(queryPairs('q=%E4%B')).toEqual([{ name: 'q', value: null }]);
  });

  it('tells impossible dates and months from real ones, leaving non-dates to the route', () => {
    for (const bad of [
      '2026-13-01',
      '2026-02-29',
      '2026-04-31',
      '2026-11-01T24:00',
      '2026-11-01T10:60',
      '2026-00-10',
    ]) {
      expect(isCalendarDateOrNotADate(bad)).toBe(false);
    }
    for (const ok of ['2028-02-29', '2026-11-01T23:59:59.999+08:00', '2026-12-31', 'yesterday', '']) {
      expect(isCalendarDateOrNotADate(ok)).toBe(true);
    }
    expect(isMonthOrNotAMonth('2026-13')).toBe(false);
    expect(isMonthOrNotAMonth('2026-12')).toBe(true);
  });

  it('measures the depth of JSON text in one pass, ignoring brackets inside strings', () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(jsonTextTooDeep(nested(32))).toBe(false);
    expect(jsonTextTooDeep(nested(33))).toBe(true);
    expect(jsonTextTooDeep(nested(2_000_000))).toBe(true);
    expect(jsonTextTooDeep(JSON.stringify({ t: '['.repeat(100) + '\\"{'.repeat(50) }))).toBe(false);
    expect(jsonTextTooDeep(`{"a":"\\\\",${'['.repeat(40)}`)).toBe(true); // an escaped backslash ends no string
  });

  it('accepts only UTC offsets that exist: at most ±14:00, minutes below 60', () => {
    for (const ok of [
      '2026-11-01T10:00:00+14:00',
      '2026-11-01T10:00-12:00',
      '2026-11-01 10:00+0545',
      '2026-11-01T10:00Z',
      '2026-11-01',
    ]) {
      expect([ok, hasRealUtcOffset(ok), isRealDateTime(ok)]).toEqual([ok, true, true]);
    }
    for (const bad of [
      '2026-11-01T10:00:00+99:99',
      '2026-11-01T10:00:00-23:59',
      '2026-11-01T10:00:00+14:01',
      '2026-11-01T10:00+0860',
      '2026-11-01T10:00+16',
    ]) {
      expect([bad, hasRealUtcOffset(bad), isRealDateTime(bad), isCalendarDateOrNotADate(bad)]).toEqual([
        bad,
        false,
        false,
        false,
      ]);
    }
    expect(isRealDateTime('2026-W01')).toBe(false);
    expect(isRealDateTime('2026-02-30')).toBe(false);
  });
});
