import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EscalationModule } from '../escalation/escalation.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { NotificationsModule } from '../notifications/notifications.module';
import { BulletinRepository } from './bulletin/bulletin.repository';
import { ExplanationTasksRepository } from './explanations/explanation-tasks.repository';
import { ExplanationTasksService } from './explanations/explanation-tasks.service';
import { MonthlyBulletinJob } from './bulletin/monthly-bulletin.job';
import { MonthlyBulletinScheduler } from './bulletin/monthly-bulletin.scheduler';
import { StatisticsConfig } from './statistics.config';
import { StatisticsController } from './statistics.controller';
import { StatisticsFiguresRepository } from './figures/statistics-figures.repository';
import { StatisticsFiguresService } from './figures/statistics-figures.service';
import { StatisticsPagesController } from './views/statistics-pages.controller';
import { StatisticsReportService } from './statistics-report.service';

/** Monthly figures, ranking, bulletins with frozen snapshots, explanation tasks, exports (issue 7). */
@Module({
  imports: [AuthModule, NotificationsModule, EscalationModule],
  controllers: [StatisticsController, StatisticsPagesController],
  providers: [
    { provide: StatisticsConfig, useFactory: () => validateEnv(StatisticsConfig) },
    StatisticsFiguresRepository,
    StatisticsFiguresService,
    BulletinRepository,
    ExplanationTasksRepository,
    ExplanationTasksService,
    MonthlyBulletinJob,
    MonthlyBulletinScheduler,
    StatisticsReportService,
  ],
  exports: [StatisticsFiguresService, StatisticsReportService, MonthlyBulletinJob, ExplanationTasksService],
})
export class StatisticsModule {}
