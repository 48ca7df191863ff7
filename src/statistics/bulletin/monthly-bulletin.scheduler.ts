import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { rootLogger } from '../../infrastructure/logging/logger';
import { bulletinDue } from './bulletin-schedule';
import { MonthlyBulletinJob } from './monthly-bulletin.job';
import { MonthKey } from '../figures/statistics-month';

/**
 * Every day at 09:00 Asia/Shanghai; acts only on the first working day of the month (so a month starting with the
 * National Day holiday sends on the first day back) and only while that month's bulletin has not been sent.
 * Thin on purpose: tests call tick() with a fake clock.
 */
@Injectable()
export class MonthlyBulletinScheduler {
  private running = false;

  constructor(
    private readonly job: MonthlyBulletinJob,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Cron('0 0 9 * * *', { name: 'statistics.monthly-bulletin', timeZone: 'Asia/Shanghai' })
  async tick(): Promise<{ month: MonthKey; sent: boolean } | null> {
    if (!this.config.SCHEDULER_ENABLED || this.running) return null;
    const month = bulletinDue(this.clock.now());
    if (!month) return null;
    this.running = true;
    try {
      if (await this.job.sent(month)) return { month, sent: false };
      await this.job.run(month);
      return { month, sent: true };
    } catch (err) {
      rootLogger()
        .child({ ctx: 'statistics' }, { level: this.config.LOG_LEVEL })
        .error({ err, month }, 'monthly bulletin tick failed');
      return null;
    } finally {
      this.running = false;
    }
  }
}
