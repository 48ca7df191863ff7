import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/roles';
import { ScopeService } from '../auth/scope.service';
import { Clock } from '../infrastructure/clock/clock';
import { clocksOf } from './escalation-clock.store';
import { escalationError } from './escalation.errors';
import { EscalationService } from './escalation.service';
import type { ClockKind, ClockRow } from './escalation.types';
import { responsibleBureau } from './responsible-bureau';

/**
 * Deadlines no incident transition stands for: the written report (书面报告) and the Ⅰ/Ⅱ press-conference response.
 * Acknowledge, first report and response are met by the incident's own transitions (签收/上报/回应).
 */
export const MANUAL_KINDS: ClockKind[] = ['written_report', 'response_followup'];

@Injectable()
export class ManualActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly escalation: EscalationService,
  ) {}

  async meet(p: Principal, incidentId: string, kind: string, comment?: string): Promise<ClockRow> {
    if (!(MANUAL_KINDS as string[]).includes(kind)) {
      throw escalationError(
        'invalid',
        'ESCALATION_CLOCK_INVALID',
        `“${kind}”不能手工标记完成（签收、上报、回应请在事件页面办理）`,
      );
    }
    if (!/^[0-9]{1,18}$/.test(incidentId))
      throw escalationError('not_found', 'ESCALATION_SUBJECT_NOT_FOUND', `事件 ${incidentId} 不存在`);
    return this.db.transaction(async (em) => {
      const [inc] = await em.query(`SELECT id, bureau_code FROM incidents WHERE id = $1 FOR UPDATE`, [
        incidentId,
      ]);
      if (!inc)
        throw escalationError('not_found', 'ESCALATION_SUBJECT_NOT_FOUND', `事件 ${incidentId} 不存在`);
      const clocks = await clocksOf(em, 'incident', incidentId);
      await this.scope.authorize(p, 'clock.meet', responsibleBureau(clocks, inc.bureau_code));
      const met = await this.escalation.meetClock(em, {
        subjectKind: 'incident',
        subjectId: incidentId,
        kind: kind as ClockKind,
        at: this.clock.now(),
        actor: { userId: p.userId, label: p.displayName || p.username, bureauCode: p.bureauCode },
        evidence: comment ? { comment } : undefined,
      });
      if (!met) throw escalationError('conflict', 'ESCALATION_CLOCK_INVALID', '该时限未在计时，无需标记');
      return met;
    });
  }
}
