import { Injectable } from '@nestjs/common';
import { ClockSubjects, SubjectDescription, SubjectEvent } from './clock-subjects';
import { adder } from './clock-timing';
import { ClockUpdate, toUpdate } from './escalation-clock.store';
import { advance, pendingStep, stepTime } from './escalation-ladder';
import { renderNotice } from '../mail/escalation-mail';
import { ContactLookup, EscalationDirectory } from './escalation.directory';
import { mailPriority, Outgoing } from '../mail/escalation.notifier';
import { EscalationService } from './escalation.service';
import type { ClockRow } from '../escalation.types';
import { actionsFor } from '../incident/incident-notices.service';
import type { NewFinding } from '../findings/reporting-findings.service';
import { unreachedAlerts } from './unreached-alert';

export interface EngineRun {
  claimed: number;
  /** Clocks left for the next tick because their subject was being changed at that moment. */
  deferred: number;
  steps: number;
  skippedSteps: number;
  mails: number;
  missed: number;
  findings: number;
  cancelled: number;
}

/** Bound on steps applied to one clock in one run (10 steps + 10 repeats at most, by validation). */
const MAX_STEPS_PER_RUN = 25;

export interface Batch {
  now: Date;
  lookup: ContactLookup;
  descriptions: Map<string, SubjectDescription>;
  subjectClocks: Map<string, ClockRow[]>;
  out: Outgoing[];
  events: Map<string, SubjectEvent[]>;
  findings: NewFinding[];
  updates: ClockUpdate[];
  run: EngineRun;
}

/**
 * What is due on one claimed clock, applied in memory (the engine writes the batch): the deadline passing (missed),
 * the 漏报 check, and every ladder step whose planned time has come — a step that reaches nobody is skipped at once
 * and alerts the level above.
 */
@Injectable()
export class ClockStepApplier {
  constructor(
    private readonly subjects: ClockSubjects,
    private readonly directory: EscalationDirectory,
    private readonly escalation: EscalationService,
  ) {}

  async apply(b: Batch, c: ClockRow): Promise<void> {
    const { now } = b;
    const u = toUpdate(c);
    const desc = b.descriptions.get(`${c.subjectKind}:${c.subjectId}`);
    const event = (action: string, after: unknown, comment?: string) =>
      pushTo(b.events, c.subjectKind, {
        subjectId: c.subjectId,
        at: now,
        action,
        after,
        comment: comment ?? null,
      });
    if (u.status === 'running' && c.dueAt <= now) {
      u.status = 'missed';
      b.run.missed++;
      event('deadline_missed', { clockId: c.id, kind: c.kind, dueAt: c.dueAt });
    }
    if (c.findingCheckAt && c.findingCheckAt <= now) {
      u.findingCheckAt = null;
      if (!c.metAt && c.subjectKind === 'incident') {
        b.findings.push({
          incidentId: c.subjectId,
          bureauCode: c.bureauCode,
          kind: 'missed',
          at: now,
          clockId: c.id,
          evidence: {
            clockKind: c.kind,
            grade: c.grade,
            dueAt: c.dueAt,
            checkedAt: now,
            clockStatus: c.status,
          },
        });
      }
    }
    const policy = c.policySnapshot.clock;
    const add = adder(c.policySnapshot);
    for (
      let i = 0;
      i < MAX_STEPS_PER_RUN &&
      u.nextStepAt &&
      u.nextStepAt <= now &&
      (u.status === 'running' || u.status === 'missed');
      i++
    ) {
      const p = pendingStep(policy, u);
      if (!p) {
        u.nextStepAt = null;
        break;
      }
      const planned = u.nextStepAt;
      const target = await b.lookup.resolve(c.notifyBureauCode, p.step);
      Object.assign(u, advance(policy, u));
      const stepKey = `esc:${c.subjectKind}:${c.subjectId}:clock:${c.id}:step:${p.stepNo}:r${p.repeat}`;
      if (target.recipients.length === 0 || !desc) {
        // A step that reaches nobody is skipped at once (the next one fires at this one's time), and is itself an
        // alert: the next level up and HQ's office hear whom the system could not reach (issue 12 point 19).
        b.run.skippedSteps++;
        const intended = desc ? await this.directory.ancestor(c.notifyBureauCode, p.step.up) : null;
        const alerts = intended
          ? await unreachedAlerts(this.directory, b.lookup, {
              subjectKind: c.subjectKind,
              subjectId: c.subjectId,
              clockId: c.id,
              bureau: intended,
              notice: {
                roles: p.step.roles,
                clockKind: c.kind,
                dueAt: c.dueAt,
                plannedAt: planned,
                kept: false,
              },
              subject: desc!,
              clocks: this.escalation.mailClocks(
                b.subjectClocks.get(`${c.subjectKind}:${c.subjectId}`) ?? [c],
              ),
              now,
              keyPrefix: stepKey,
            })
          : [];
        b.out.push(...alerts);
        event('escalation_step_skipped', {
          clockId: c.id,
          kind: c.kind,
          stepNo: p.stepNo,
          repeat: p.repeat,
          up: p.step.up,
          roles: p.step.roles,
          fallbackFrom: target.fallbackFrom,
          alerted: alerts.map((a) => a.recipient.email),
        });
        u.nextStepAt = pendingStep(policy, u) ? planned : null;
        continue;
      }
      b.run.steps++;
      u.nextStepAt = stepTime(policy, u, c.dueAt, planned, add);
      u.lastStepAt = now;
      const after = { ...c, ...u, status: u.status as ClockRow['status'] } as ClockRow;
      const clocks = (b.subjectClocks.get(`${c.subjectKind}:${c.subjectId}`) ?? [c]).map((x) =>
        x.id === c.id ? after : x,
      );
      const next = await this.escalation.nextStepInfo(b.lookup, [after]);
      const responsible = await this.directory.bureau(c.bureauCode);
      const handlerActions = this.subjects.get(c.subjectKind).actions ?? [];
      const actions = p.step.up === 0 ? actionsFor(clocks).filter((a) => handlerActions.includes(a)) : [];
      const mailClocks = this.escalation.mailClocks(clocks);
      for (const r of target.recipients) {
        b.out.push({
          subjectKind: c.subjectKind,
          subjectId: c.subjectId,
          clockId: c.id,
          reason: p.repeat > 0 ? 'repeat' : 'step',
          stepNo: p.stepNo,
          repeat: p.repeat,
          recipient: r,
          fallbackFrom: target.fallbackFrom,
          dedupeKey: `${stepKey}:to:${r.email.toLowerCase()}`,
          kind: 'escalation.step',
          priority: mailPriority(desc, false),
          actions,
          render: (links) =>
            renderNotice({
              reason: p.repeat > 0 ? 'repeat' : 'step',
              subject: desc,
              recipient: r,
              now,
              clocks: mailClocks,
              trigger: {
                clockKind: c.kind,
                dueAt: c.dueAt,
                up: p.step.up,
                responsibleBureauName: responsible?.name ?? c.bureauCode,
                plannedAt: planned,
              },
              next,
              actions: links,
            }),
        });
      }
      event(
        'escalation_step',
        {
          clockId: c.id,
          kind: c.kind,
          stepNo: p.stepNo,
          repeat: p.repeat,
          plannedAt: planned,
          bureau: target.bureau?.code,
          fallbackFrom: target.fallbackFrom,
          recipients: target.recipients.map((r) => ({ name: r.name, email: r.email, role: r.role })),
        },
        target.fallbackFrom.length
          ? `${target.fallbackFrom.join('、')} 未登记联系人，改为通知 ${target.bureau?.name}`
          : undefined,
      );
    }
    b.updates.push(u);
  }
}

function pushTo<T>(m: Map<string, T[]>, key: string, value: T): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}
