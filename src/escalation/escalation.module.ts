import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IncidentListeners } from '../incidents/incident-listeners';
import { IncidentsModule } from '../incidents/incidents.module';
import { validateEnv } from '../infrastructure/config/validate-env';
import { NotificationsModule } from '../notifications/notifications.module';
import { BureauSeeder } from '../organisation/bureau.seeder';
import { OrganisationModule } from '../organisation/organisation.module';
import { ActionLinksController } from './links/action-links.controller';
import { ActionLinksService } from './links/action-links.service';
import { ClockSubjects } from './engine/clock-subjects';
import { EscalationPagesController } from './views/escalation-pages.controller';
import { ClockStepApplier } from './engine/escalation-step.applier';
import { EscalationPolicyService } from './policy/escalation-policy.service';
import { EscalationViewService } from './views/escalation-view.service';
import { EscalationConfig } from './escalation.config';
import { EscalationController } from './escalation.controller';
import { EscalationDirectory } from './engine/escalation.directory';
import { EscalationEngine } from './engine/escalation.engine';
import { EscalationListener } from './incident/escalation.listener';
import { EscalationMetrics } from './escalation.metrics';
import { EscalationNotifier } from './mail/escalation.notifier';
import { EscalationScheduler } from './escalation.scheduler';
import { EscalationService } from './engine/escalation.service';
import { EscalationSimulator } from './engine/escalation.simulator';
import { EscalationPolicyFormService } from './policy/escalation-policy-form.service';
import { ExtensionService } from './incident/extension.service';
import { IncidentEscalationService } from './incident/incident-escalation.service';
import { IncidentNoticesService } from './incident/incident-notices.service';
import { PendingNoticesService } from './mail/pending-notices.service';
import { IncidentSubject } from './incident/incident-subject';
import { LinkActions } from './links/link-actions.service';
import { ManualActionsService } from './incident/manual-actions.service';
import { ReportingFindingsService } from './findings/reporting-findings.service';
import { ReviewRequestNotices } from './incident/review-request.notice';
import { RoutingService } from './policy/routing.service';
import { UpwardReports } from './incident/upward-reports.service';

/**
 * Routing and escalation (issue 6): policies, clocks and their engine tick, signed action links, extension
 * requests, reporting findings. Listens to incidents through IncidentListeners; drives any subject kind registered
 * in ClockSubjects (statistics adds 'explanation').
 */
@Module({
  imports: [AuthModule, OrganisationModule, IncidentsModule, NotificationsModule],
  controllers: [EscalationController, EscalationPagesController, ActionLinksController],
  providers: [
    { provide: EscalationConfig, useFactory: () => validateEnv(EscalationConfig) },
    ClockSubjects,
    EscalationDirectory,
    EscalationPolicyService,
    RoutingService,
    ReportingFindingsService,
    EscalationNotifier,
    EscalationService,
    IncidentNoticesService,
    PendingNoticesService,
    IncidentEscalationService,
    EscalationListener,
    ClockStepApplier,
    EscalationEngine,
    EscalationScheduler,
    EscalationMetrics,
    ExtensionService,
    LinkActions,
    ActionLinksService,
    ManualActionsService,
    UpwardReports,
    ReviewRequestNotices,
    EscalationViewService,
    EscalationSimulator,
    EscalationPolicyFormService,
  ],
  exports: [
    ClockSubjects,
    EscalationService,
    ClockStepApplier,
    EscalationEngine,
    EscalationPolicyService,
    ReportingFindingsService,
    EscalationSimulator,
    EscalationDirectory,
    UpwardReports,
  ],
})
export class EscalationModule implements OnModuleInit {
  constructor(
    private readonly subjects: ClockSubjects,
    private readonly listeners: IncidentListeners,
    private readonly listener: EscalationListener,
    private readonly notifier: EscalationNotifier,
    private readonly config: EscalationConfig,
    private readonly routing: RoutingService,
    private readonly seeder: BureauSeeder,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subjects.register(
      'incident',
      new IncidentSubject(
        () => this.notifier.baseUrl(),
        () => this.config.ESCALATION_MAIL_ARTICLES,
      ),
    );
    this.listeners.register(this.listener);
    await this.seeder.ensureSeeded(); // the default routing rule points at HQ, which must exist
    await this.routing.seedDefaults();
  }
}
