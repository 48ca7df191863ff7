/**
 * SQL building blocks of the figure queries (statistics-figures.repository.ts): month buckets, the subtree filter and
 * the two-level aggregation that keeps national-scale grouping cheap.
 */
import { MonthKey, monthRange, monthsBetween } from './statistics-month';

export interface ScopeRow {
  code: string;
  name: string;
  shortName: string;
  level: string;
  path: string;
  depth: number;
}

/** Key of a grouped row: a child code, '' for 本级, null for the scope's total. */
export type UnitKey = string | null;

/**
 * A contiguous span of months: ONE index range on the time column, and each row's month found with `width_bucket`
 * over the month boundaries (no per-row date formatting). Bucket k (1-based) is months[k − 1].
 */
export class MonthSpan {
  readonly months: MonthKey[];
  readonly bounds: Date[];
  constructor(first: MonthKey, last: MonthKey) {
    this.months = monthsBetween(first, last);
    this.bounds = [...this.months.map((m) => monthRange(m).start), monthRange(last).end];
  }
  get start(): Date {
    return this.bounds[0];
  }
  get end(): Date {
    return this.bounds[this.bounds.length - 1];
  }
  month(bucket: unknown): MonthKey {
    return this.months[Number(bucket) - 1];
  }
}

/**
 * The subtree filter. HQ's scope filters nothing (and so keeps unassigned incidents, whose path is NULL); its
 * parameter is still referenced so PostgreSQL can type it.
 */
export function subtree(column: string, scope: ScopeRow, param: string): string {
  return scope.depth === 0 ? `${param}::text IS NOT NULL` : `${column} LIKE ${param}`;
}

/** The child unit of a row: the path segment below the scope ('' for the scope bureau itself). */
export function unitExpr(pathColumn: string, depthParam: string): string {
  return `split_part(COALESCE(${pathColumn}, '00.'), '.', ${depthParam})`;
}

/**
 * Two-level aggregation: the rows are first counted per (keys…, unit) with a plain GROUP BY (a hash aggregate over
 * few groups), then those few rows are summed per unit and in total with GROUPING SETS. One pass over the big table,
 * and no sort of it (grouping sets straight over the table would sort all of it).
 * `counts` are `name: SQL condition` pairs; `maxes` are `name: SQL expression`.
 */
export function rollup(opts: {
  from: string;
  keys: string[];
  counts: Record<string, string>;
  sums?: Record<string, string>;
  maxes?: Record<string, string>;
}): string {
  const keys = opts.keys.join(', ');
  const sums = opts.sums ?? {};
  const maxes = opts.maxes ?? {};
  const inner = [
    ...Object.entries(opts.counts).map(([n, cond]) => `count(*) FILTER (WHERE ${cond}) AS ${n}`),
    ...Object.entries(sums).map(([n, e]) => `sum(${e}) AS ${n}`),
    ...Object.entries(maxes).map(([n, e]) => `max(${e}) AS ${n}`),
  ].join(', ');
  const outer = [
    ...Object.keys(opts.counts).map((n) => `sum(${n})::int AS ${n}`),
    ...Object.keys(sums).map((n) => `sum(${n}) AS ${n}`),
    ...Object.keys(maxes).map((n) => `max(${n}) AS ${n}`),
  ].join(', ');
  return `SELECT ${keys}, unit, GROUPING(unit) AS total, ${outer}
            FROM (SELECT ${keys}, unit, ${inner} FROM (${opts.from}) x GROUP BY ${keys}, unit) y
           GROUP BY GROUPING SETS ((${keys}, unit), (${keys}))`;
}

export const unitKey = (r: Record<string, unknown>): UnitKey => (r.total ? null : (r.unit as string));
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
