import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { formatShanghai } from '../notifications/time-format';
import { IncidentError, badInput, staleVersion } from './incident.errors';
import { appendEvents, loadSnapshot, updateIncident } from './incident.repository';
import { dismissalIsAlert, IncidentLabels } from './console/incident-labels';
import { IncidentListeners } from './incident-listeners';
import {
  ACTION_LABELS,
  nextStatus,
  STATUS_TIMESTAMP,
  validateDismissal,
  validateReopen,
} from './triage/incident-state';
import {
  Actor,
  DismissReason,
  Grade,
  GRADE_LABELS,
  IncidentSnapshot,
  isGrade,
  RegradeOptions,
  TransitionAction,
  TransitionOptions,
} from './incident.types';

export interface ActionOptions {
  expectedVersion?: number;
  em?: EntityManager;
}

/** A system actor (the grouper, a clock) as opposed to a person or someone using a signed link. */
export function isSystem(actor: Actor): boolean {
  return actor.userId === null && actor.label === '系统';
}

/**
 * Lifecycle transitions and grade changes of one incident (the contract's seam; incident-edits.service.ts does
 * category, bureau, comments and claims the same way). Each runs in
 * one transaction (the caller's `em` if given): lock the row, check version and claim, write the change (version+1),
 * its incident_events row and the person's decision label, then call the listeners — all commit or none does.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly listeners: IncidentListeners,
    private readonly labels: IncidentLabels,
  ) {}

  tx<T>(em: EntityManager | undefined, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return em ? fn(em) : this.db.transaction(fn);
  }

  async get(id: string, em?: EntityManager): Promise<IncidentSnapshot> {
    return loadSnapshot(em ?? this.db.manager, id);
  }

  /** Locks the incident and refuses merged incidents, stale versions and other people's live claims. */
  async begin(
    em: EntityManager,
    id: string,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<IncidentSnapshot> {
    const inc = await loadSnapshot(em, id, { lock: true });
    if (inc.mergedIntoId) {
      throw new IncidentError(
        'conflict',
        'INCIDENT_MERGED',
        `事件 ${id} 已合并到事件 ${inc.mergedIntoId}，请在该事件上操作`,
        {
          mergedIntoId: inc.mergedIntoId,
        },
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== inc.version)
      throw staleVersion(id, expectedVersion, inc.version);
    const now = this.clock.now();
    if (actor.userId && inc.claimedBy && inc.claimedBy !== actor.userId && inc.claimExpiresAt! > now) {
      throw new IncidentError(
        'conflict',
        'INCIDENT_CLAIMED',
        `事件 ${id} 正由其他监测员处理（认领至 ${formatShanghai(inc.claimExpiresAt!)}）`,
        {
          claimedBy: inc.claimedBy,
          claimExpiresAt: inc.claimExpiresAt,
        },
      );
    }
    return inc;
  }

  async transition(
    incidentId: string,
    action: TransitionAction,
    actor: Actor,
    opts: TransitionOptions = {},
  ): Promise<IncidentSnapshot> {
    return this.tx(opts.em, async (em) => {
      const before = await this.begin(em, incidentId, actor, opts.expectedVersion);
      const to = nextStatus(before.status, action, { autoConfirmed: before.autoConfirmed });
      const now = this.clock.now();
      const patch: Record<string, unknown> = { status: to };
      const stamp = STATUS_TIMESTAMP[to];
      if (stamp) patch[stamp] = now;
      let comment = opts.comment?.trim() || null;
      let reason: string | null = null;
      if (action === 'dismiss') {
        const d = validateDismissal({ reason: opts.reason, comment: opts.comment });
        Object.assign(patch, { dismiss_reason: d.reason, dismiss_comment: d.comment, auto_confirmed: false });
        reason = d.reason;
        comment = d.comment;
      }
      if (action === 'confirm') patch.auto_confirmed = false;
      if (action === 'reopen') reason = validateReopen({ reason: opts.reason, comment: opts.comment });
      const after = await updateIncident(em, incidentId, patch, now);
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action,
          before: { status: before.status, version: before.version },
          after: {
            status: to,
            version: after.version,
            ...(reason ? { reason } : {}),
            ...(opts.data ? { data: opts.data } : {}),
          },
          comment,
        },
      ]);
      if (!isSystem(actor) && (action === 'confirm' || action === 'dismiss')) {
        await this.labels.record(em, {
          incidentId,
          actor,
          alert: action === 'confirm' || dismissalIsAlert(reason as DismissReason),
          category: after.category,
          // 非本单位: the classifier named the wrong bureau, and we do not know the right one.
          bureauCode: reason === '非本单位' ? null : after.bureauCode,
          note: `${ACTION_LABELS[action]}${reason ? ` ${reason}` : ''}${comment ? `：${comment}` : ''}`,
        });
      }
      await this.listeners.statusChanged(em, after, before.status, to, actor, opts.data);
      // A routing rule may have placed the confirmed incident with another bureau (escalation's start).
      return action === 'confirm' ? loadSnapshot(em, incidentId) : after;
    });
  }

  async regrade(
    incidentId: string,
    grade: Grade,
    actor: Actor,
    opts: RegradeOptions = {},
  ): Promise<IncidentSnapshot> {
    if (!isGrade(grade)) throw badInput(`等级必须是 I、II、III、IV 之一`);
    return this.tx(opts.em, async (em) => {
      const before = await this.begin(em, incidentId, actor, opts.expectedVersion);
      if (grade === before.grade) return before;
      const lowering = grade > before.grade; // 'IV' > 'III': a larger string is a milder grade
      const automatic = opts.automatic === true || isSystem(actor);
      if (lowering && automatic) return before; // automatic changes only ever raise
      const reason = opts.reason?.trim() || null;
      if (lowering && !reason) {
        throw new IncidentError(
          'invalid',
          'INCIDENT_REASON_REQUIRED',
          '降低事件等级必须填写理由（将记录在案）',
        );
      }
      const now = this.clock.now();
      const after = await updateIncident(em, incidentId, { grade }, now);
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action: automatic ? 'grade_raised' : 'regrade',
          before: { grade: before.grade, version: before.version },
          after: { grade, version: after.version },
          comment: reason ?? `${GRADE_LABELS[before.grade]} → ${GRADE_LABELS[grade]}`,
        },
      ]);
      if (!automatic) {
        const note = `调整等级 ${before.grade}→${grade}${reason ? `：${reason}` : ''}`;
        await this.labels.record(em, {
          incidentId,
          actor,
          alert: true,
          category: after.category,
          bureauCode: after.bureauCode,
          note,
        });
      }
      await this.listeners.gradeChanged(em, after, before.grade, grade, actor);
      return after;
    });
  }
}
