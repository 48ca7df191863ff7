import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../../infrastructure/config/app.config';
import { rootLogger } from '../../infrastructure/logging/logger';
import { IncidentGrouper } from './incident-grouper';
import { IncidentsConfig } from '../incidents.config';

/** Batches per tick at most, so one tick never runs for minutes while a backlog drains. */
const MAX_BATCHES_PER_TICK = 20;

/** The grouping clock: every 2 s, drain classified alert items into incidents. Thin; tests call runOnce directly. */
@Injectable()
export class IncidentGroupingScheduler {
  private running = false;
  private readonly log = rootLogger().child({ ctx: 'incident-grouping' });

  constructor(
    private readonly grouper: IncidentGrouper,
    private readonly app: AppConfig,
    private readonly config: IncidentsConfig,
  ) {}

  @Interval('incidents.grouping', 2000)
  async tick(): Promise<void> {
    if (!this.app.SCHEDULER_ENABLED || !this.config.INCIDENT_GROUPING_ENABLED || this.running) return;
    this.running = true;
    try {
      for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
        const run = await this.grouper.runOnce();
        if (run.busy || run.items + run.failed < this.config.INCIDENT_GROUPING_BATCH) break;
      }
    } catch (err) {
      this.log.error({ err }, 'grouping tick failed');
    } finally {
      this.running = false;
    }
  }
}
