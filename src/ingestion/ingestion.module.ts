import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { SourcesModule } from '../sources/sources.module';
import { SourceClaims } from './ingestion.claims';
import { IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion.metrics';
import { PollRecorder } from './ingestion.recorder';
import { IngestionScheduler } from './ingestion.scheduler';
import { ItemStore } from './ingestion.store';
import { IngestionTicker } from './ingestion.ticker';
import { ItemPartitions } from './item-partitions.service';
import { PushAuthenticator } from './push-auth';
import { installPushBodyReader } from './push-body.reader';
import { PushIntake } from './push-intake';
import { PushController } from './push.controller';
import { PushService } from './push.service';

/** Polling feeds (scheduler tick → claims → worker pool → fetch → store), the push API, item partitions. */
@Module({
  imports: [AuthModule, SourcesModule],
  controllers: [PushController],
  providers: [
    { provide: IngestionConfig, useFactory: () => validateEnv(IngestionConfig) },
    IngestionMetrics,
    ItemPartitions,
    ItemStore,
    SourceClaims,
    PollRecorder,
    IngestionScheduler,
    IngestionTicker,
    PushAuthenticator,
    PushIntake,
    PushService,
  ],
  exports: [IngestionConfig, IngestionScheduler, ItemPartitions, ItemStore],
})
export class IngestionModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly intake: PushIntake,
  ) {}

  onModuleInit(): void {
    installPushBodyReader(this.adapterHost.httpAdapter?.getInstance?.(), this.intake);
  }
}
