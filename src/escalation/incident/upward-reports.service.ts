import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Action } from '../../auth/policy/permissions';
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

export type ReportType = 'phone' | 'written';

/** What a report upward is recorded with: on the clocks, the timeline and any 迟报 finding. */
export interface ReportEvidence {
  reportType: ReportType;
  reference: string | null;
  reportedTo: string;
  [more: string]: unknown;
}

/**
 * The form every route that records a report asks for (mail link, 舆情专报, the API and console 书面报告 button):
 * the addressee always, the 文号 for a written report. Returns the Chinese problem, or null.
 */
export function reportFormProblem(f: {
  reportType: ReportType | null;
  reference: string;
  reportedTo: string;
}): string | null {
  if (!f.reportType) return '请选择报告方式（电话/口头首报 或 书面报告）';
  if (!f.reportedTo || f.reportedTo.length > 200)
    return '请填写报送对象（如：广州市税务局办公室、区委区政府），最多 200 字';
  if (f.reportType === 'written' && !f.reference) return '书面报告请填写文号（如：粤税舆〔2026〕12号）';
  if (f.reference.length > 100) return '文号过长（最多 100 字）';
  return null;
}

/**
 * The policy actions recording a report performs on an incident in this status: a report on an incident nobody has
 * acknowledged acknowledges it too, so it needs both rules (src/auth/policy/permissions.ts).
 */
export function reportActions(status: IncidentStatus): Action[] {
  return status === 'confirmed' ? ['incident.report', 'incident.acknowledge'] : ['incident.report'];
}

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
 * 上报 and 书面报告: the one place that records a report upward, whichever route it comes from (signed mail link,
 * 舆情专报 submission, the API and console clock button), inside the caller's transaction, so the route's state
 * change, audit events and mails commit together. Persons are authorized by the incident rules themselves
 * (`assertMay`, as on `POST /api/incidents/:id/transition`); a link is authorized by ActionLinksService.
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
