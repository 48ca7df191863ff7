import { Module } from '@nestjs/common';
import { validateEnv } from '../infrastructure/config/validate-env';
import { ClassificationConfig } from './classification.config';
import { ClassificationService } from './classification.service';
import { ClassificationStore } from './classification.store';
import { ClassificationWorker } from './classification.worker';

/**
 * Relevance, tone, target, bureau, category and grade of each ingested item, with the reasons (see README.md here).
 * The worker classifies pending items; ClassificationService.recordLabel takes triage decisions for training.
 */
@Module({
  providers: [
    { provide: ClassificationConfig, useFactory: () => validateEnv(ClassificationConfig) },
    ClassificationStore,
    ClassificationService,
    ClassificationWorker,
  ],
  exports: [ClassificationService, ClassificationWorker],
})
export class ClassificationModule {}
