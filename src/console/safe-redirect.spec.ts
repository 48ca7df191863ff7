import { DEFAULT_LANDING, safeNextPath } from './safe-redirect';

describe('safeNextPath', () => {
  it.each(['/console/bureaus/44', '/console/incidents?status=open&page=2', '/'])(
    'keeps the local path %s',
    (p) => {
      expect(safeNextPath(p)).toBe(p);
    },
  );

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash trick', '/\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative path', 'console/bureaus'],
    ['header splitting', '/ok\r\nSet-Cookie: x=1'],
    ['tab', '/\t/evil.example'],
    ['empty', ''],
  ])('refuses %s', (_, p) => {
    expect(safeNextPath(p)).toBe(DEFAULT_LANDING);
  });

  it('refuses non-strings (a repeated query parameter arrives as an array)', () => {
    expect(safeNextPath(['/a', '/b'])).toBe(DEFAULT_LANDING);
    expect(safeNextPath(undefined, '/x')).toBe('/x');
  });
});
