import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import { ClockSubjects } from './clock-subjects';
import { adder, checksMissedReport, planClock, rescheduleAfterDueChange } from './clock-timing';
import { insertClocks, CLOCK_COLUMNS } from './escalation-clock.store';
import { pendingStep, plannedSteps } from './escalation-ladder';
import { NextStepInfo, MailClock } from '../mail/escalation-mail';
import { clockPolicy, isPolicyKey, snapshotOf } from '../policy/escalation-policy';
import { EscalationPolicyService } from '../policy/escalation-policy.service';
import { EscalationConfig } from '../escalation.config';
import { ContactLookup, EscalationDirectory } from './escalation.directory';
import { escalationError } from '../escalation.errors';
import type { ClockKind, ClockPolicy, ClockRow, SubjectKind } from '../escalation.types';
import { LATE_KINDS, minutesLateLabel, sqlSecondsLate } from '../findings/reporting-findings';
import { ReportingFindingsService } from '../findings/reporting-findings.service';
import { addMinutes, parseWorkingHours } from './working-time';

/** contracts.md "Escalation": a clock for any subject kind, with the ladder of a policy. */
export interface StartClockInput {
  subjectKind: SubjectKind;
  subjectId: string;
  bureauCode: string;
  kind: ClockKind;
  /** Either the deadline itself… */
  dueAt?: Date;
  /** …or a length, of working time when `workingTime` is true. */
  durationMinutes?: number;
  workingTime?: boolean;
  /** 'I'…'IV' or 'explanation': whose ladder (and snapshot) the clock carries. */
  policyKey: string;
  grade?: string | null;
  /** Defaults to now. */
  startedAt?: Date;
}

export interface MeetClockInput {
  subjectKind: SubjectKind;
  subjectId: string;
  kind: ClockKind;
  at: Date;
  actor: Actor;
  /** What met it (the 上报 form, a comment): kept on its deadline_met event and on any 迟报 finding. */
  evidence?: Record<string, unknown>;
}

/** Starting, meeting, cancelling and moving clocks; every write in the caller's transaction. */
@Injectable()
export class EscalationService {
  private readonly log = rootLogger().child({ ctx: 'escalation' });

  constructor(
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly policies: EscalationPolicyService,
    private readonly directory: EscalationDirectory,
    private readonly subjects: ClockSubjects,
    private readonly findings: ReportingFindingsService,
  ) {}

  workingHours(): string {
    return this.config.ESCALATION_WORKING_HOURS;
  }

  async startClock(em: EntityManager, input: StartClockInput): Promise<ClockRow | null> {
    if (!isPolicyKey(input.policyKey)) {
      throw escalationError('invalid', 'ESCALATION_POLICY_UNKNOWN', `策略 ${input.policyKey} 不存在`);
    }
    const now = this.clock.now();
    const startedAt = input.startedAt ?? now;
    const current = await this.policies.current(input.policyKey, em);
    const base: ClockPolicy = clockPolicy(current.policy, input.kind) ?? {
      kind: input.kind,
      minutes: 1,
      anchor: 'confirmed',
      steps: [],
      repeat: 0,
    };
    let planned = planClock(input.policyKey, current.version, current.policy, base, this.workingHours(), {
      detectedAt: startedAt,
      confirmedAt: startedAt,
    });
    if (input.dueAt || input.durationMinutes !== undefined) {
      const calendar =
        input.workingTime === undefined ? planned.snapshot.calendar : input.workingTime ? 'working' : '24x7';
      const snapshot = {
        ...snapshotOf(input.policyKey, current.version, current.policy, base, this.workingHours()),
        calendar,
      } as const;
      const dueAt =
        input.dueAt ??
        addMinutes(startedAt, input.durationMinutes!, calendar, parseWorkingHours(this.workingHours()));
      if (dueAt.getTime() < startedAt.getTime())
        throw escalationError('invalid', 'ESCALATION_CLOCK_INVALID', '截止时间早于开始时间');
      const add = adder(snapshot);
      planned = {
        startedAt,
        dueAt,
        snapshot,
        nextStepAt: base.steps.length ? add(dueAt, base.steps[0].delayMinutes) : null,
        findingCheckAt: checksMissedReport(input.policyKey, input.kind)
          ? add(dueAt, current.policy.missedGraceMinutes)
          : null,
      };
    }
    const { bureau } = await this.directory.lookup().firstWithContacts(input.bureauCode);
    const [row] = await insertClocks(
      em,
      [
        {
          subjectKind: input.subjectKind,
          subjectId: input.subjectId,
          bureauCode: input.bureauCode,
          notifyBureauCode: bureau?.code ?? input.bureauCode,
          kind: input.kind,
          grade: input.grade ?? null,
          startedAt: planned.startedAt,
          dueAt: planned.dueAt,
          nextStepAt: planned.nextStepAt,
          findingCheckAt: planned.findingCheckAt,
          policyKey: input.policyKey,
          policySnapshot: planned.snapshot,
        },
      ],
      now,
    );
    if (row)
      this.log.info(
        {
          clockId: row.id,
          subject: `${input.subjectKind}:${input.subjectId}`,
          kind: input.kind,
          dueAt: row.dueAt,
        },
        'clock started',
      );
    return row ?? null;
  }

  /** Stops the live clock of this kind (met). A first or written report past its deadline is recorded as 迟报. */
  async meetClock(em: EntityManager, input: MeetClockInput): Promise<ClockRow | null> {
    const [c]: ClockRow[] = await em.query(
      `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c WHERE c.subject_kind = $1 AND c.subject_id = $2 AND c.kind = $3
          AND c.status IN ('running','missed') FOR UPDATE`,
      [input.subjectKind, input.subjectId, input.kind],
    );
    if (!c) return null;
    // lateness is computed by the same SQL the monthly figures use (sqlSecondsLate), from the stored values
    const [rows]: [{ late: number }[]] = await em.query(
      `UPDATE escalation_clocks SET status = 'met', met_at = $2, met_by = $3, next_step_at = NULL, finding_check_at = NULL,
              version = version + 1, updated_at = $4 WHERE id = $1 RETURNING ${sqlSecondsLate('due_at', 'met_at')} AS late`,
      [c.id, input.at, input.actor.label.slice(0, 300), this.clock.now()],
    );
    if (!rows?.length) return null;
    const late = rows[0].late;
    const events = [
      {
        subjectId: input.subjectId,
        at: input.at,
        action: 'deadline_met',
        after: {
          clockId: c.id,
          kind: c.kind,
          dueAt: c.dueAt,
          metAt: input.at,
          minutesLate: minutesLateLabel(late),
          secondsLate: Math.max(0, late),
          by: input.actor.label,
          // what met the clock (for a report: how, to whom, the 文号), kept on the row the deadline log reads
          ...(input.evidence ? { evidence: input.evidence } : {}),
        },
      },
    ];
    await this.subjects.get(input.subjectKind).recordEvents?.(em, events);
    if (input.subjectKind === 'incident' && (LATE_KINDS as readonly string[]).includes(c.kind) && late > 0) {
      await this.findings.record(em, [
        {
          incidentId: input.subjectId,
          bureauCode: c.bureauCode,
          kind: 'late',
          at: input.at,
          clockId: c.id,
          evidence: {
            clockKind: c.kind,
            dueAt: c.dueAt,
            reportedAt: input.at,
            secondsLate: late,
            minutesLate: minutesLateLabel(late),
            by: input.actor.label,
            ...input.evidence,
          },
        },
      ]);
    }
    this.log.info(
      { clockId: c.id, subject: `${input.subjectKind}:${input.subjectId}`, kind: c.kind, secondsLate: late },
      'clock met',
    );
    return { ...c, status: 'met', metAt: input.at, nextStepAt: null, findingCheckAt: null };
  }

  /**
   * Cancels the live clocks of a subject. `keepMissedCheck`: a closed incident that was never reported is still
   * checked for 漏报 at due + grace; a dismissed one (a false positive) is not.
   */
  async cancelClocks(
    em: EntityManager,
    subjectKind: string,
    subjectId: string,
    reason: string,
    keepMissedCheck: boolean,
  ): Promise<number> {
    const [rows] = await em.query(
      `UPDATE escalation_clocks SET status = 'cancelled', next_step_at = NULL, cancel_reason = $3,
              finding_check_at = CASE WHEN $4 THEN finding_check_at ELSE NULL END, version = version + 1, updated_at = $5
        WHERE subject_kind = $1 AND subject_id = $2 AND status IN ('running','missed') RETURNING id`,
      [subjectKind, subjectId, reason, keepMissedCheck, this.clock.now()],
    );
    return rows?.length ?? 0;
  }

  /** A new deadline for a live clock (approved extension, stricter grade); steps already taken stay taken. */
  async moveDue(em: EntityManager, c: ClockRow, newDue: Date, snapshot = c.policySnapshot): Promise<void> {
    const now = this.clock.now();
    const stillRunning = newDue.getTime() > now.getTime();
    const add = adder(snapshot);
    const policyKey = snapshot.policyKey;
    const grace = isPolicyKey(policyKey)
      ? (await this.policies.current(policyKey, em)).policy.missedGraceMinutes
      : 0;
    await em.query(
      `UPDATE escalation_clocks SET due_at = $2, status = $3, next_step_at = $4, finding_check_at = $5, policy_snapshot = $6,
              version = version + 1, updated_at = $7 WHERE id = $1`,
      [
        c.id,
        newDue,
        stillRunning ? 'running' : c.status,
        rescheduleAfterDueChange(snapshot, c, newDue),
        c.findingCheckAt || checksMissedReport(policyKey, c.kind) ? add(newDue, grace) : null,
        JSON.stringify(snapshot),
        now,
      ],
    );
  }

  /** What happens next if nobody acts: the earliest step of these clocks that reaches somebody. */
  async nextStepInfo(lookup: ContactLookup, clocks: ClockRow[]): Promise<NextStepInfo | null> {
    const live = clocks.filter((c) => (c.status === 'running' || c.status === 'missed') && c.nextStepAt);
    live.sort((a, b) => a.nextStepAt!.getTime() - b.nextStepAt!.getTime());
    for (const c of live) {
      const plan = plannedSteps(c.policySnapshot.clock, c, c.dueAt, c.nextStepAt, adder(c.policySnapshot));
      for (const p of plan) {
        const target = await lookup.resolve(c.notifyBureauCode, p.step);
        // a step that reaches nobody is skipped at once: the next one fires at its time
        if (target.recipients.length && target.bureau) {
          return { at: plan[0].at, clockKind: c.kind, bureauName: target.bureau.name, roles: p.step.roles };
        }
      }
    }
    return null;
  }

  mailClocks(clocks: ClockRow[]): MailClock[] {
    return clocks
      .filter((c) => c.status !== 'cancelled')
      .map((c) => ({ kind: c.kind, dueAt: c.dueAt, status: c.status, metAt: c.metAt }));
  }

  hasPending(c: ClockRow): boolean {
    return pendingStep(c.policySnapshot.clock, c) !== null;
  }
}
