import { IncidentBulkService } from './triage/incident-bulk.service';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClassificationModule } from '../classification/classification.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { IncidentConsoleController } from './console/incident-console.controller';
import { IncidentDetailService } from './query/incident-detail.service';
import { IncidentEditsService } from './triage/incident-edits.service';
import { IncidentGrouper } from './grouping/incident-grouper';
import { IncidentGroupingScheduler } from './grouping/incident-grouper.scheduler';
import { IncidentLabels } from './console/incident-labels';
import { IncidentListeners } from './incident-listeners';
import { IncidentMergeService } from './triage/incident-merge.service';
import { IncidentQueryService } from './query/incident-query.service';
import { IncidentReviewService } from './triage/incident-review.service';
import { IncidentTriageService } from './triage/incident-triage.service';
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
