import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IncidentListener } from '../../incidents/incident-listeners';
import type { Actor, Grade, IncidentSnapshot, IncidentStatus } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { IncidentEscalationService } from './incident-escalation.service';
import { isLowering } from '../findings/reporting-findings';
import { ReportingFindingsService } from '../findings/reporting-findings.service';

/**
 * Escalation's side of the incidents seam (contracts.md "Incidents"): every hook runs inside the transaction of the
 * incident change, so clocks, findings and mails commit or roll back with it.
 */
@Injectable()
export class EscalationListener implements IncidentListener {
  constructor(
    private readonly clock: Clock,
    private readonly incidents: IncidentEscalationService,
    private readonly findings: ReportingFindingsService,
  ) {}

  async onConfirmed(em: EntityManager, incident: IncidentSnapshot): Promise<void> {
    await this.incidents.start(em, incident);
  }

  async onStatusChanged(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: IncidentStatus,
    to: IncidentStatus,
    actor: Actor,
    data?: object,
  ) {
    if (from === 'dismissed' && to === 'confirmed') {
      await this.findings.checkReconfirmation(em, incident, actor, this.clock.now());
    }
    if (from === 'confirmed' && to === 'dismissed') {
      await this.findings.checkDismissal(em, incident, actor, this.clock.now());
    }
    await this.incidents.statusChanged(em, incident, from, to, actor, data);
  }

  async onGradeChanged(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: Grade,
    to: Grade,
    actor: Actor,
  ): Promise<void> {
    if (isLowering(from, to)) return; // running clocks are never relaxed by a lower grade
    await this.findings.checkRegrade(em, incident, from, to, actor, this.clock.now());
    await this.incidents.gradeRaised(em, incident, to);
  }

  async onBureauChanged(em: EntityManager, incident: IncidentSnapshot): Promise<void> {
    await this.incidents.bureauChanged(em, incident);
  }
}
