import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CATEGORIES, GRADES } from '../../incidents/incident.types';
import {
  RATE_CLOCK_KINDS,
  SQL_CATEGORY,
  SQL_CLOCK_ON_TIME,
  sqlClockJudged,
  SQL_CLOSED,
  SQL_COUNTED,
  SQL_FALSE_POSITIVE,
  SQL_LIVE_INCIDENT,
} from './figure-definitions';
import {
  MonthSpan,
  num,
  numOrNull,
  rollup,
  ScopeRow,
  subtree,
  UnitKey,
  unitExpr,
  unitKey,
} from './statistics-sql';
import { addMonths, MonthKey } from './statistics-month';

export type { ScopeRow } from './statistics-sql';

/**
 * The set-based queries behind the figures. Each scans its table once — one index range over the months asked for,
 * limited to the scope's subtree — and aggregates in PostgreSQL: one row per (month, child unit) plus the scope's
 * total per month (GROUPING SETS). The child unit of a row is the path segment below the scope, '' for the scope
 * bureau itself (本级). Indexes for these scans: migrations/1763800006000-Statistics.ts.
 */

export interface ChildRow extends ScopeRow {
  population: number | null;
  counties: number;
}

export interface IncidentAggRow {
  month: MonthKey;
  unit: UnitKey;
  detected: number;
  incidents: number;
  grades: Record<string, number>;
  categories: Record<string, number>;
  dismissed: number;
  falsePositives: number;
  heatTotal: number;
  heatMax: number | null;
}

/** [n, median, p90] in minutes. */
export type DurationAgg = [number, number | null, number | null];

export interface DurationAggRow {
  unit: UnitKey;
  ack: DurationAgg;
  report: DurationAgg;
  close: DurationAgg;
}

export interface ClockAggRow {
  month: MonthKey;
  unit: UnitKey;
  kind: string;
  judged: number;
  onTime: number;
}

export interface FindingAggRow {
  month: MonthKey;
  unit: UnitKey;
  late: number;
  missed: number;
  concealed: number;
}

export interface TrendAggRow {
  month: MonthKey;
  unit: UnitKey;
  incidents: number;
}

type Db = DataSource | EntityManager;

/** Percentile sorts and hash aggregates at national scale: enough memory not to spill to disk. */
const WORK_MEM = '64MB';

@Injectable()
export class StatisticsFiguresRepository {
  constructor(private readonly ds: DataSource) {}

  async scope(code: string, db: Db = this.ds): Promise<ScopeRow | null> {
    const [row] = await db.query(
      `SELECT code, name, short_name AS "shortName", level, path, depth FROM bureaus WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }

  /** The scope's children with their size (population, county-level bureaus under them). */
  async children(scope: ScopeRow, db: Db = this.ds): Promise<ChildRow[]> {
    const rows = await db.query(
      `SELECT c.code, c.name, c.short_name AS "shortName", c.level, c.path, c.depth, c.population,
              (SELECT count(*) FROM bureaus d WHERE d.level = 'county' AND d.path LIKE c.path || '%')::int AS counties
         FROM bureaus c WHERE c.parent_code = $1 ORDER BY c.code`,
      [scope.code],
    );
    return rows.map((r: ChildRow) => ({ ...r, population: numOrNull(r.population) }));
  }

  /** A query with more sort memory, in its own short transaction (SET LOCAL ends with it); else the caller's. */
  private run(db: Db, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    if (!(db instanceof DataSource)) return db.query(sql, params);
    return db.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
      return em.query(sql, params);
    });
  }

  /** Counts, grades, categories, dismissals and heat of the incidents that occurred (occurred_at) in each month of [first, last]. */
  async incidents(
    scope: ScopeRow,
    first: MonthKey,
    last: MonthKey,
    db: Db = this.ds,
  ): Promise<IncidentAggRow[]> {
    const span = new MonthSpan(first, last);
    const counts: Record<string, string> = {
      detected: 'true',
      incidents: 'counted',
      dismissed: 'NOT counted',
      false_positives: 'false_positive',
      ...Object.fromEntries(GRADES.map((g) => [`g_${g.toLowerCase()}`, `counted AND grade = '${g}'`])),
      ...Object.fromEntries(CATEGORIES.map((c, k) => [`c_${k}`, `counted AND category = '${c}'`])),
    };
    const rows = await this.run(
      db,
      rollup({
        from: `SELECT width_bucket(i.occurred_at, $3::timestamptz[]) AS b, ${unitExpr('i.bureau_path', '$1')} AS unit,
                      ${SQL_COUNTED} AS counted, (${SQL_FALSE_POSITIVE}) AS false_positive, i.grade,
                      ${SQL_CATEGORY} AS category, i.heat
                 FROM incidents i
                WHERE ${SQL_LIVE_INCIDENT} AND i.occurred_at >= $4 AND i.occurred_at < $5
                  AND ${subtree('i.bureau_path', scope, '$2')}`,
        keys: ['b'],
        counts,
        sums: { heat_total: 'heat::float8 * counted::int' },
        maxes: { heat_max: 'CASE WHEN counted THEN heat END' },
      }),
      [scope.depth + 2, `${scope.path}%`, span.bounds, span.start, span.end],
    );
    return rows.map((r) => ({
      month: span.month(r.b),
      unit: unitKey(r),
      detected: num(r.detected),
      incidents: num(r.incidents),
      grades: Object.fromEntries(GRADES.map((g) => [g, num(r[`g_${g.toLowerCase()}`])])),
      categories: Object.fromEntries(CATEGORIES.map((c, k) => [c, num(r[`c_${k}`])])),
      dismissed: num(r.dismissed),
      falsePositives: num(r.false_positives),
      heatTotal: num(r.heat_total),
      heatMax: numOrNull(r.heat_max),
    }));
  }

  /** Median and p90 (percentile_cont) of the times to acknowledge, report and close, for incidents of `month`. */
  async durations(scope: ScopeRow, month: MonthKey, db: Db = this.ds): Promise<DurationAggRow[]> {
    const span = new MonthSpan(month, month);
    const minutes = (col: string) => `extract(epoch FROM i.${col} - i.detected_at) / 60`;
    const agg = (col: string) =>
      `json_build_array(count(${col}), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${col}))`;
    const rows = await this.run(
      db,
      `SELECT unit, GROUPING(unit) AS total, ${agg('ack')} AS ack, ${agg('report')} AS report, ${agg('close')} AS close
         FROM (SELECT ${unitExpr('i.bureau_path', '$1')} AS unit, ${minutes('acknowledged_at')} AS ack,
                      ${minutes('reported_at')} AS report, CASE WHEN ${SQL_CLOSED} THEN ${minutes('closed_at')} END AS close
                 FROM incidents i
                WHERE ${SQL_LIVE_INCIDENT} AND ${SQL_COUNTED} AND i.detected_at >= $3 AND i.detected_at < $4
                  AND (i.acknowledged_at IS NOT NULL OR i.reported_at IS NOT NULL OR i.closed_at IS NOT NULL)
                  AND ${subtree('i.bureau_path', scope, '$2')}) x
        GROUP BY GROUPING SETS ((unit), ())`,
      [scope.depth + 2, `${scope.path}%`, span.start, span.end],
    );
    const d = (v: unknown): DurationAgg => {
      const [n, p] = v as [number, [number, number] | null];
      return n ? [n, p![0], p![1]] : [0, null, null];
    };
    return rows.map((r) => ({ unit: unitKey(r), ack: d(r.ack), report: d(r.report), close: d(r.close) }));
  }

  /** Judged clocks and those met on time, per rate kind, for clocks due in [first, last] (as of `asOf`). */
  async clocks(
    scope: ScopeRow,
    first: MonthKey,
    last: MonthKey,
    asOf: Date,
    db: Db = this.ds,
  ): Promise<ClockAggRow[]> {
    const span = new MonthSpan(first, last);
    const rows = await this.run(
      db,
      rollup({
        from: `SELECT width_bucket(c.due_at, $5::timestamptz[]) AS b, c.kind, ${unitExpr('bu.path', '$1')} AS unit,
                      (${SQL_CLOCK_ON_TIME}) AS on_time
                 FROM escalation_clocks c JOIN bureaus bu ON bu.code = c.bureau_code
                WHERE c.subject_kind = 'incident' AND c.kind = ANY ($3) AND ${sqlClockJudged('$4')}
                  AND c.due_at >= $6 AND c.due_at < $7 AND ${subtree('bu.path', scope, '$2')}`,
        keys: ['b', 'kind'],
        counts: { judged: 'true', on_time: 'on_time' },
      }),
      [
        scope.depth + 2,
        `${scope.path}%`,
        Object.values(RATE_CLOCK_KINDS),
        asOf,
        span.bounds,
        span.start,
        span.end,
      ],
    );
    return rows.map((r) => ({
      month: span.month(r.b),
      unit: unitKey(r),
      kind: r.kind as string,
      judged: num(r.judged),
      onTime: num(r.on_time),
    }));
  }

  /** Reporting failures found in [first, last], by kind. */
  async findings(
    scope: ScopeRow,
    first: MonthKey,
    last: MonthKey,
    db: Db = this.ds,
  ): Promise<FindingAggRow[]> {
    const span = new MonthSpan(first, last);
    const rows = await this.run(
      db,
      rollup({
        from: `SELECT width_bucket(f.found_at, $3::timestamptz[]) AS b, ${unitExpr('bu.path', '$1')} AS unit, f.kind
                 FROM reporting_findings f JOIN bureaus bu ON bu.code = f.bureau_code
                WHERE f.found_at >= $4 AND f.found_at < $5 AND ${subtree('bu.path', scope, '$2')}`,
        keys: ['b'],
        counts: { late: `kind = 'late'`, missed: `kind = 'missed'`, concealed: `kind = 'concealed'` },
      }),
      [scope.depth + 2, `${scope.path}%`, span.bounds, span.start, span.end],
    );
    return rows.map((r) => ({
      month: span.month(r.b),
      unit: unitKey(r),
      late: num(r.late),
      missed: num(r.missed),
      concealed: num(r.concealed),
    }));
  }

  /** Negative-opinion counts of the 13 months ending with `month` (the trend line, 环比 and 同比 per unit). */
  async trend(scope: ScopeRow, month: MonthKey, db: Db = this.ds): Promise<TrendAggRow[]> {
    const span = new MonthSpan(addMonths(month, -12), month);
    const rows = await this.run(
      db,
      rollup({
        from: `SELECT width_bucket(i.occurred_at, $3::timestamptz[]) AS b, ${unitExpr('i.bureau_path', '$1')} AS unit
                 FROM incidents i
                WHERE ${SQL_LIVE_INCIDENT} AND ${SQL_COUNTED} AND i.occurred_at >= $4 AND i.occurred_at < $5
                  AND ${subtree('i.bureau_path', scope, '$2')}`,
        keys: ['b'],
        counts: { incidents: 'true' },
      }),
      [scope.depth + 2, `${scope.path}%`, span.bounds, span.start, span.end],
    );
    return rows.map((r) => ({ month: span.month(r.b), unit: unitKey(r), incidents: num(r.incidents) }));
  }
}
