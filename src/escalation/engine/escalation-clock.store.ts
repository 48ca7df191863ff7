import type { EntityManager } from 'typeorm';
import type { ClockRow, PolicySnapshot } from '../escalation.types';

/** SQL of escalation_clocks: the engine's claim and batched writes (GoAlert's "query due rows / apply update"). */
export const CLOCK_COLUMNS = `c.id::text, c.subject_kind AS "subjectKind", c.subject_id::text AS "subjectId",
  c.bureau_code AS "bureauCode", c.notify_bureau_code AS "notifyBureauCode", c.kind, c.grade,
  c.started_at AS "startedAt", c.due_at AS "dueAt", c.met_at AS "metAt", c.status, c.next_step_at AS "nextStepAt",
  c.step_index AS "stepIndex", c.repeat_count AS "repeatCount", c.finding_check_at AS "findingCheckAt",
  c.policy_snapshot AS "policySnapshot", c.version`;

/**
 * Clocks needing attention at `now`: a step is due, a running deadline passed, or a 漏报 check is due. Oldest first;
 * rows another engine holds are skipped, so several instances share the work without waiting on each other.
 */
export function claimDue(em: EntityManager, now: Date, limit: number): Promise<ClockRow[]> {
  return em.query(
    `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c
      WHERE c.next_step_at <= $1 OR (c.status = 'running' AND c.due_at <= $1) OR c.finding_check_at <= $1
      ORDER BY LEAST(coalesce(c.next_step_at, 'infinity'), CASE WHEN c.status = 'running' THEN c.due_at ELSE 'infinity' END,
                     coalesce(c.finding_check_at, 'infinity')), c.id
      LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

export function clocksOf(
  em: EntityManager,
  subjectKind: string,
  subjectId: string,
  opts: { lock?: boolean; live?: boolean } = {},
): Promise<ClockRow[]> {
  return em.query(
    `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c WHERE c.subject_kind = $1 AND c.subject_id = $2
       ${opts.live ? `AND c.status IN ('running','missed')` : ''} ORDER BY c.id ${opts.lock ? 'FOR UPDATE' : ''}`,
    [subjectKind, subjectId],
  );
}

/** Every clock of these subjects that was not cancelled (what a mail lists as deadlines). */
export function clocksOfMany(
  em: EntityManager,
  subjectKind: string,
  subjectIds: string[],
): Promise<ClockRow[]> {
  return clocksOfSubjects(em, subjectKind, subjectIds, `c.status <> 'cancelled'`);
}

/** The running and missed clocks of these subjects. */
export function liveClocksOfMany(
  em: EntityManager,
  subjectKind: string,
  subjectIds: string[],
): Promise<ClockRow[]> {
  return clocksOfSubjects(em, subjectKind, subjectIds, `c.status IN ('running','missed')`);
}

/** `statusCondition` is a fixed SQL condition on c.status (never user input). */
function clocksOfSubjects(
  em: EntityManager,
  subjectKind: string,
  subjectIds: string[],
  statusCondition: string,
): Promise<ClockRow[]> {
  return em.query(
    `SELECT ${CLOCK_COLUMNS} FROM escalation_clocks c WHERE c.subject_kind = $1 AND c.subject_id = ANY($2::bigint[])
        AND ${statusCondition} ORDER BY c.id`,
    [subjectKind, subjectIds],
  );
}

export interface NewClock {
  subjectKind: string;
  subjectId: string;
  bureauCode: string;
  notifyBureauCode: string;
  kind: string;
  grade: string | null;
  startedAt: Date;
  dueAt: Date;
  nextStepAt: Date | null;
  findingCheckAt: Date | null;
  policyKey: string;
  policySnapshot: PolicySnapshot;
}

/** Inserts clocks; one already live for (subject, kind) is left as it is (returned rows are the new ones only). */
export async function insertClocks(em: EntityManager, clocks: NewClock[], now: Date): Promise<ClockRow[]> {
  if (clocks.length === 0) return [];
  return em.query(
    `WITH ins AS (
       INSERT INTO escalation_clocks AS c (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, grade, started_at,
              due_at, next_step_at, finding_check_at, policy_key, policy_snapshot, created_at, updated_at)
       SELECT x.subject_kind, x.subject_id, x.bureau_code, x.notify_bureau_code, x.kind, x.grade, x.started_at, x.due_at,
              x.next_step_at, x.finding_check_at, x.policy_key, x.policy_snapshot, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(subject_kind text, subject_id bigint, bureau_code text,
              notify_bureau_code text, kind text, grade text, started_at timestamptz, due_at timestamptz,
              next_step_at timestamptz, finding_check_at timestamptz, policy_key text, policy_snapshot jsonb)
       ON CONFLICT (subject_kind, subject_id, kind) WHERE status IN ('running','missed') DO NOTHING
       RETURNING c.*)
     SELECT ${CLOCK_COLUMNS} FROM ins c ORDER BY c.id`,
    [
      JSON.stringify(
        clocks.map((c) => ({
          subject_kind: c.subjectKind,
          subject_id: c.subjectId,
          bureau_code: c.bureauCode,
          notify_bureau_code: c.notifyBureauCode,
          kind: c.kind,
          grade: c.grade,
          started_at: c.startedAt.toISOString(),
          due_at: c.dueAt.toISOString(),
          next_step_at: c.nextStepAt?.toISOString() ?? null,
          finding_check_at: c.findingCheckAt?.toISOString() ?? null,
          policy_key: c.policyKey,
          policy_snapshot: c.policySnapshot,
        })),
      ),
      now,
    ],
  );
}

/** The mutable part of a clock, written back in one statement per batch. */
export interface ClockUpdate {
  id: string;
  status: string;
  dueAt: Date;
  metAt: Date | null;
  metBy?: string | null;
  nextStepAt: Date | null;
  stepIndex: number;
  repeatCount: number;
  findingCheckAt: Date | null;
  lastStepAt?: Date | null;
  cancelReason?: string | null;
  policySnapshot?: PolicySnapshot;
  grade?: string | null;
  bureauCode?: string;
  notifyBureauCode?: string;
}

export async function updateClocks(em: EntityManager, updates: ClockUpdate[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  await em.query(
    `UPDATE escalation_clocks c SET status = u.status, due_at = u.due_at, met_at = u.met_at,
            met_by = CASE WHEN u.has_met_by THEN u.met_by ELSE c.met_by END,
            next_step_at = u.next_step_at, step_index = u.step_index, repeat_count = u.repeat_count,
            finding_check_at = u.finding_check_at, last_step_at = coalesce(u.last_step_at, c.last_step_at),
            cancel_reason = coalesce(u.cancel_reason, c.cancel_reason),
            policy_snapshot = coalesce(u.policy_snapshot, c.policy_snapshot),
            policy_key = coalesce(u.policy_snapshot->>'policyKey', c.policy_key),
            grade = CASE WHEN u.has_grade THEN u.grade ELSE c.grade END,
            bureau_code = coalesce(u.bureau_code, c.bureau_code),
            notify_bureau_code = coalesce(u.notify_bureau_code, c.notify_bureau_code),
            version = c.version + 1, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, status text, due_at timestamptz, met_at timestamptz,
            has_met_by boolean, met_by text, next_step_at timestamptz, step_index int, repeat_count int,
            finding_check_at timestamptz, last_step_at timestamptz, cancel_reason text, policy_snapshot jsonb,
            has_grade boolean, grade text, bureau_code text, notify_bureau_code text)
      WHERE c.id = u.id`,
    [
      JSON.stringify(
        updates.map((u) => ({
          id: u.id,
          status: u.status,
          due_at: u.dueAt.toISOString(),
          met_at: u.metAt?.toISOString() ?? null,
          has_met_by: u.metBy !== undefined,
          met_by: u.metBy ?? null,
          next_step_at: u.nextStepAt?.toISOString() ?? null,
          step_index: u.stepIndex,
          repeat_count: u.repeatCount,
          finding_check_at: u.findingCheckAt?.toISOString() ?? null,
          last_step_at: u.lastStepAt?.toISOString() ?? null,
          cancel_reason: u.cancelReason ?? null,
          policy_snapshot: u.policySnapshot ?? null,
          has_grade: u.grade !== undefined,
          grade: u.grade ?? null,
          bureau_code: u.bureauCode ?? null,
          notify_bureau_code: u.notifyBureauCode ?? null,
        })),
      ),
      now,
    ],
  );
}

export function toUpdate(c: ClockRow): ClockUpdate {
  return {
    id: c.id,
    status: c.status,
    dueAt: c.dueAt,
    metAt: c.metAt,
    nextStepAt: c.nextStepAt,
    stepIndex: c.stepIndex,
    repeatCount: c.repeatCount,
    findingCheckAt: c.findingCheckAt,
  };
}
