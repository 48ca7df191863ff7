import { Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { IngestionConfig } from './ingestion.config';
import { IngestionScheduler } from './ingestion.scheduler';
import { ItemPartitions } from './item-partitions.service';

const POLL_INTERVAL_NAME = 'ingestion-poll';

/**
 * The clocks of ingestion, and nothing else: every INGESTION_TICK_MS one poll cycle (never two at once in this
 * instance), and daily partition maintenance. The poll interval is registered at start-up because its period is a
 * setting (an @Interval decorator needs a constant). Both do nothing when SCHEDULER_ENABLED is false.
 */
@Injectable()
export class IngestionTicker implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<unknown> | null = null;
  private readonly log = rootLogger().child({ ctx: 'ingestion-ticker' });

  constructor(
    private readonly app: AppConfig,
    private readonly config: IngestionConfig,
    private readonly scheduler: IngestionScheduler,
    private readonly partitions: ItemPartitions,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.app.SCHEDULER_ENABLED || !this.registry) return;
    this.registry.addInterval(
      POLL_INTERVAL_NAME,
      setInterval(() => void this.tick(), this.config.INGESTION_TICK_MS),
    );
  }

  async tick(): Promise<void> {
    if (!this.app.SCHEDULER_ENABLED || this.running) return;
    this.running = this.scheduler.runCycle().catch((e) => this.log.error({ err: e }, 'poll cycle failed'));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  @Cron('0 17 3 * * *', { name: 'item-partitions' })
  async maintenance(): Promise<void> {
    if (!this.app.SCHEDULER_ENABLED) return;
    await this.partitions.maintain().catch((e) => this.log.error({ err: e }, 'partition maintenance failed'));
  }

  /** Lets a running cycle finish before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.registry?.doesExist('interval', POLL_INTERVAL_NAME))
      this.registry.deleteInterval(POLL_INTERVAL_NAME);
    await this.running;
  }
}
