import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { badInput, IncidentError } from '../incident.errors';
import { appendEvents, loadSnapshot, updateIncident } from '../incident.repository';
import {
  pendingReview,
  REVIEW_ANSWERED,
  REVIEW_DECISION_LABELS,
  REVIEW_REQUESTED,
  ReviewDecision,
  ReviewEvent,
} from './incident-review';
import { Actor, Grade, IncidentSnapshot, isGrade } from '../incident.types';
import { IncidentsService } from '../incidents.service';

export interface ReviewAnswer {
  decision: ReviewDecision;
  reason: string;
  grade?: string;
  expectedVersion?: number;
}

/**
 * 复核结论: monitoring staff answer a head's 申请复核. Called by IncidentTriageService inside the transaction that
 * checked the rule of the triage action the answer amounts to (维持 → confirm, 改判等级 → regrade, 误报 → dismiss).
 * A change goes through the ordinary regrade or dismissal, so the state machine, the "lowering needs a reason" rule
 * and escalation's 瞒报 checks apply unchanged; the answer itself is one more event with the reason, never silent.
 */
@Injectable()
export class IncidentReviewService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
  ) {}

  async answer(em: EntityManager, id: string, a: ReviewAnswer, actor: Actor): Promise<IncidentSnapshot> {
    const events: ReviewEvent[] = await em.query(
      `SELECT id::text, at, action, after, comment FROM incident_events
       WHERE incident_id = $1 AND action IN ($2, $3, 'dismiss') ORDER BY id`,
      [id, REVIEW_REQUESTED, REVIEW_ANSWERED],
    );
    const pending = pendingReview(events);
    if (!pending) {
      throw new IncidentError('conflict', 'INCIDENT_REVIEW_NOT_PENDING', `事件 ${id} 没有待答复的复核申请`);
    }
    const reason = a.reason?.trim() ?? '';
    if (reason.length < 2) {
      throw new IncidentError('invalid', 'INCIDENT_REASON_REQUIRED', '复核结论必须填写理由（将记录在案）');
    }
    const opts = { em, expectedVersion: a.expectedVersion };
    let after: IncidentSnapshot;
    if (a.decision === 'regrade') {
      if (!isGrade(a.grade)) throw badInput('改判等级须选择 I、II、III、IV 之一');
      if ((await loadSnapshot(em, id)).grade === a.grade) {
        throw badInput('改判等级须选择与当前不同的等级；不改变等级请选择“维持原研判”');
      }
      after = await this.incidents.regrade(id, a.grade as Grade, actor, { ...opts, reason });
    } else if (a.decision === 'dismiss') {
      after = await this.incidents.transition(id, 'dismiss', actor, {
        ...opts,
        reason: '误报',
        comment: reason,
      });
    } else {
      await this.incidents.begin(em, id, actor, a.expectedVersion);
      // Nothing on the incident changes, but the answer is a decision others act on: a new version, like a claim.
      after = await updateIncident(em, id, {}, this.clock.now());
    }
    await appendEvents(em, [
      {
        incidentId: id,
        at: this.clock.now(),
        actor,
        action: REVIEW_ANSWERED,
        before: { requestEventId: pending.eventId, requestedBy: pending.by, requestReason: pending.reason },
        after: {
          decision: a.decision,
          version: after.version,
          ...(a.decision === 'regrade' ? { grade: a.grade } : {}),
        },
        comment: `${REVIEW_DECISION_LABELS[a.decision]}：${reason}`,
      },
    ]);
    return after;
  }
}
