import { DEFAULT_RANKING_SETTINGS, RankingInput, rankUnits } from './ranking';

const none = { late: 0, missed: 0, concealed: 0 };
function unit(code: string, over: Partial<RankingInput> = {}): RankingInput {
  return {
    code,
    name: `单位${code}`,
    incidents: 0,
    population: null,
    counties: 10,
    rates: [],
    failures: none,
    ...over,
  };
}

describe('rankUnits', () => {
  it('scores volume per county, timeliness as the mean of existing rates and failures by points', () => {
    const r = rankUnits([
      unit('A', {
        incidents: 10,
        counties: 10,
        rates: [1, 0.5, null],
        failures: { late: 1, missed: 0, concealed: 0 },
      }),
      unit('B', {
        incidents: 10,
        counties: 5,
        rates: [1, 1, 1],
        failures: { late: 0, missed: 1, concealed: 0 },
      }),
    ]);
    const [b, a] = [r.units.find((u) => u.code === 'B')!, r.units.find((u) => u.code === 'A')!];
    expect(r.sizeBasis).toBe('counties');
    // A: v = 1, B: v = 2 → A 50, B 0; failures A 1/10 = 0.1, B 2/5 = 0.4 → A 75, B 0
    expect(a.volumeScore).toBe(50);
    expect(a.timelinessScore).toBe(75);
    expect(a.failureScore).toBe(75);
    expect(a.score).toBe((40 * 50 + 40 * 75 + 20 * 75) / 100);
    expect(b.volumeScore).toBe(0);
    expect(b.timelinessScore).toBe(100);
    expect(b.failureScore).toBe(0);
    expect(b.score).toBe(40);
    expect(r.units.map((u) => [u.code, u.rank])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });

  it('gives a unit without incidents the best volume score and no timeliness score, from the other components', () => {
    const r = rankUnits([unit('A', { incidents: 4, rates: [0.5] }), unit('E')]);
    const e = r.units.find((u) => u.code === 'E')!;
    expect(e.volumeScore).toBe(100);
    expect(e.timelinessScore).toBeNull();
    expect(e.score).toBe(100); // (40·100 + 20·100) / 60
    expect(e.rank).toBe(1);
  });

  it('shares ranks between ties (1, 2, 2, 4) and orders a tie by code', () => {
    const r = rankUnits([
      unit('D', { incidents: 8 }),
      unit('C', { incidents: 4 }),
      unit('B', { incidents: 4 }),
      unit('A', { incidents: 0 }),
    ]);
    expect(r.units.map((u) => `${u.code}${u.rank}`)).toEqual(['A1', 'B2', 'C2', 'D4']);
  });

  it('flags the bottom N, the whole tie at the boundary, never a unit ranked first', () => {
    const s = { ...DEFAULT_RANKING_SETTINGS, bottomN: 2 };
    const r = rankUnits(
      [unit('A'), unit('B', { incidents: 1 }), unit('C', { incidents: 2 }), unit('D', { incidents: 2 })],
      null,
      s,
    );
    expect(r.units.filter((u) => u.flags.bottom).map((u) => u.code)).toEqual(['C', 'D']);
    const r2 = rankUnits(
      [unit('A'), unit('B', { incidents: 1 }), unit('C', { incidents: 1 }), unit('D', { incidents: 2 })],
      null,
      s,
    );
    expect(r2.units.filter((u) => u.flags.bottom).map((u) => u.code)).toEqual(['B', 'C', 'D']);
    const allTied = rankUnits([unit('A'), unit('B'), unit('C')], null, s);
    expect(allTied.units.every((u) => u.rank === 1 && !u.flags.bottom)).toBe(true);
  });

  it('flags a rise of more than X% on last month, exactly at the boundary not, from zero only above a minimum', () => {
    const prev = [
      unit('A', { incidents: 10 }),
      unit('B', { incidents: 10 }),
      unit('C'),
      unit('D'),
      unit('E', { incidents: 5 }),
    ];
    const cur = [
      unit('A', { incidents: 12 }), // +20%: not more than 20%
      unit('B', { incidents: 13 }), // +30%
      unit('C', { incidents: 2 }), // from 0, below the minimum 3
      unit('D', { incidents: 3 }), // from 0, at the minimum
      unit('E', { incidents: 1 }),
    ];
    const r = rankUnits(cur, prev);
    const by = new Map(r.units.map((u) => [u.code, u]));
    expect(by.get('A')!.flags.rise).toBe(false);
    expect(by.get('A')!.change).toBeCloseTo(0.2);
    expect(by.get('B')!.flags.rise).toBe(true);
    expect(by.get('C')!.flags.rise).toBe(false);
    expect(by.get('C')!.change).toBeNull();
    expect(by.get('D')!.flags.rise).toBe(true);
    expect(by.get('E')!.flags.rise).toBe(false);
    expect(by.get('E')!.change).toBeCloseTo(-0.8);
  });

  it('reports last month’s rank and the change (positive = moved up)', () => {
    const prev = [unit('A', { incidents: 5 }), unit('B', { incidents: 1 }), unit('C')];
    const cur = [unit('A'), unit('B', { incidents: 1 }), unit('C', { incidents: 5 })];
    const by = new Map(rankUnits(cur, prev).units.map((u) => [u.code, u]));
    expect([by.get('A')!.previousRank, by.get('A')!.rank, by.get('A')!.rankChange]).toEqual([3, 1, 2]);
    expect(by.get('C')!.rankChange).toBe(-2);
    expect(rankUnits(cur, null).units[0].rankChange).toBeNull();
  });

  it('uses population only when every peer has one', () => {
    const mixed = rankUnits([
      unit('A', { population: 1000, incidents: 1 }),
      unit('B', { incidents: 1, counties: 0 }),
    ]);
    expect(mixed.sizeBasis).toBe('counties');
    expect(mixed.units.find((u) => u.code === 'B')!.size).toBe(1);
    const all = rankUnits([
      unit('A', { population: 1000, incidents: 1 }),
      unit('B', { population: 4000, incidents: 2 }),
    ]);
    expect(all.sizeBasis).toBe('population');
    expect(all.units[0].code).toBe('B'); // 2/4000 < 1/1000
  });

  it('honours configured weights', () => {
    const s = { ...DEFAULT_RANKING_SETTINGS, weights: { volume: 0, timeliness: 1, failures: 0 } };
    const r = rankUnits(
      [unit('A', { incidents: 100, rates: [1] }), unit('B', { incidents: 1, rates: [0.5] })],
      null,
      s,
    );
    expect(r.units.map((u) => [u.code, u.score])).toEqual([
      ['A', 100],
      ['B', 50],
    ]);
  });
});
