/**
 * The queue's SQL: filters → WHERE, sort → ORDER BY, keyset cursor → a "rows after this one" condition. Pure, so it
 * is unit-tested; incident-query.service.ts runs it. Keyset instead of OFFSET: page 1,000 costs what page 1 costs.
 * Every sort ends with id DESC so the order is total and a cursor names exactly one position.
 */
import { isRealDateTime, REAL_DATE_TIME_RULE } from '../../infrastructure/http/real-date-time';
import { IncidentError } from '../incident.errors';
import type { IncidentSort, ListIncidentsQuery } from '../incident.dto';
import { reviewPendingSql } from '../triage/incident-review';

export interface Scope {
  /** null: everything including unassigned incidents (HQ-level users). */
  pathPrefix: string | null;
}

export interface ListSql {
  where: string;
  orderBy: string;
  params: unknown[];
  /** Expression whose value a cursor stores (besides the id). */
  cursorKey: string;
}

const SORT_KEYS: Record<IncidentSort, { key: string; orderBy: string }> = {
  heat: { key: 'i.heat_rank', orderBy: 'i.heat_rank DESC, i.id DESC' },
  grade: { key: 'i.heat_rank', orderBy: 'i.grade ASC, i.heat_rank DESC, i.id DESC' },
  age: {
    key: `to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    orderBy: 'i.detected_at DESC, i.id DESC',
  },
  oldest: {
    key: `to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    orderBy: 'i.detected_at ASC, i.id ASC',
  },
};

export interface Cursor {
  /** Grade of the last row (grade sort only). */
  g?: string;
  /** Sort key of the last row (heat_rank number or detected_at text). */
  k: number | string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (!/^[0-9]{1,18}$/.test(String(c.id)) || (typeof c.k !== 'number' && typeof c.k !== 'string'))
      throw new Error();
    if (c.g !== undefined && !['I', 'II', 'III', 'IV'].includes(c.g)) throw new Error();
    return c;
  } catch {
    throw new IncidentError('invalid', 'INCIDENT_BAD_INPUT', '分页游标无效，请从第一页重新开始');
  }
}

/** `tsquery` is the prepared search (incident-text.ts searchQuery), `bureauPath` the path of q.bureau if given. */
export const REVIEW_WHERE = `(i.status = 'new' OR (i.status = 'confirmed' AND i.auto_confirmed))`;

export function buildListSql(
  q: ListIncidentsQuery,
  scope: Scope,
  extra: { tsquery: string | null; bureauPath: string | null; excludeStatus?: boolean },
): ListSql {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['i.merged_into_id IS NULL'];
  if (scope.pathPrefix !== null) where.push(`i.bureau_path LIKE ${p(scope.pathPrefix + '%')}`);
  if (extra.bureauPath) where.push(`i.bureau_path LIKE ${p(extra.bureauPath + '%')}`);
  if (q.unassigned) where.push('i.bureau_code IS NULL');
  // Auto-confirmed incidents (grade Ⅰ/Ⅱ, confirmed by the system so their clocks start at once) still need a person
  // to look at them: the review backlog shows them beside the new ones until someone confirms or dismisses them.
  if (!extra.excludeStatus && q.review) where.push(REVIEW_WHERE);
  if (q.pendingReview) where.push(reviewPendingSql('i'));
  if (!extra.excludeStatus && q.status?.length) {
    where.push(
      q.status.length === 1 ? `i.status = ${p(q.status[0])}` : `i.status = ANY(${p(q.status)}::text[])`,
    );
  }
  if (q.grade?.length)
    where.push(q.grade.length === 1 ? `i.grade = ${p(q.grade[0])}` : `i.grade = ANY(${p(q.grade)}::text[])`);
  if (q.category?.length) {
    where.push(
      q.category.length === 1
        ? `i.category = ${p(q.category[0])}`
        : `i.category = ANY(${p(q.category)}::text[])`,
    );
  }
  if (q.region)
    where.push(
      q.region.length === 6 ? `i.region_code = ${p(q.region)}` : `i.region_code LIKE ${p(q.region + '%')}`,
    );
  if (q.from) where.push(`i.detected_at >= ${p(asInstant(q.from, 'from'))}::timestamptz`);
  if (q.to) where.push(`i.detected_at < ${p(asInstant(q.to, 'to'))}::timestamptz`);
  if (extra.tsquery) where.push(`i.search_vector @@ ${p(extra.tsquery)}::tsquery`);

  const sort = SORT_KEYS[q.sort ?? 'heat'];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const s = q.sort ?? 'heat';
    if (s === 'heat') where.push(`(i.heat_rank, i.id) < (${p(Number(c.k))}::float8, ${p(c.id)}::bigint)`);
    if (s === 'age')
      where.push(`(i.detected_at, i.id) < (${p(String(c.k))}::timestamptz, ${p(c.id)}::bigint)`);
    if (s === 'oldest')
      where.push(`(i.detected_at, i.id) > (${p(String(c.k))}::timestamptz, ${p(c.id)}::bigint)`);
    if (s === 'grade') {
      const g = p(c.g ?? 'IV');
      // grade ascending, then (heat_rank, id) descending; "grade >= g" lets the index start at the cursor's grade
      where.push(
        `i.grade >= ${g} AND (i.grade > ${g} OR (i.heat_rank, i.id) < (${p(Number(c.k))}::float8, ${p(c.id)}::bigint))`,
      );
    }
  }
  return { where: where.join(' AND '), orderBy: sort.orderBy, params, cursorKey: sort.key };
}

/**
 * A bare date means midnight China time: the console's users think in Asia/Shanghai days. Checked again here (the
 * DTO's IsRealDateTime is the first check) because this text goes to PostgreSQL, which fails the whole query on an
 * offset past ±15:59: a caller that builds a ListIncidentsQuery without the DTO still gets a 400, not a 500.
 */
function asInstant(s: string, field: 'from' | 'to'): string {
  if (!isRealDateTime(s))
    throw new IncidentError('invalid', 'INCIDENT_BAD_INPUT', `${field} ${REAL_DATE_TIME_RULE}`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s;
}
