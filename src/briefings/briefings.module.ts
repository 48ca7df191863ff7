import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { NotificationsModule } from '../notifications/notifications.module';
import { BriefingFiguresRepository } from './briefing-figures.repository';
import { BriefingFiguresService } from './briefing-figures.service';
import { BriefingJob } from './briefing.job';
import { BriefingPagesController } from './briefing-pages.controller';
import { BriefingScheduler } from './briefing.scheduler';
import { BriefingSubscriptionsRepository } from './briefing-subscriptions.repository';
import { BriefingsConfig } from './briefings.config';
import { BriefingsController } from './briefings.controller';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';

/** 舆情日报/周报 (issue 14): scheduled, frozen, mailed briefings per scope, their archive and exports. */
@Module({
  imports: [AuthModule, NotificationsModule],
  controllers: [BriefingsController, BriefingPagesController],
  providers: [
    { provide: BriefingsConfig, useFactory: () => validateEnv(BriefingsConfig) },
    BriefingFiguresRepository,
    BriefingFiguresService,
    BriefingsRepository,
    BriefingSubscriptionsRepository,
    BriefingsService,
    BriefingJob,
    BriefingScheduler,
  ],
  exports: [BriefingFiguresService, BriefingJob, BriefingsService],
})
export class BriefingsModule {}
