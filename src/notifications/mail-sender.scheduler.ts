import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { MailSender } from './mail-sender.service';

/** The sender's tick: every 2 s, drain what is due. Thin on purpose; tests call MailSender directly. */
@Injectable()
export class MailSenderScheduler {
  private running = false;

  constructor(
    private readonly sender: MailSender,
    private readonly config: AppConfig,
  ) {}

  @Interval('notifications.mail-sender', 2000)
  async tick(): Promise<void> {
    // A tick that overlaps a slow run would only compete with it for the same rows.
    if (!this.config.SCHEDULER_ENABLED || this.running) return;
    this.running = true;
    try {
      await this.sender.drain();
    } catch (err) {
      rootLogger()
        .child({ ctx: 'mail-sender' }, { level: this.config.LOG_LEVEL })
        .error({ err }, 'mail sender tick failed');
    } finally {
      this.running = false;
    }
  }
}
