import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Action } from '../../auth/policy/permissions';
import type { Principal } from '../../auth/roles';
import { loadSnapshot } from '../../incidents/incident.repository';
import { actorOf, assertMay } from '../../incidents/query/incident-scope';
import { Clock } from '../../infrastructure/clock/clock';
import { escalationError } from '../escalation.errors';
import { EscalationService } from '../engine/escalation.service';
import type { ClockKind, ClockRow } from '../escalation.types';
import { UpwardReports } from './upward-reports.service';
import { readReportForm, reportLine } from '../../incidents/triage/report-form';

/**
 * Deadlines no incident transition stands for, and the incident rule each one is (src/auth/policy/permissions.ts):
 * the written report (书面报告) is a report upward — the same rule as 上报 on the incident routes and the 已上报 mail
 * link —, the Ⅰ/Ⅱ press-conference response a 回应. Acknowledge, first report and response are met by the incident's
 * own transitions (签收/上报/回应).
 */
export const MANUAL_ACTIONS: Partial<Record<ClockKind, Action>> = {
  written_report: 'incident.report',
  response_followup: 'incident.respond',
};

export interface MeetForm {
  comment?: string;
  /** 文号: required for a written report, as on the mail link and the 舆情专报. */
  reference?: string;
  /** 报送对象. */
  reportedTo?: string;
}

/** The API's and the console's "标记完成" on a clock: one rule for both (and for the mail link's 书面报告). */
@Injectable()
export class ManualActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly escalation: EscalationService,
    private readonly upward: UpwardReports,
  ) {}

  async meet(p: Principal, incidentId: string, kind: string, form: MeetForm = {}): Promise<ClockRow> {
    const action = MANUAL_ACTIONS[kind as ClockKind];
    if (!action) {
      throw escalationError(
        'invalid',
        'ESCALATION_CLOCK_INVALID',
        `“${kind}”不能手工标记完成（签收、上报、回应请在事件页面办理）`,
      );
    }
    return this.db.transaction(async (em) => {
      // the incident's own rule, on the locked row, exactly as POST /api/incidents/:id/transition decides it
      const inc = await loadSnapshot(em, incidentId, { lock: true });
      assertMay(p, action, inc);
      const actor = actorOf(p);
      let met: ClockRow | null;
      if (kind === 'written_report') {
        const read = readReportForm({
          reportType: 'written',
          reportedTo: form.reportedTo,
          reference: form.reference,
        });
        if ('problem' in read) throw escalationError('invalid', 'ESCALATION_BAD_INPUT', read.problem);
        const evidence = { ...read.evidence, ...(form.comment ? { comment: form.comment } : {}) };
        met = await this.upward.meetWritten(em, incidentId, evidence, actor, {
          comment: reportLine(evidence),
        });
      } else {
        met = await this.escalation.meetClock(em, {
          subjectKind: 'incident',
          subjectId: incidentId,
          kind: kind as ClockKind,
          at: this.clock.now(),
          actor,
          evidence: form.comment ? { comment: form.comment } : undefined,
        });
      }
      if (!met) throw escalationError('conflict', 'ESCALATION_CLOCK_INVALID', '该时限未在计时，无需标记');
      return met;
    });
  }
}
