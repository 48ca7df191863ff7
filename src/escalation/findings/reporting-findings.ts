/**
 * Reporting failures (DOMAIN.md; pure, reporting-findings.spec.ts):
 *  - 迟报 late: the upward report came after its deadline;
 *  - 漏报 missed: a grade Ⅰ–Ⅲ incident never reported by its deadline plus a grace period (found by the engine);
 *  - 瞒报 concealed: the unit dismissed or downgraded an incident that a superior, or the spread evidence (the
 *    system's automatic grading), later confirmed or upgraded;
 *  - 疑似瞒报 suspected_concealment (issue 12): the unit dismissed its own incident after it had been confirmed (by the
 *    spread evidence, at grade Ⅰ/Ⅱ). Not 瞒报 yet — its superior looks at it, and confirming it again makes it one —
 *    but never silent.
 * Whether an actor is "the unit" or "a superior" is decided by bureau paths: the unit is the incident's bureau and
 * everything below it; a superior is any bureau above it. Anyone else (a sibling bureau) is neither.
 */
import type { Grade } from '../../incidents/incident.types';

export type ActorRelation = 'unit' | 'superior' | 'system' | 'other';

export function actorRelation(
  actor: { isSystem: boolean; bureauPath: string | null },
  incidentBureauPath: string | null,
): ActorRelation {
  if (actor.isSystem) return 'system';
  if (!actor.bureauPath || !incidentBureauPath) return 'other';
  if (actor.bureauPath.startsWith(incidentBureauPath)) return 'unit';
  if (incidentBureauPath.startsWith(actor.bureauPath)) return 'superior';
  return 'other';
}

/** A reversal by a superior or by the spread evidence of what the unit itself played down. */
export function isConcealment(prior: ActorRelation, reversal: ActorRelation): boolean {
  return prior === 'unit' && (reversal === 'superior' || reversal === 'system');
}

/** A confirmed incident dismissed by its own unit (a superior dismissing it is its judgement to make). */
export function isSuspectedConcealment(dismissedBy: ActorRelation): boolean {
  return dismissedBy === 'unit';
}

/** 'I' is the most severe: a lowering makes the grade string larger. */
export function isLowering(from: Grade, to: Grade): boolean {
  return to > from;
}

/** Did a raise to `to` undo (at least partly) a lowering to `loweredTo`? */
export function undoesLowering(loweredTo: Grade, raisedTo: Grade): boolean {
  return raisedTo < loweredTo;
}

/**
 * Lateness — THE definition, used by the 迟报 finding (EscalationService.meetClock) and by the monthly on-time rates
 * (statistics figure-definitions.ts): any positive delay, to the second. A deadline is met late when the second it
 * was met in comes after the second of the deadline. (Rounding to minutes once let a report 29 s late escape the
 * finding while the figures counted it late.) The SQL and the TypeScript forms are checked against each other in
 * reporting-findings.spec.ts and in the issue 12 tests.
 */
export function sqlSecondsLate(dueAt: string, metAt: string): string {
  return `(floor(extract(epoch FROM ${metAt})) - floor(extract(epoch FROM ${dueAt})))::int`;
}

/** The same rule for values already in memory, for code with no query at hand (agreement: issue 12 point 14 test). */
export function secondsLate(dueAt: Date, metAt: Date): number {
  return Math.floor(metAt.getTime() / 1000) - Math.floor(dueAt.getTime() / 1000);
}

/** Whole minutes late, rounded up, for people to read (a report 20 s late is "1 minute" late, never "0"). */
export function minutesLateLabel(seconds: number): number {
  return Math.max(0, Math.ceil(seconds / 60));
}

export const LATE_KINDS = ['first_report', 'written_report'] as const;
