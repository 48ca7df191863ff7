/**
 * `npm run bench -- briefings`: the statistics bench's year of national data (1,000,000 incidents over 2025-11 …
 * 2026-10 with their ~1.9 M escalation clocks), then the 舆情日报 of Thursday 15 October 2026 built in full — the
 * figures (headline and previous period, Ⅰ–Ⅲ list, hottest, 14-day trend, overdue clocks), the Word file and the
 * mail — for the whole country and for one province, and the national weekly of that week.
 * Prints the median of 5 runs after one warm-up: {"bench":"briefings","incidents":1000000,"nationalDailyMs":…}.
 * `--incidents N` for a smaller run.
 */
import { performance } from 'node:perf_hooks';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { briefingDocx } from '../../src/briefings/briefing-docx';
import { BriefingFiguresRepository } from '../../src/briefings/briefing-figures.repository';
import { BriefingFiguresService } from '../../src/briefings/briefing-figures.service';
import { briefingEmail } from '../../src/briefings/briefing-mail';
import { BriefingPeriod, dailyPeriod, weeklyPeriod } from '../../src/briefings/briefing-period';
import { BriefingsConfig } from '../../src/briefings/briefings.config';
import { benchDatabase } from './bench-support';
import { generate } from './statistics.bench';

const log = (msg: string) => process.stderr.write(`[briefings bench] ${msg}\n`);

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

export default async function briefingsBench(args: string[]): Promise<void> {
  const i = args.indexOf('--incidents');
  const n = i >= 0 ? Number(args[i + 1]) : 1_000_000;
  const db = await benchDatabase('briefings');
  try {
    await generate(db.ds, n);
    const [counts] = await db.ds.query(
      `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM escalation_clocks)::int AS clocks`,
    );
    const figures = new BriefingFiguresService(
      new BriefingFiguresRepository(db.ds),
      validateEnv(BriefingsConfig, {}),
    );
    const asOf = new Date('2026-10-15T00:30:00Z');
    // the whole build of one briefing: figures, the Word file, the mail
    const build = async (p: BriefingPeriod, scope: string) => {
      const s = await figures.compute(p, scope, asOf);
      await briefingDocx(s);
      briefingEmail('1', s, 'https://yq.example.cn');
      return s;
    };
    const daily = dailyPeriod('2026-10-15');
    const s = await build(daily, '00');
    log(
      `national daily 2026-10-15: ${s.current.incidents} incidents (previous ${s.previous.incidents}), ` +
        `${s.incidents.length} listed, ${s.overdue.total} overdue clocks`,
    );
    const nationalDailyMs = await median(5, () => build(daily, '00'));
    const provinceDailyMs = await median(5, () => build(daily, '44'));
    const nationalWeeklyMs = await median(5, () => build(weeklyPeriod('2026-W41'), '00'));
    process.stdout.write(
      `${JSON.stringify({ bench: 'briefings', incidents: counts.incidents, clocks: counts.clocks, nationalDailyMs, provinceDailyMs, nationalWeeklyMs, dailyIncidents: s.current.incidents })}\n`,
    );
  } finally {
    await db.close();
  }
}
