import { IncidentBulkService } from './incident-bulk.service';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClassificationModule } from '../classification/classification.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { IncidentConsoleController } from './incident-console.controller';
import { IncidentDetailService } from './incident-detail.service';
import { IncidentEditsService } from './incident-edits.service';
import { IncidentGrouper } from './incident-grouper';
import { IncidentGroupingScheduler } from './incident-grouper.scheduler';
import { IncidentLabels } from './incident-labels';
import { IncidentListeners } from './incident-listeners';
import { IncidentMergeService } from './incident-merge.service';
import { IncidentQueryService } from './incident-query.service';
import { IncidentReviewService } from './incident-review.service';
import { IncidentTriageService } from './incident-triage.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsConfig } from './incidents.config';
import { IncidentsService } from './incidents.service';

/** Grouping, lifecycle, triage queue and audit timeline (issue 5). */
@Module({
  imports: [AuthModule, ClassificationModule],
  controllers: [IncidentsController, IncidentConsoleController],
  providers: [
    { provide: IncidentsConfig, useFactory: () => validateEnv(IncidentsConfig) },
    IncidentsService,
    IncidentListeners,
    IncidentLabels,
    IncidentGrouper,
    IncidentGroupingScheduler,
    IncidentEditsService,
    IncidentMergeService,
    IncidentTriageService,
    IncidentReviewService,
    IncidentBulkService,
    IncidentQueryService,
    IncidentDetailService,
  ],
  exports: [
    IncidentsService,
    IncidentEditsService,
    IncidentListeners,
    IncidentGrouper,
    IncidentMergeService,
    IncidentQueryService,
    IncidentsConfig,
  ],
})
export class IncidentsModule {}
