import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EscalationModule } from '../escalation/escalation.module';
import { IncidentsModule } from '../incidents/incidents.module';
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
import { SpecialReportPagesController } from './special-report/special-report-pages.controller';
import { SpecialReportsController } from './special-report/special-reports.controller';
import { SpecialReportsRepository } from './special-report/special-reports.repository';
import { SpecialReportsService } from './special-report/special-reports.service';
import { SupervisionController } from './supervision/supervision.controller';
import { SupervisionPagesController } from './supervision/supervision-pages.controller';
import { SupervisionRepository } from './supervision/supervision.repository';
import { SupervisionService } from './supervision/supervision.service';

/** 舆情日报/周报 (scheduled, frozen, mailed per scope), 舆情专报 on one incident and the 督办台账 (issue 14). */
@Module({
  imports: [AuthModule, NotificationsModule, IncidentsModule, EscalationModule],
  controllers: [
    BriefingsController,
    BriefingPagesController,
    SpecialReportsController,
    SpecialReportPagesController,
    SupervisionController,
    SupervisionPagesController,
  ],
  providers: [
    { provide: BriefingsConfig, useFactory: () => validateEnv(BriefingsConfig) },
    BriefingFiguresRepository,
    BriefingFiguresService,
    BriefingsRepository,
    BriefingSubscriptionsRepository,
    BriefingsService,
    BriefingJob,
    BriefingScheduler,
    SpecialReportsRepository,
    SpecialReportsService,
    SupervisionRepository,
    SupervisionService,
  ],
  exports: [BriefingFiguresService, BriefingJob, BriefingsService],
})
export class BriefingsModule {}
