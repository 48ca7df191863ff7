/**
 * From a policy to a clock's instants (pure): deadline, first step, 漏报 check. Uses the working hours frozen in the
 * snapshot, so a later change of ESCALATION_WORKING_HOURS does not move running clocks either.
 */
import { AddMinutes, stepTime } from './escalation-ladder';
import { snapshotOf } from '../policy/escalation-policy';
import type { ClockPolicy, EscalationPolicy, PolicySnapshot } from '../escalation.types';
import {
  addMinutes,
  deadline,
  parseWorkingHours,
  WorkdayCalendar,
  officialCalendar,
  WorkingHours,
} from './working-time';

const parsed = new Map<string, WorkingHours>();

function hoursOf(spec: string): WorkingHours {
  let h = parsed.get(spec);
  if (!h) {
    h = parseWorkingHours(spec);
    parsed.set(spec, h);
  }
  return h;
}

export function adder(
  snapshot: Pick<PolicySnapshot, 'calendar' | 'workingHours'>,
  calendar: WorkdayCalendar = officialCalendar,
): AddMinutes {
  const hours = hoursOf(snapshot.workingHours);
  return (d, m) => addMinutes(d, m, snapshot.calendar, hours, calendar);
}

export interface PlannedClock {
  startedAt: Date;
  dueAt: Date;
  nextStepAt: Date | null;
  findingCheckAt: Date | null;
  snapshot: PolicySnapshot;
}

/** 漏报 is about grades Ⅰ–Ⅲ (DOMAIN.md "Reporting failures"); Ⅳ is reported in the monthly figures. */
export function checksMissedReport(policyKey: string, kind: string): boolean {
  return kind === 'first_report' && ['I', 'II', 'III'].includes(policyKey);
}

export function planClock(
  policyKey: string,
  version: number,
  policy: EscalationPolicy,
  clock: ClockPolicy,
  workingHours: string,
  anchors: { detectedAt: Date; confirmedAt: Date },
  calendar: WorkdayCalendar = officialCalendar,
): PlannedClock {
  const snapshot = snapshotOf(policyKey, version, policy, clock, workingHours);
  const startedAt = clock.anchor === 'detected' ? anchors.detectedAt : anchors.confirmedAt;
  const hours = hoursOf(workingHours);
  const dueAt = deadline(startedAt, clock, snapshot.calendar, hours, calendar);
  const add = adder(snapshot, calendar);
  return {
    startedAt,
    dueAt,
    nextStepAt: stepTime(clock, { stepIndex: 0, repeatCount: 0 }, dueAt, null, add),
    findingCheckAt: checksMissedReport(policyKey, clock.kind) ? add(dueAt, policy.missedGraceMinutes) : null,
    snapshot,
  };
}

/** The next step of a clock whose deadline moved (extension, stricter grade), keeping the steps already taken. */
export function rescheduleAfterDueChange(
  snapshot: PolicySnapshot,
  state: { stepIndex: number; repeatCount: number },
  newDue: Date,
  calendar: WorkdayCalendar = officialCalendar,
): Date | null {
  const add = adder(snapshot, calendar);
  // Steps already taken stay taken; the next one counts from the new deadline as the first one would.
  const p =
    snapshot.clock.steps[state.stepIndex] ??
    (state.repeatCount < snapshot.clock.repeat ? snapshot.clock.steps.at(-1) : undefined);
  if (!p) return null;
  return add(
    newDue,
    state.stepIndex < snapshot.clock.steps.length ? p.delayMinutes : (snapshot.clock.repeatEveryMinutes ?? 0),
  );
}
