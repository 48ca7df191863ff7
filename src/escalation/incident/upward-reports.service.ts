import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/roles';
import { loadSnapshot } from '../../incidents/incident.repository';
import { assertMay } from '../../incidents/query/incident-scope';
import type { Actor, IncidentSnapshot, IncidentStatus } from '../../incidents/incident.types';
import { IncidentsService } from '../../incidents/incidents.service';
import { Clock } from '../../infrastructure/clock/clock';
import { clocksOf } from '../engine/escalation-clock.store';
import { escalationError } from '../escalation.errors';
import { EscalationService } from '../engine/escalation.service';
import type { ClockRow } from '../escalation.types';
import { insertIncidentEvents } from './incident-subject';
import { ReportEvidence, reportActions } from '../../incidents/triage/report-form';

/**
 * DOMAIN.md "Time limits": the first report goes up by phone within 30 min, the written one within 1 h — the written
 * report follows the first. While the incident's 首报 clock still runs (or is overdue), a written report alone would
 * leave the 首报 open with a report already sent; the caller must record the report itself (上报) instead.
 */
export function firstReportOutstanding(clocks: readonly ClockRow[]): boolean {
  return clocks.some((c) => c.kind === 'first_report' && (c.status === 'running' || c.status === 'missed'));
}

export interface ReportOutcome {
  /** The incident moved to 已上报 (首报 met) by this report. */
  reported: boolean;
  /** For a written report: the 书面报告 clock met now, or null when it was not running (ended earlier, or none). */
  written: ClockRow | null;
  /** The incident's status before the report. */
  before: IncidentStatus;
}

/**
 * 上报 and 书面报告 from escalation's routes (signed mail link, 舆情专报 submission, the API and console clock
 * button), inside the caller's transaction, so the route's state change, audit events and mails commit together.
 * Persons are authorized by the incident rules themselves (`assertMay`, as on `POST /api/incidents/:id/transition`,
 * whose 上报 reads the same form and reaches the same clocks through the listener); a link by ActionLinksService.
 */
@Injectable()
export class UpwardReports {
  constructor(
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly escalation: EscalationService,
  ) {}

  /** 404/403 exactly as the incident's own 签收/上报 routes decide; lock inside the transaction that reports. */
  async authorize(
    em: EntityManager,
    p: Principal,
    incidentId: string,
    lock: boolean,
  ): Promise<IncidentSnapshot> {
    const inc = await loadSnapshot(em, incidentId, { lock });
    for (const action of reportActions(inc.status)) assertMay(p, action, inc);
    return inc;
  }

  /**
   * Records a report: 签收 first when nobody has, then 首报 (met before the transition, so a 迟报 finding carries the
   * 文号 and the addressee), the 书面报告 when written, and the transition to 已上报 last — its note to everyone
   * notified then lists only the deadlines still running.
   */
  async report(
    em: EntityManager,
    incidentId: string,
    evidence: ReportEvidence,
    actor: Actor,
    /** Timeline comments: the 签收 it implies, the 上报, and a written report on an incident reported before. */
    words: { acknowledge: string; report: string; written?: string },
  ): Promise<ReportOutcome> {
    const [row] = await em.query(`SELECT status FROM incidents WHERE id = $1 FOR UPDATE`, [incidentId]);
    const before: IncidentStatus = row.status;
    const open = before === 'confirmed' || before === 'acknowledged';
    if (before === 'confirmed')
      await this.incidents.transition(incidentId, 'acknowledge', actor, { em, comment: words.acknowledge });
    if (open) {
      await this.escalation.meetClock(em, {
        subjectKind: 'incident',
        subjectId: incidentId,
        kind: 'first_report',
        at: this.clock.now(),
        actor,
        evidence,
      });
    }
    const alone = !open && words.written ? { comment: words.written } : undefined;
    const written =
      evidence.reportType === 'written'
        ? await this.meetWritten(em, incidentId, evidence, actor, alone)
        : null;
    if (open)
      await this.incidents.transition(incidentId, 'report', actor, {
        em,
        data: evidence,
        comment: words.report,
      });
    return { reported: open, written, before };
  }

  /**
   * Marks the 书面报告 met with its 文号 — refused (409) while the 首报 is outstanding. `event` adds the timeline
   * line for a written report that is not part of a 上报 (which has its own).
   */
  async meetWritten(
    em: EntityManager,
    incidentId: string,
    evidence: ReportEvidence,
    actor: Actor,
    event?: { comment: string },
  ): Promise<ClockRow | null> {
    if (firstReportOutstanding(await clocksOf(em, 'incident', incidentId)))
      throw escalationError(
        'conflict',
        'ESCALATION_CLOCK_ORDER',
        '书面报告须在首报之后：该事件尚未向上级首报。请先办理“已上报”（可直接选择书面报告并填写文号，首报随之记录）。',
      );
    const at = this.clock.now();
    const met = await this.escalation.meetClock(em, {
      subjectKind: 'incident',
      subjectId: incidentId,
      kind: 'written_report',
      at,
      actor,
      evidence,
    });
    if (event)
      await insertIncidentEvents(
        em,
        [{ subjectId: incidentId, at, action: 'written_report', after: evidence, comment: event.comment }],
        actor.label,
      );
    return met;
  }
}
