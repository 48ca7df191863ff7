/**
 * `npm run bench -- statistics`: one year of national data — 1,000,000 incidents (2025-11 … 2026-10) spread over every
 * bureau, their escalation clocks (~1.9 M) and reporting findings (~50 k), generated in bulk with generate_series —
 * then the monthly figures of 2026-10 for the whole country (HQ and its 36 provincial-level units, ranking, 13-month
 * trend, previous month and same month last year) and for one province (Guangdong, 20 cities).
 * Prints the median of 5 runs after one warm-up run: {"bench":"statistics","incidents":1000000,…}.
 * `--incidents N` for a smaller run.
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { StatisticsConfig } from '../../src/statistics/statistics.config';
import { StatisticsFiguresRepository } from '../../src/statistics/figures/statistics-figures.repository';
import { StatisticsFiguresService } from '../../src/statistics/figures/statistics-figures.service';
import { benchDatabase } from './bench-support';

const log = (msg: string) => process.stderr.write(`[statistics bench] ${msg}\n`);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  log(`${label}: ${Math.round(performance.now() - t0)} ms`);
  return r;
}

/** Incidents over [2025-10-31T16:00Z, +365 days): every bureau below HQ, grades and statuses in realistic shares. */
export async function generate(ds: DataSource, n: number): Promise<void> {
  await timed(`${n} incidents`, () =>
    ds.query(
      `WITH b AS (SELECT array_agg(code ORDER BY code) AS codes FROM bureaus WHERE level <> 'national')
       INSERT INTO incidents (bureau_code, category, grade, status, title, first_seen_at, last_seen_at, detected_at, heat,
                              confirmed_at, acknowledged_at, reported_at, closed_at, dismissed_at, dismiss_reason,
                              created_at, updated_at)
       SELECT CASE WHEN g % 500 = 0 THEN NULL ELSE b.codes[1 + (g::bigint * 7919) % cardinality(b.codes)] END,
              (ARRAY['执法争议','服务态度与效率','系统故障','政策争议','收费与负担','廉政问题','涉税诈骗','其他'])[1 + g % 8],
              x.grade, x.status, '基准测试事件', x.t, x.t, x.t, (g % 97)::real,
              CASE WHEN x.status IN ('new','dismissed') THEN NULL ELSE x.t END,
              CASE WHEN x.status IN ('new','dismissed') THEN NULL ELSE x.t + (g % 180) * interval '1 minute' END,
              CASE WHEN x.status IN ('reported','closed') THEN x.t + (30 + g % 300) * interval '1 minute' END,
              CASE WHEN x.status = 'closed' THEN x.t + (600 + g % 5000) * interval '1 minute' END,
              CASE WHEN x.status = 'dismissed' THEN x.t + interval '1 hour' END,
              CASE WHEN x.status = 'dismissed' THEN (ARRAY['误报','重复','非本单位'])[1 + g % 3] END,
              x.t, x.t
         FROM b, generate_series(1, $1::int) g
        CROSS JOIN LATERAL (SELECT timestamptz '2025-10-31T16:00:00Z' + (g::double precision / $1) * interval '365 days' AS t,
                                   CASE WHEN g % 100 = 0 THEN 'I' WHEN g % 100 < 4 THEN 'II' WHEN g % 100 < 20 THEN 'III'
                                        ELSE 'IV' END AS grade,
                                   CASE WHEN g % 20 = 0 THEN 'dismissed' WHEN g % 20 = 1 THEN 'new'
                                        WHEN g % 3 = 0 THEN 'closed' WHEN g % 3 = 1 THEN 'acknowledged'
                                        ELSE 'reported' END AS status) x`,
      [n],
    ),
  );
  // acknowledge for every incident; first report and response for Ⅰ–Ⅲ; Ⅰ/Ⅱ also written report and follow-up.
  await timed('clocks', () =>
    ds.query(
      `INSERT INTO escalation_clocks (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, grade, started_at,
                                      due_at, met_at, status, policy_key, policy_snapshot, created_at, updated_at)
       SELECT 'incident', i.id, COALESCE(i.bureau_code, '00'), COALESCE(i.bureau_code, '00'), k.kind, i.grade, i.detected_at,
              i.detected_at + k.minutes * interval '1 minute',
              CASE WHEN i.status = 'dismissed' OR i.id % 11 = 0 THEN NULL
                   ELSE i.detected_at + (k.minutes * (50 + i.id % 70) / 100) * interval '1 minute' END,
              CASE WHEN i.status = 'dismissed' THEN 'cancelled' WHEN i.id % 11 = 0 THEN 'missed' ELSE 'met' END,
              i.grade, '{}', i.detected_at, i.detected_at
         FROM incidents i
         JOIN LATERAL (VALUES ('acknowledge', 60, true), ('first_report', 120, i.grade <> 'IV'),
                              ('response', 2880, i.grade <> 'IV'), ('written_report', 60, i.grade IN ('I','II')),
                              ('response_followup', 1440, i.grade IN ('I','II'))) AS k(kind, minutes, wanted) ON k.wanted
         WHERE i.status <> 'dismissed' OR k.kind = 'acknowledge'`,
    ),
  );
  await timed('findings', () =>
    ds.query(
      `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at)
       SELECT id, bureau_code, (ARRAY['late','missed','concealed'])[1 + (id / 20) % 3], detected_at + interval '1 day'
         FROM incidents WHERE id % 20 = 7 AND bureau_code IS NOT NULL`,
    ),
  );
  await timed('vacuum analyze', async () => {
    for (const t of ['incidents', 'escalation_clocks', 'reporting_findings', 'bureaus'])
      await ds.query(`VACUUM ANALYZE ${t}`);
  });
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: plans, buffers
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]);
}

export default async function statisticsBench(args: string[]): Promise<void> {
  const i = args.indexOf('--incidents');
  const n = i >= 0 ? Number(args[i + 1]) : 1_000_000;
  const db = await benchDatabase('statistics');
  try {
    await generate(db.ds, n);
    const [counts] = await db.ds.query(
      `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM escalation_clocks)::int AS clocks,
              (SELECT count(*) FROM reporting_findings)::int AS findings`,
    );
    log(JSON.stringify(counts));
    const figures = new StatisticsFiguresService(
      db.ds,
      new StatisticsFiguresRepository(db.ds),
      validateEnv(StatisticsConfig, {}),
    );
    const asOf = new Date('2026-11-02T01:00:00Z');
    const national = await figures.compute('2026-10', '00', asOf);
    log(
      `national 2026-10: ${national.total.incidents} incidents, ${national.ranking.units.length} ranked, ack rate ${national.total.onTime.acknowledge.rate}`,
    );
    const nationalMonthMs = await median(5, () => figures.compute('2026-10', '00', asOf));
    const provinceMonthMs = await median(5, () => figures.compute('2026-10', '44', asOf));
    process.stdout.write(
      `${JSON.stringify({ bench: 'statistics', incidents: counts.incidents, nationalMonthMs, provinceMonthMs, clocks: counts.clocks, findings: counts.findings })}\n`,
    );
  } finally {
    await db.close();
  }
}
