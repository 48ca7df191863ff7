import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { DomainExceptionFilter } from './infrastructure/http/domain-exception.filter';
import { HealthController } from './infrastructure/http/health.controller';
import { AuthModule } from './auth/auth.module';
import { OrganisationModule } from './organisation/organisation.module';
import { ConsoleModule } from './console/console.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SourcesModule } from './sources/sources.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { ClassificationModule } from './classification/classification.module';
import { IncidentsModule } from './incidents/incidents.module';
import { EscalationModule } from './escalation/escalation.module';
import { StatisticsModule } from './statistics/statistics.module';
import { BriefingsModule } from './briefings/briefings.module';
import { OverviewModule } from './overview/overview.module';

/** Feature modules, in the order data flows through them. */
const FEATURES = [
  OrganisationModule,
  AuthModule,
  ConsoleModule,
  SourcesModule,
  IngestionModule,
  ClassificationModule,
  IncidentsModule,
  NotificationsModule,
  EscalationModule,
  StatisticsModule,
  BriefingsModule,
  OverviewModule,
];

export interface AppModuleOptions {
  /** Run @Cron/@Interval ticks (service: SCHEDULER_ENABLED; CLI and most tests: false, they call ticks directly). */
  scheduler: boolean;
}

@Module({})
export class AppModule {
  static forRoot(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule,
        DatabaseModule,
        ...(opts.scheduler ? [ScheduleModule.forRoot()] : []),
        ...FEATURES,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: DomainExceptionFilter }],
    };
  }
}
