import { parseShanghaiLocal, toShanghaiLocalInput } from './local-time';

describe('Shanghai local times in forms', () => {
  it('parses both separators and round-trips', () => {
    expect(parseShanghaiLocal('2026-11-02T10:30')).toEqual(new Date('2026-11-02T02:30:00Z'));
    expect(parseShanghaiLocal('2026-11-02 10:30:15')).toEqual(new Date('2026-11-02T02:30:15Z'));
    expect(toShanghaiLocalInput(new Date('2026-11-02T17:05:00Z'))).toBe('2026-11-03T01:05');
  });
  it.each(['', '2026-11-02', '2026-02-30T10:00', '2026-11-02T24:00', 'tomorrow'])('rejects %j', (v) => {
    expect(parseShanghaiLocal(v)).toBeNull();
  });
});
