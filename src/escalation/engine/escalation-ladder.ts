/**
 * Where a clock stands on its ladder and when its next step fires (pure; escalation-ladder.spec.ts).
 *
 * State on the row: `step_index` = escalation steps applied so far, `repeat_count` = repeats of the last step done.
 * Times are planned, not observed: each step fires at the previous step's planned time plus its delay, so a clock
 * that was due while the service was down catches up on start and every later step keeps its original minute.
 */
import type { ClockPolicy, EscalationStep } from '../escalation.types';

export interface LadderState {
  stepIndex: number;
  repeatCount: number;
}

export interface PendingStep {
  step: EscalationStep;
  /** 0-based index of the step in the ladder. */
  stepNo: number;
  /** 0 for the first time a step fires, 1… for its repeats. */
  repeat: number;
}

/** The step that fires next, or null when the ladder is exhausted. */
export function pendingStep(policy: ClockPolicy, s: LadderState): PendingStep | null {
  const n = policy.steps.length;
  if (s.stepIndex < n) return { step: policy.steps[s.stepIndex], stepNo: s.stepIndex, repeat: 0 };
  if (n > 0 && s.repeatCount < policy.repeat)
    return { step: policy.steps[n - 1], stepNo: n - 1, repeat: s.repeatCount + 1 };
  return null;
}

/** The state after the pending step was applied (or skipped). */
export function advance(policy: ClockPolicy, s: LadderState): LadderState {
  return s.stepIndex < policy.steps.length
    ? { stepIndex: s.stepIndex + 1, repeatCount: s.repeatCount }
    : { stepIndex: s.stepIndex, repeatCount: s.repeatCount + 1 };
}

export type AddMinutes = (from: Date, minutes: number) => Date;

/**
 * When the pending step of state `s` fires. `previousAt` is the planned time of the step just applied (unused for
 * the first step, which counts from the deadline).
 */
export function stepTime(
  policy: ClockPolicy,
  s: LadderState,
  dueAt: Date,
  previousAt: Date | null,
  add: AddMinutes,
): Date | null {
  const next = pendingStep(policy, s);
  if (!next) return null;
  if (s.stepIndex === 0) return add(dueAt, next.step.delayMinutes);
  const from = previousAt ?? dueAt;
  return next.repeat > 0 ? add(from, policy.repeatEveryMinutes ?? 0) : add(from, next.step.delayMinutes);
}

export interface PlannedStep extends PendingStep {
  at: Date;
}

/**
 * Every step of a clock from state `s` on, assuming nobody acts and every step reaches someone: for the mails'
 * "what happens next", the CLI simulation and the console.
 */
export function plannedSteps(
  policy: ClockPolicy,
  s: LadderState,
  dueAt: Date,
  nextAt: Date | null,
  add: AddMinutes,
): PlannedStep[] {
  const out: PlannedStep[] = [];
  let state = s;
  let at = nextAt;
  for (let guard = 0; at && guard < 50; guard++) {
    const p = pendingStep(policy, state);
    if (!p) break;
    out.push({ ...p, at });
    state = advance(policy, state);
    at = stepTime(policy, state, dueAt, at, add);
  }
  return out;
}
