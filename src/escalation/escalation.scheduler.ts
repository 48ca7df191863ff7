import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { EscalationEngine } from './engine/escalation.engine';

/** The engine's tick: every 5 s, apply what is due. Thin on purpose; tests call EscalationEngine directly. */
@Injectable()
export class EscalationScheduler {
  private running = false;

  constructor(
    private readonly engine: EscalationEngine,
    private readonly config: AppConfig,
  ) {}

  @Interval('escalation.engine', 5000)
  async tick(): Promise<void> {
    if (!this.config.SCHEDULER_ENABLED || this.running) return;
    this.running = true;
    try {
      await this.engine.drain();
    } catch (err) {
      rootLogger()
        .child({ ctx: 'escalation.engine' }, { level: this.config.LOG_LEVEL })
        .error({ err }, 'escalation tick failed');
    } finally {
      this.running = false;
    }
  }
}
