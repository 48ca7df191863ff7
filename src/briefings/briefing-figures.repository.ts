import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeRow, subtree } from '../statistics/figures/statistics-sql';
import { BriefingIncidentLine, OverdueClockLine, PeriodCounts } from './briefing.types';

const LIVE = `i.merged_into_id IS NULL`;
/** Overdue clocks older than this belong to the monthly figures: the briefing lists what is late now. */
const OVERDUE_WINDOW_DAYS = 30;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

function oneLine(summary: string | null, title: string): string {
  const s = (summary ?? '').replace(/\s+/g, ' ').trim() || title;
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

interface IncidentRow {
  id: string;
  grade: string;
  title: string;
  summary: string | null;
  bureau_name: string | null;
  status: string;
  detected_at: Date;
  heat: number;
  item_count: number;
}

const toLine = (r: IncidentRow): BriefingIncidentLine => ({
  id: String(r.id),
  grade: r.grade,
  title: r.title,
  line: oneLine(r.summary, r.title),
  bureauName: r.bureau_name,
  status: r.status,
  detectedAt: r.detected_at.toISOString(),
  heat: Number(r.heat),
  itemCount: r.item_count,
});

/**
 * The SQL of the briefings' figures. Every query is one index range on incidents.detected_at (national) or on
 * (bureau_path, detected_at) (a province or below) over a day or a week, so the national daily stays fast over a
 * million incidents (`npm run bench -- briefings`).
 */
@Injectable()
export class BriefingFiguresRepository {
  constructor(private readonly ds: DataSource) {}

  async scope(code: string): Promise<ScopeRow | null> {
    const [row] = await this.ds.query(
      `SELECT code, name, short_name AS "shortName", level, path, depth FROM bureaus WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }

  /** Counts of [start, end) and of the previous period [prevStart, start), in one range scan. */
  async counts(
    scope: ScopeRow,
    prevStart: Date,
    start: Date,
    end: Date,
  ): Promise<{ current: Omit<PeriodCounts, 'key'>; previous: Omit<PeriodCounts, 'key'> }> {
    const cols = (when: string) =>
      `count(*) FILTER (WHERE ${when} AND status <> 'dismissed') AS n_${when},` +
      ['I', 'II', 'III', 'IV']
        .map(
          (g) =>
            `count(*) FILTER (WHERE ${when} AND status <> 'dismissed' AND grade = '${g}') AS g${g.toLowerCase()}_${when}`,
        )
        .join(',') +
      `, count(*) FILTER (WHERE ${when} AND status = 'dismissed') AS d_${when}`;
    const [r] = await this.ds.query(
      `SELECT ${cols('cur')}, ${cols('prev')}
         FROM (SELECT status, grade, detected_at >= $2 AS cur, detected_at < $2 AS prev
                 FROM incidents i
                WHERE ${LIVE} AND detected_at >= $1 AND detected_at < $3 AND ${subtree('i.bureau_path', scope, '$4')}) x`,
      [prevStart, start, end, scope.depth === 0 ? '' : `${scope.path}%`],
    );
    const pick = (w: 'cur' | 'prev') => ({
      incidents: num(r[`n_${w}`]),
      byGrade: {
        I: num(r[`gi_${w}`]),
        II: num(r[`gii_${w}`]),
        III: num(r[`giii_${w}`]),
        IV: num(r[`giv_${w}`]),
      },
      dismissed: num(r[`d_${w}`]),
    });
    return { current: pick('cur'), previous: pick('prev') };
  }

  /** Ⅰ–Ⅲ incidents of the period (most severe, then hottest first) and the hottest of any grade. */
  async incidents(
    scope: ScopeRow,
    start: Date,
    end: Date,
  ): Promise<{ graded: BriefingIncidentLine[]; hottest: BriefingIncidentLine[] }> {
    const base = `SELECT i.id::text, i.grade, i.title, i.summary, b.short_name AS bureau_name, i.status, i.detected_at,
                         i.heat, i.item_count
                    FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code
                   WHERE ${LIVE} AND i.status <> 'dismissed' AND i.detected_at >= $1 AND i.detected_at < $2
                     AND ${subtree('i.bureau_path', scope, '$3')}`;
    const params = [start, end, scope.depth === 0 ? '' : `${scope.path}%`];
    const graded: IncidentRow[] = await this.ds.query(
      `${base} AND i.grade IN ('I','II','III') ORDER BY i.grade, i.heat DESC, i.id LIMIT 30`,
      params,
    );
    const hottest: IncidentRow[] = await this.ds.query(`${base} ORDER BY i.heat DESC, i.id LIMIT 10`, params);
    return { graded: graded.map(toLine), hottest: hottest.map(toLine) };
  }

  /** Incidents per bucket; `bounds` are the n + 1 bucket boundaries, oldest first. */
  async trend(scope: ScopeRow, bounds: Date[]): Promise<number[]> {
    const rows: { b: number; n: number }[] = await this.ds.query(
      `SELECT width_bucket(detected_at, $1::timestamptz[]) AS b, count(*)::int AS n
         FROM incidents i
        WHERE ${LIVE} AND status <> 'dismissed' AND detected_at >= $2 AND detected_at < $3
          AND ${subtree('i.bureau_path', scope, '$4')}
        GROUP BY 1`,
      [bounds, bounds[0], bounds[bounds.length - 1], scope.depth === 0 ? '' : `${scope.path}%`],
    );
    const out = new Array<number>(bounds.length - 1).fill(0);
    for (const r of rows) if (r.b >= 1 && r.b < bounds.length) out[r.b - 1] = r.n;
    return out;
  }

  /** Clocks overdue at `at` (running past due, or missed and still open), per responsible unit and the oldest 30. */
  async overdue(
    scope: ScopeRow,
    at: Date,
  ): Promise<{
    total: number;
    byBureau: { code: string; name: string; count: number }[];
    items: OverdueClockLine[];
  }> {
    const since = new Date(at.getTime() - OVERDUE_WINDOW_DAYS * 86_400_000);
    const from = `FROM escalation_clocks c JOIN bureaus b ON b.code = c.bureau_code
                 WHERE c.status IN ('running','missed') AND c.due_at < $1 AND c.due_at >= $2
                   AND ${subtree('b.path', scope, '$3')}`;
    const params = [at, since, scope.depth === 0 ? '' : `${scope.path}%`];
    const byBureau: { code: string; name: string; count: number }[] = await this.ds.query(
      `SELECT b.code, b.short_name AS name, count(*)::int AS count ${from} GROUP BY b.code, b.short_name
        ORDER BY count(*) DESC, b.code`,
      params,
    );
    const items = await this.ds.query(
      `SELECT c.id::text AS "clockId", c.subject_kind AS "subjectKind", c.subject_id::text AS "subjectId",
              COALESCE(i.title, CASE c.subject_kind WHEN 'explanation' THEN '情况说明' ELSE c.subject_kind END) AS "subjectTitle",
              b.code AS "bureauCode", b.short_name AS "bureauName", c.kind, c.due_at
         ${from.replace(
           'JOIN bureaus b ON b.code = c.bureau_code',
           `JOIN bureaus b ON b.code = c.bureau_code
              LEFT JOIN incidents i ON c.subject_kind = 'incident' AND i.id = c.subject_id`,
         )}
        ORDER BY c.due_at, c.id LIMIT 30`,
      params,
    );
    return {
      total: byBureau.reduce((s, r) => s + r.count, 0),
      byBureau: byBureau.slice(0, 20),
      items: items.map((r: OverdueClockLine & { due_at: Date }) => {
        const { due_at, ...rest } = r;
        return {
          ...rest,
          dueAt: due_at.toISOString(),
          lateMinutes: Math.floor((at.getTime() - due_at.getTime()) / 60_000),
        };
      }),
    };
  }
}
