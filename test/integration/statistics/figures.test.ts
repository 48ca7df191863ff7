import { DataSource } from 'typeorm';
import { validateEnv } from '../../../src/infrastructure/config/validate-env';
import { StatisticsConfig } from '../../../src/statistics/statistics.config';
import { StatisticsFiguresRepository } from '../../../src/statistics/figures/statistics-figures.repository';
import { StatisticsFiguresService } from '../../../src/statistics/figures/statistics-figures.service';
import { MonthlySnapshot, UnitFigures } from '../../../src/statistics/statistics.types';
import { createTestDataSource } from '../../support/database';
import { seedMonth } from './seed-month';

/**
 * Every figure of the hand-made month in seed-month.ts against values worked out by hand (the arithmetic is written
 * out in each expectation). percentile_cont interpolates: p90 of n sorted values is at position 0.9·(n−1).
 */
describe('monthly figures (real PostgreSQL, seeded month)', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let service: StatisticsFiguresService;
  const asOf = new Date('2026-11-02T01:00:00Z'); // 09:00 on Monday 2 November in Shanghai
  let gd: MonthlySnapshot;
  let hq: MonthlySnapshot;

  beforeAll(async () => {
    ({ ds, close } = await createTestDataSource());
    await seedMonth(ds);
    service = new StatisticsFiguresService(
      ds,
      new StatisticsFiguresRepository(ds),
      validateEnv(StatisticsConfig, {}),
    );
    [gd, hq] = await Promise.all([
      service.compute('2026-10', '44', asOf),
      service.compute('2026-10', '00', asOf),
    ]);
  });
  afterAll(() => close?.());

  /** Durations are reported in minutes to one decimal. */
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const unit = (s: MonthlySnapshot, code: string): UnitFigures => s.units.find((u) => u.code === code)!;
  const rank = (s: MonthlySnapshot, code: string) => s.ranking.units.find((u) => u.code === code)!;

  it('counts Guangdong’s October: detected, negative opinion, grades, categories, dismissals', () => {
    const t = gd.total;
    // G1 G2 G3 G4 G5 G6 S1 S2 S3 F1 M1 P1; not G7 (November), G8/G10 (September), G9 (merged into G1)
    expect(t.detected).toBe(12);
    expect(t.incidents).toBe(10); // minus G4 (误报) and G5 (重复)
    expect(t.dismissed).toBe(2);
    expect(t.falsePositives).toBe(1);
    expect(t.falsePositiveRate).toBeCloseTo(1 / 12, 10);
    expect(t.byGrade).toEqual({ I: 0, II: 1, III: 2, IV: 7 });
    expect(t.byCategory).toEqual({
      执法争议: 1,
      服务态度与效率: 1,
      系统故障: 1,
      政策争议: 2,
      收费与负担: 1,
      廉政问题: 1,
      涉税诈骗: 1,
      其他: 2, // M1, and G6 which has no category
    });
    expect(t.heat).toEqual({ total: 10 + 5 + 30 + 2 + 1 + 1 + 1 + 4 + 4 + 20, max: 30 });
  });

  it('compares with the previous month and the same month last year', () => {
    expect(gd.total.previousMonth).toBe(2); // G8 (2026-09-30T15:59:59Z), G10
    expect(gd.total.changeVsPreviousMonth).toBeCloseTo((10 - 2) / 2, 10);
    expect(gd.total.sameMonthLastYear).toBe(5); // L1–L5
    expect(gd.total.changeVsLastYear).toBeCloseTo((10 - 5) / 5, 10);
    const gz = unit(gd, '4401');
    expect([gz.previousMonth, gz.sameMonthLastYear]).toEqual([2, 2]);
    expect(gz.changeVsLastYear).toBeCloseTo(1, 10);
    const mm = unit(gd, '4409');
    expect([mm.previousMonth, mm.changeVsPreviousMonth, mm.sameMonthLastYear, mm.changeVsLastYear]).toEqual([
      0,
      null,
      0,
      null,
    ]);
    expect(gd.trend).toHaveLength(13);
    expect(gd.trend[0]).toEqual({ month: '2025-10', incidents: 5 });
    expect(gd.trend.slice(-2)).toEqual([
      { month: '2026-09', incidents: 2 },
      { month: '2026-10', incidents: 10 },
    ]);
    expect(gd.trend.slice(1, 11).every((p) => p.incidents === 0)).toBe(true);
  });

  it('computes on-time rates over the clocks due in the month', () => {
    // acknowledge: G1 on time, G2 late, G3 on time, G8's (due at the first instant of October) on time, S1 past due
    // and still running → late, P1 on time; G4's cancelled and G6's (due in November) left out
    expect(gd.total.onTime.acknowledge).toEqual({ judged: 6, onTime: 4, rate: 4 / 6 });
    expect(gd.total.onTime.firstReport).toEqual({ judged: 2, onTime: 2, rate: 1 });
    // G1 met a day late, G3 missed
    expect(gd.total.onTime.response).toEqual({ judged: 2, onTime: 0, rate: 0 });
    const gz = unit(gd, '4401'); // G1, G2 (天河), G3 (越秀), G8's clock
    expect(gz.onTime.acknowledge).toEqual({ judged: 4, onTime: 3, rate: 0.75 });
    // no clock at all: "—", not 0% and not 100%
    expect(unit(gd, '4406').onTime.acknowledge).toEqual({ judged: 0, onTime: 0, rate: null });
  });

  it('computes median and p90 durations with percentile_cont', () => {
    // acknowledged: G3 10, G1 30, P1 45, G2 60, G6 541 (in November, but G6 was detected in October)
    expect(gd.total.timeToAcknowledge).toEqual({
      n: 5,
      medianMinutes: 45,
      p90Minutes: r1(60 + 0.6 * (541 - 60)),
    });
    // reported: G3 20, G1 90, P1 100
    expect(gd.total.timeToReport).toEqual({ n: 3, medianMinutes: 90, p90Minutes: r1(90 + 0.8 * 10) });
    // closed: G1 2880, G6 3241; G3 was reopened and is not closed again
    expect(gd.total.timeToClose).toEqual({
      n: 2,
      medianMinutes: (2880 + 3241) / 2,
      p90Minutes: r1(2880 + 0.9 * 361),
    });
    const gz = unit(gd, '4401'); // acknowledged 10, 30, 60, 541
    expect(gz.timeToAcknowledge).toEqual({ n: 4, medianMinutes: 45, p90Minutes: r1(60 + 0.7 * 481) });
    expect(unit(gd, '4406').timeToAcknowledge).toEqual({ n: 0, medianMinutes: null, p90Minutes: null });
  });

  it('counts 迟报/漏报/瞒报 by the month they were found, for the unit at fault', () => {
    // late G1 (4401), missed G2 (天河 → 4401), concealed S2 (4402); S1's concealment was found at 00:00 on 1 November
    expect(gd.total.findings).toEqual({ late: 1, missed: 1, concealed: 1, total: 3 });
    expect(unit(gd, '4401').findings).toEqual({ late: 1, missed: 1, concealed: 0, total: 2 });
    expect(unit(gd, '4402').findings).toEqual({ late: 0, missed: 0, concealed: 1, total: 1 });
  });

  it('rolls county figures up to their city and keeps the provincial bureau’s own incidents apart (本级)', () => {
    const gz = unit(gd, '4401');
    expect([gz.detected, gz.incidents, gz.dismissed, gz.falsePositives]).toEqual([6, 4, 2, 1]);
    expect(gz.byGrade).toEqual({ I: 0, II: 1, III: 1, IV: 2 });
    expect(unit(gd, '4402').incidents).toBe(3); // S3 is at 武江区 (440203)
    expect(gd.direct).not.toBeNull();
    expect(gd.direct!.incidents).toBe(1); // P1
    expect(gd.direct!.onTime.acknowledge.rate).toBe(1);
    expect(gd.units).toHaveLength(20);
    expect(gd.units.every((u) => u.code.startsWith('44') && u.code.length === 4)).toBe(true);
    const empty = unit(gd, '4419');
    expect([empty.incidents, empty.falsePositiveRate, empty.heat.max, empty.onTime.response.rate]).toEqual([
      0,
      null,
      null,
      null,
    ]);
  });

  it('puts an incident detected at 2026-10-31T16:30Z into November, and judges clocks only once due', async () => {
    const nov = await service.compute('2026-11', '44', asOf);
    expect(nov.total.incidents).toBe(1); // G7
    expect(nov.total.findings.concealed).toBe(1); // S1's
    // G6's acknowledgement clock is due 2026-11-02T09:30Z: still running at 09:00 Shanghai, not judged yet…
    expect(nov.total.onTime.acknowledge).toEqual({ judged: 0, onTime: 0, rate: null });
    // …and late once its deadline passed without acknowledgement
    const later = await service.compute('2026-11', '44', new Date('2026-11-03T00:00:00Z'));
    expect(later.total.onTime.acknowledge).toEqual({ judged: 1, onTime: 0, rate: 0 });
  });

  it('ranks Guangdong’s cities: ties, units without incidents, rank change and both flags', () => {
    const r = gd.ranking;
    expect(r.sizeBasis).toBe('counties');
    expect(r.units).toHaveLength(20);
    // 16 cities without incidents: best volume score, no timeliness score ("—"), all ranked 1st
    const zero = r.units.filter((u) => u.incidents === 0);
    expect(zero).toHaveLength(16);
    expect(
      zero.every(
        (u) => u.rank === 1 && u.score === 100 && u.volumeScore === 100 && u.timelinessScore === null,
      ),
    ).toBe(true);
    // v_max = 4 incidents / 11 counties (Guangzhou); f_max = 3 points / 10 counties (Shaoguan: one 瞒报)
    const fs = rank(gd, '4406');
    const mm = rank(gd, '4409');
    expect(fs.volumeScore).toBe(45); // 100·(1 − (1/5)/(4/11))
    expect(fs.score).toBe(63.33); // (40·45 + 20·100) / 60, no clocks
    expect([fs.rank, mm.rank, mm.score]).toEqual([17, 17, 63.33]); // a tie shares the rank…
    expect(r.units.indexOf(fs)).toBeLessThan(r.units.indexOf(mm)); // …and is shown in code order
    const gz = rank(gd, '4401');
    expect(gz.volumeScore).toBe(0);
    expect(gz.timelinessScore).toBe(58.33); // mean(3/4, 2/2, 0/2)
    expect(gz.failureScore).toBe(9.09); // 100·(1 − (3/11)/(3/10)): 迟报 1 + 漏报 2 points
    expect(gz.score).toBe(25.15); // (40·0 + 40·58.333 + 20·9.091) / 100
    expect(gz.rank).toBe(19);
    const sg = rank(gd, '4402');
    expect([sg.volumeScore, sg.timelinessScore, sg.failureScore, sg.score, sg.rank]).toEqual([
      17.5, 0, 0, 7, 20,
    ]);
    // September: only Guangzhou had incidents (and a 迟报), so it was last (20th) and everyone else 1st
    expect([gz.previousRank, gz.rankChange]).toEqual([20, 1]);
    expect([sg.previousRank, sg.rankChange]).toEqual([1, -19]);
    // bottom 3: Shaoguan, Guangzhou, and the tie at the boundary (Foshan and Maoming) — all flagged
    expect(r.units.filter((u) => u.flags.bottom).map((u) => u.code)).toEqual([
      '4406',
      '4409',
      '4401',
      '4402',
    ]);
    // rise > 20%: Guangzhou 2 → 4; Shaoguan 0 → 3 (from zero, at the minimum of 3); Foshan 0 → 1 is not
    expect(r.units.filter((u) => u.flags.rise).map((u) => u.code)).toEqual(['4401', '4402']);
    expect(gz.change).toBe(1);
    expect(sg.change).toBeNull();
  });

  it('ranks the 36 provincial-level bureaus nationally, with the unassigned incident only in the national total', () => {
    expect(hq.total.detected).toBe(14); // Guangdong 12, Shenzhen Z1, unassigned U1
    expect(hq.total.incidents).toBe(12);
    expect(hq.direct!.incidents).toBe(1); // U1
    expect(hq.units).toHaveLength(36);
    expect(hq.ranking.units).toHaveLength(36);
    expect(unit(hq, '4403').incidents).toBe(1);
    expect(unit(hq, '44').incidents).toBe(10); // Shenzhen is not part of Guangdong
    expect(unit(hq, '44').onTime.acknowledge.rate).toBeCloseTo(4 / 6, 10);
    expect(unit(hq, '4403').onTime.firstReport).toEqual({ judged: 1, onTime: 0, rate: 0 });
    // Guangdong: 10 incidents / 113 counties; Shenzhen 1 / 9 = v_max. Failures: Guangdong 1+2+3 = 6 points / 113,
    // Shenzhen one 迟报 1/9 = f_max.
    const gdr = rank(hq, '44');
    const sz = rank(hq, '4403');
    expect(gdr.size).toBe(113);
    expect(sz.size).toBe(9);
    expect(gdr.volumeScore).toBe(Math.round(((100 * 23) / 113) * 100) / 100);
    expect(gdr.timelinessScore).toBe(55.56); // mean(4/6, 2/2, 0/2)
    expect(gdr.failureScore).toBe(Math.round(((100 * 59) / 113) * 100) / 100);
    const expected =
      (40 * ((100 * 23) / 113) + 40 * ((100 * (4 / 6 + 1 + 0)) / 3) + 20 * ((100 * 59) / 113)) / 100;
    expect(gdr.score).toBe(Math.round(expected * 100) / 100);
    expect(sz.score).toBe(26.67); // (40·0 + 40·mean(1, 0, 1) + 20·0) / 100
    expect([gdr.rank, sz.rank]).toEqual([35, 36]);
    expect(rank(hq, '11')).toMatchObject({ rank: 1, previousRank: 36, rankChange: 35, incidents: 0 });
    expect(hq.ranking.units.filter((u) => u.flags.bottom).map((u) => u.code)).toEqual(['44', '4403']);
    expect(hq.ranking.units.filter((u) => u.flags.rise).map((u) => u.code)).toEqual(['44']);
  });

  it('refuses an unknown scope', async () => {
    await expect(service.compute('2026-10', '9999', asOf)).rejects.toMatchObject({
      code: 'STATISTICS_SCOPE_NOT_FOUND',
    });
  });
});
