import { Injectable } from '@nestjs/common';
import { authorize, can } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { adder, planClock } from './clock-timing';
import { advance, pendingStep, stepTime } from './escalation-ladder';
import { isPolicyKey, GRADE_POLICY_KEYS } from '../policy/escalation-policy';
import { EscalationPolicyService } from '../policy/escalation-policy.service';
import { EscalationConfig } from '../escalation.config';
import { EscalationDirectory, toRecipients } from './escalation.directory';
import { escalationError } from '../escalation.errors';
import type { ClockKind, EscalationPolicy, Recipient } from '../escalation.types';

/** A recipient as the caller may see it: name and email are null outside the caller's reach (contacts.view). */
export type SimulatedRecipient = Omit<Recipient, 'name' | 'email'> & {
  name: string | null;
  email: string | null;
};

export interface SimulatedMail {
  at: Date;
  /** null: the first notice when the clocks start. */
  clockKind: ClockKind | null;
  dueAt: Date | null;
  stepNo: number | null;
  repeat: number;
  bureauCode: string | null;
  fallbackFrom: string[];
  recipients: SimulatedRecipient[];
  /** True when the step reached nobody and was skipped. */
  skipped: boolean;
}

/**
 * "Who would be emailed when" for a confirmed incident of this grade at this bureau, if nobody ever acts: the same
 * policy, calendar, ladder and directory the engine uses, without touching the database beyond reading. Asked over
 * HTTP (a `viewer`), the bureau must be within the viewer's reach (escalation.simulate) and the people of bureaus
 * beyond it — the superiors the ladder climbs to — keep their role and bureau but lose name and email; the CLI,
 * run by an operator on the server, sees everyone.
 */
@Injectable()
export class EscalationSimulator {
  constructor(
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly policies: EscalationPolicyService,
    private readonly directory: EscalationDirectory,
  ) {}

  /** `policy`: an edited policy not yet saved (the policy form's 预览); otherwise the current version. */
  async simulate(
    input: { grade: string; bureauCode: string; at?: Date; policy?: EscalationPolicy },
    viewer?: Principal,
  ): Promise<{ policyVersion: number; mails: SimulatedMail[] }> {
    if (!isPolicyKey(input.grade) || !(GRADE_POLICY_KEYS as readonly string[]).includes(input.grade)) {
      throw escalationError(
        'invalid',
        'ESCALATION_BAD_INPUT',
        `等级必须是 ${GRADE_POLICY_KEYS.join('、')} 之一`,
      );
    }
    const simulated = await this.directory.bureau(input.bureauCode);
    if (!simulated) {
      throw escalationError('invalid', 'ESCALATION_BAD_INPUT', `单位 ${input.bureauCode} 不存在`);
    }
    if (viewer) authorize(viewer, 'escalation.simulate', { bureauPath: simulated.path });
    const at = input.at ?? this.clock.now();
    const current = input.policy
      ? { version: 0, policy: input.policy }
      : await this.policies.current(input.grade);
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
    if (viewer) for (const m of mails) m.recipients = await this.masked(viewer, m.recipients);
    return { policyVersion: current.version, mails };
  }

  private async masked(viewer: Principal, people: SimulatedRecipient[]): Promise<SimulatedRecipient[]> {
    const out: SimulatedRecipient[] = [];
    for (const r of people) {
      const bureau = await this.directory.bureau(r.bureauCode);
      const visible = bureau !== null && can(viewer, 'contacts.view', { bureauPath: bureau.path });
      out.push(visible ? r : { ...r, name: null, email: null });
    }
    return out;
  }
}
