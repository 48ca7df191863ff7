import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClockAlert, GradeCount, OpenByUnit, TriageItem, TroubledSource } from './overview.types';

/**
 * The overview's SQL. Every query is scoped by the principal's materialised path ($1, 'path%' on bureau_path or
 * bureaus.path through the text_pattern_ops indexes); HQ also sees incidents not yet assigned to any bureau, as its
 * queue does. Lists are capped: the page is a summary with links, not a ledger.
 */
const INCIDENT_SCOPE = `i.merged_into_id IS NULL AND (i.bureau_path LIKE $1 || '%' OR ($2::boolean AND i.bureau_path IS NULL))`;
/** Code of the child unit (one level below the scope) an incident falls under: the path segment after the scope's. */
const CHILD = `split_part(i.bureau_path, '.', $3::int)`;
const LIST_LIMIT = 30;

@Injectable()
export class OverviewRepository {
  constructor(private readonly db: DataSource) {}

  /** New incidents since `weekStart` (and since `dayStart`) by grade and child unit; dismissed ones are not news. */
  newIncidents(
    path: string,
    hq: boolean,
    childIndex: number,
    dayStart: Date,
    weekStart: Date,
  ): Promise<GradeCount[]> {
    return this.db.query(
      `SELECT i.grade, coalesce(nullif(${CHILD}, ''), '') AS "unitCode",
              count(*) FILTER (WHERE i.detected_at >= $5)::int AS today, count(*)::int AS week
         FROM incidents i
        WHERE ${INCIDENT_SCOPE} AND i.detected_at >= $4 AND i.status <> 'dismissed'
        GROUP BY 1, 2`,
      [path, hq, childIndex, weekStart, dayStart],
    );
  }

  /** Open (not dismissed, not closed) incidents per child unit, for the coloured province chart. */
  openByUnit(path: string, hq: boolean, childIndex: number): Promise<OpenByUnit[]> {
    return this.db.query(
      `SELECT coalesce(nullif(${CHILD}, ''), '') AS "unitCode", count(*)::int AS open,
              count(*) FILTER (WHERE i.grade IN ('I','II'))::int AS major
         FROM incidents i
        WHERE ${INCIDENT_SCOPE} AND i.status NOT IN ('dismissed','closed')
        GROUP BY 1`,
      [path, hq, childIndex],
    );
  }

  /** Child units of the scope, in code order (the chart lists them even when they have nothing open). */
  childUnits(code: string): Promise<{ code: string; shortName: string }[]> {
    return this.db.query(
      `SELECT code, short_name AS "shortName" FROM bureaus WHERE parent_code = $1 ORDER BY code`,
      [code],
    );
  }

  /**
   * Running clocks due before `until` and clocks already past due (missed, or running and not yet claimed by the
   * engine), with the responsible unit and its head: "who is late". Soonest/most overdue first.
   */
  clockAlerts(path: string, now: Date, until: Date): Promise<ClockAlert[]> {
    return this.db.query(
      `SELECT c.id::text, c.kind, c.grade, c.due_at AS "dueAt", c.subject_kind AS "subjectKind",
              c.subject_id::text AS "subjectId", c.bureau_code AS "bureauCode", b.name AS "bureauName",
              i.title AS "incidentTitle", sm.title AS "supervisionTitle", et.month AS "explanationMonth",
              h.name AS "headName", h.phone AS "headPhone", (c.status = 'missed' OR c.due_at <= $2) AS overdue
         FROM escalation_clocks c
         JOIN bureaus b ON b.code = c.bureau_code
         LEFT JOIN incidents i ON c.subject_kind = 'incident' AND i.id = c.subject_id
         LEFT JOIN supervision_matters sm ON c.subject_kind = 'supervision' AND sm.id = c.subject_id
         LEFT JOIN explanation_tasks et ON c.subject_kind = 'explanation' AND et.id = c.subject_id
         LEFT JOIN LATERAL (
           SELECT name, phone FROM bureau_contacts hc WHERE hc.bureau_code = c.bureau_code AND hc.role = 'head'
            ORDER BY hc.id LIMIT 1
         ) h ON true
        WHERE b.path LIKE $1 || '%'
          AND ((c.status = 'running' AND c.due_at < $3) OR c.status = 'missed')
        ORDER BY c.due_at, c.id
        LIMIT ${LIST_LIMIT * 2}`,
      [path, now, until],
    );
  }

  /** Incidents waiting for triage (status new): how many, and the oldest first. */
  async triage(path: string, hq: boolean): Promise<{ total: number; oldest: TriageItem[] }> {
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM incidents i WHERE ${INCIDENT_SCOPE} AND i.status = 'new'`,
      [path, hq],
    );
    const oldest: TriageItem[] = await this.db.query(
      `SELECT i.id::text, i.title, i.grade, i.detected_at AS "detectedAt", b.short_name AS "bureauName"
         FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code
        WHERE ${INCIDENT_SCOPE} AND i.status = 'new'
        ORDER BY i.detected_at, i.id LIMIT 10`,
      [path, hq],
    );
    return { total, oldest };
  }

  /** Enabled sources flagged for attention, gone stale or failing, visible to the principal (as on the sources page). */
  troubledSources(path: string): Promise<TroubledSource[]> {
    return this.db.query(
      `SELECT s.id::text, s.name, s.needs_attention AS "needsAttention", s.stale,
              s.consecutive_errors AS "consecutiveErrors", s.last_error AS "lastError",
              s.last_success_at AS "lastSuccessAt"
         FROM sources s LEFT JOIN bureaus b ON b.code = s.bureau_code
        WHERE s.enabled AND (s.needs_attention OR s.stale OR s.consecutive_errors > 0)
          AND (s.bureau_code IS NULL OR b.path LIKE $1 || '%')
        ORDER BY s.needs_attention DESC, s.consecutive_errors DESC, s.id
        LIMIT ${LIST_LIMIT}`,
      [path],
    );
  }
}
