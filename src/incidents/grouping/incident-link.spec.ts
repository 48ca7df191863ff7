import { normalizeLink } from './incident-link';

describe('normalizeLink', () => {
  it('treats decorated copies of one URL as the same link', () => {
    const a = normalizeLink(
      'https://www.example.com/news/2026/1102/abc.html?utm_source=wx&id=7&from=timeline#top',
    );
    expect(a).toBe('example.com/news/2026/1102/abc.html?id=7');
    expect(normalizeLink('http://example.com:80/news/2026/1102/abc.html?id=7&spm=a.b')).toBe(a);
    expect(normalizeLink('https://m.example.com/news/2026/1102/abc.html?id=7')).toBe(a);
  });

  it('sorts parameters and drops index pages and trailing slashes', () => {
    expect(normalizeLink('https://Example.COM/a/?b=2&a=1')).toBe('example.com/a?a=1&b=2');
    expect(normalizeLink('https://example.com/a/index.html')).toBe('example.com/a');
  });

  it('keeps different articles apart and rejects non-web links', () => {
    expect(normalizeLink('https://example.com/a?id=1')).not.toBe(normalizeLink('https://example.com/a?id=2'));
    expect(normalizeLink('ftp://example.com/x')).toBeNull();
    expect(normalizeLink('not a url')).toBeNull();
    expect(normalizeLink(null)).toBeNull();
  });
});
