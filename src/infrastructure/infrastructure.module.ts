import { Global, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { AppConfig } from './config/app.config';
import { validateEnv } from './config/validate-env';
import { Clock, SystemClock } from './clock/clock';
import { LocalOutboxTransport, MailTransport, SmtpMailTransport } from './mail/mail-transport';
import { rootLogger } from './logging/logger';
import { MetricsService } from './http/metrics.service';

/** Config, clock, mail transport and metrics for every module. Tests override Clock and MailTransport. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => validateEnv(AppConfig) },
    { provide: Clock, useClass: SystemClock },
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (c: AppConfig) =>
        c.SMTP_URL
          ? new SmtpMailTransport(c.SMTP_URL, c.MAIL_FROM)
          : new LocalOutboxTransport(
              c.MAIL_OUTBOX_DIR ?? resolve(c.DATA_DIR, 'outbox'),
              c.MAIL_FROM,
              rootLogger(),
            ),
    },
    MetricsService,
  ],
  exports: [AppConfig, Clock, MailTransport, MetricsService],
})
export class InfrastructureModule {}
