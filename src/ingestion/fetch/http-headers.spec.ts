import { header, parseMaxAge, parseRetryAfter } from './http-headers';

describe('HTTP header helpers', () => {
  const now = Date.parse('2026-11-02T08:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date against the response Date header', () => {
    expect(parseRetryAfter('120', null, now)).toBe(120);
    expect(parseRetryAfter(' 0 ', null, now)).toBe(0);
    expect(parseRetryAfter('Mon, 02 Nov 2026 08:02:00 GMT', null, now)).toBe(120);
    // The server's clock says 07:00, so "08:00" is an hour away whatever our clock says.
    expect(parseRetryAfter('Mon, 02 Nov 2026 08:00:00 GMT', 'Mon, 02 Nov 2026 07:00:00 GMT', now)).toBe(3600);
    expect(parseRetryAfter('Mon, 02 Nov 2026 07:00:00 GMT', null, now)).toBe(0);
  });

  it('caps Retry-After at a day and ignores garbage', () => {
    expect(parseRetryAfter('9999999', null, now)).toBe(86400);
    expect(parseRetryAfter('soon', null, now)).toBeNull();
    expect(parseRetryAfter('-5', null, now)).toBeNull();
    expect(parseRetryAfter(null, null, now)).toBeNull();
  });

  it.each([
    ['max-age=300', 300],
    ['public, max-age=600, must-revalidate', 600],
    ['max-age=60, s-maxage=900', 900],
    ['s-maxage=900, max-age=60', 900],
    ['MAX-AGE="120"', 120],
    ['no-cache', null],
    [null, null],
  ])('parseMaxAge(%j) = %j', (value, expected) => {
    expect(parseMaxAge(value)).toBe(expected);
  });

  it('takes the first of repeated headers and treats empty as absent', () => {
    expect(header({ etag: '"a"' }, 'ETag')).toBe('"a"');
    expect(header({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a');
    expect(header({ etag: '' }, 'etag')).toBeNull();
    expect(header({}, 'etag')).toBeNull();
  });
});
