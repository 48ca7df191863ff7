import { Module } from '@nestjs/common';
import { validateEnv } from '../infrastructure/config/validate-env';
import { DeliveryFailureListeners } from './delivery-failure-listeners';
import { MailSender } from './mail-sender.service';
import { MailSenderScheduler } from './mail-sender.scheduler';
import { NotificationsConfig } from './notifications.config';
import { NotificationsMetrics } from './notifications.metrics';
import { OutboxClaimRepository } from './outbox-claim.repository';
import { OutboxResultRepository } from './outbox-result.repository';
import { OutboxService } from './outbox.service';

/**
 * Transactional email: features enqueue mails in their own transactions (OutboxService), MailSender delivers them
 * with throttling, digests, retries and an attempt log. Email rendering helpers (email-layout.ts, email-blocks.ts,
 * time-format.ts) are plain functions, imported directly.
 */
@Module({
  providers: [
    { provide: NotificationsConfig, useFactory: () => validateEnv(NotificationsConfig) },
    OutboxService,
    OutboxClaimRepository,
    OutboxResultRepository,
    NotificationsMetrics,
    DeliveryFailureListeners,
    MailSender,
    MailSenderScheduler,
  ],
  exports: [OutboxService, MailSender, DeliveryFailureListeners, NotificationsConfig],
})
export class NotificationsModule {}
