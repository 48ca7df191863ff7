import { endOfBeijingDay } from './tokens-pages.controller';

describe('endOfBeijingDay (token expiry from a date field)', () => {
  it('is the end of that day in Beijing time (UTC+8), whatever the server’s zone', () => {
    expect(endOfBeijingDay('2026-12-31')!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('is undefined for an empty field and a 400 naming the field for anything else', () => {
    expect(endOfBeijingDay('')).toBeUndefined();
    for (const bad of ['2026-13-01', '31/12/2026', '2026-12-31T00:00']) {
      expect(() => endOfBeijingDay(bad)).toThrow(
        expect.objectContaining({
          kind: 'invalid',
          code: 'TOKEN_BAD_EXPIRY',
          details: { field: 'expiresOn' },
        }),
      );
    }
  });
});
