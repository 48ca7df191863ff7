import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../infrastructure/clock/clock';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { BriefingPeriod, dailyDue, weeklyDue } from './briefing-period';
import { BriefingJob, BriefingRunResult } from './briefing.job';
import { briefingSchedule, BriefingsConfig } from './briefings.config';

/**
 * Every five minutes: which daily and weekly briefings are due now (08:30 on working days; the weekly on Monday or
 * the first working day after), and sends those not yet sent. Due-ness comes from the clock and the rows, never from
 * an in-memory timer, so an instance started after the hour catches up, and several instances send once.
 * Thin on purpose: tests call tick() with a fake clock.
 */
@Injectable()
export class BriefingScheduler {
  private running = false;

  constructor(
    private readonly job: BriefingJob,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly config: BriefingsConfig,
  ) {}

  @Cron('0 */5 * * * *', { name: 'briefings.tick' })
  async tick(): Promise<{ period: BriefingPeriod; results: BriefingRunResult[] }[]> {
    if (!this.app.SCHEDULER_ENABLED || this.running) return [];
    this.running = true;
    const out: { period: BriefingPeriod; results: BriefingRunResult[] }[] = [];
    try {
      const now = this.clock.now();
      const schedule = briefingSchedule(this.config);
      for (const period of [dailyDue(now, schedule), weeklyDue(now, schedule)]) {
        if (!period || (await this.job.complete(period))) continue;
        out.push({ period, results: await this.job.run(period) });
      }
    } catch (err) {
      rootLogger()
        .child({ ctx: 'briefings' }, { level: this.app.LOG_LEVEL })
        .error({ err }, 'briefing tick failed');
    } finally {
      this.running = false;
    }
    return out;
  }
}
