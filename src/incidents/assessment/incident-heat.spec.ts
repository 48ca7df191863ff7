import { heatAt, heatNow, heatRank } from './incident-heat';

const H = 24;
const at = (iso: string) => new Date(iso);

describe('heat', () => {
  it('weights tiers, decays with age and adds spread terms', () => {
    const last = at('2026-11-02T10:30:00Z');
    const fresh = heatAt(
      {
        buckets: [{ tier: 'central', hour: at('2026-11-02T10:00:00Z'), count: 1 }],
        distinctSources: 1,
        centralSources: 1,
        lastSeenAt: last,
      },
      H,
    );
    expect(fresh).toBeCloseTo(10 + 2 + 5);
    const old = heatAt(
      {
        buckets: [
          { tier: 'social', hour: at('2026-11-01T10:00:00Z'), count: 4 }, // one half-life before the last item
          { tier: 'social', hour: at('2026-11-02T10:00:00Z'), count: 1 },
        ],
        distinctSources: 2,
        centralSources: 0,
        lastSeenAt: last,
      },
      H,
    );
    expect(old).toBeCloseTo(4 * 0.5 + 1 + 4);
  });

  it('ranks by a key whose order matches heat at any later time', () => {
    const a = { heat: 100, last: at('2026-11-01T00:00:00Z') };
    const b = { heat: 30, last: at('2026-11-02T12:00:00Z') };
    for (const now of [at('2026-11-02T12:00:00Z'), at('2026-11-05T00:00:00Z')]) {
      const hotter = heatNow(a.heat, a.last, now, H) > heatNow(b.heat, b.last, now, H);
      expect(heatRank(a.heat, a.last, H) > heatRank(b.heat, b.last, H)).toBe(hotter);
    }
    expect(heatNow(80, at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z'), H)).toBeCloseTo(20);
  });
});
