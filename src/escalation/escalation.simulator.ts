import { Injectable } from '@nestjs/common';
import { Clock } from '../infrastructure/clock/clock';
import { adder, planClock } from './clock-timing';
import { advance, pendingStep, stepTime } from './escalation-ladder';
import { isPolicyKey, GRADE_POLICY_KEYS } from './escalation-policy';
import { EscalationPolicyService } from './escalation-policy.service';
import { EscalationConfig } from './escalation.config';
import { EscalationDirectory, toRecipients } from './escalation.directory';
import { escalationError } from './escalation.errors';
import type { ClockKind, Recipient } from './escalation.types';

export interface SimulatedMail {
  at: Date;
  /** null: the first notice when the clocks start. */
  clockKind: ClockKind | null;
  dueAt: Date | null;
  stepNo: number | null;
  repeat: number;
  bureauCode: string | null;
  fallbackFrom: string[];
  recipients: Recipient[];
  /** True when the step reached nobody and was skipped. */
  skipped: boolean;
}

/**
 * "Who would be emailed when" for a confirmed incident of this grade at this bureau, if nobody ever acts: the same
 * policy, calendar, ladder and directory the engine uses, without touching the database beyond reading.
 */
@Injectable()
export class EscalationSimulator {
  constructor(
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly policies: EscalationPolicyService,
    private readonly directory: EscalationDirectory,
  ) {}

  async simulate(input: {
    grade: string;
    bureauCode: string;
    at?: Date;
  }): Promise<{ policyVersion: number; mails: SimulatedMail[] }> {
    if (!isPolicyKey(input.grade) || !(GRADE_POLICY_KEYS as readonly string[]).includes(input.grade)) {
      throw escalationError(
        'invalid',
        'ESCALATION_BAD_INPUT',
        `等级必须是 ${GRADE_POLICY_KEYS.join('、')} 之一`,
      );
    }
    if (!(await this.directory.bureau(input.bureauCode))) {
      throw escalationError('invalid', 'ESCALATION_BAD_INPUT', `单位 ${input.bureauCode} 不存在`);
    }
    const at = input.at ?? this.clock.now();
    const current = await this.policies.current(input.grade);
    const lookup = this.directory.lookup();
    const first = await lookup.firstWithContacts(input.bureauCode);
    const notify = first.bureau?.code ?? input.bureauCode;
    const mails: SimulatedMail[] = [
      {
        at,
        clockKind: null,
        dueAt: null,
        stepNo: null,
        repeat: 0,
        bureauCode: first.bureau?.code ?? null,
        fallbackFrom: first.fallbackFrom,
        recipients: first.bureau
          ? toRecipients(await lookup.contacts(first.bureau.code), first.bureau, current.policy.notifyAtStart)
          : [],
        skipped: false,
      },
    ];
    for (const cp of current.policy.clocks) {
      const planned = planClock(
        input.grade,
        current.version,
        current.policy,
        cp,
        this.config.ESCALATION_WORKING_HOURS,
        { detectedAt: at, confirmedAt: at },
      );
      const add = adder(planned.snapshot);
      let state = { stepIndex: 0, repeatCount: 0 };
      let next = planned.nextStepAt;
      for (let guard = 0; next && guard < 50; guard++) {
        const p = pendingStep(cp, state);
        if (!p) break;
        const target = await lookup.resolve(notify, p.step);
        state = advance(cp, state);
        const skipped = target.recipients.length === 0;
        mails.push({
          at: next,
          clockKind: cp.kind,
          dueAt: planned.dueAt,
          stepNo: p.stepNo,
          repeat: p.repeat,
          bureauCode: target.bureau?.code ?? null,
          fallbackFrom: target.fallbackFrom,
          recipients: target.recipients,
          skipped,
        });
        next = skipped
          ? pendingStep(cp, state)
            ? next
            : null
          : stepTime(cp, state, planned.dueAt, next, add);
      }
    }
    mails.sort((a, b) => a.at.getTime() - b.at.getTime());
    return { policyVersion: current.version, mails };
  }
}
