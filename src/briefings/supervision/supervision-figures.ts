import type { DataSource, EntityManager } from 'typeorm';

/** The 督办 figures of a month for the monthly bulletin (按月统计通报), counted apart from the 舆情 incidents. */
export interface SupervisionFigures {
  /** Matters opened in the month for units of the scope. */
  opened: number;
  /** Matters whose deadline fell in the month (as set when opened). */
  due: number;
  /** … of which answered in time. */
  onTime: number;
  /** 迟报 findings of the month (answered after the deadline). */
  late: number;
  /** … of which still open at the time of the figures. */
  overdue: number;
}

/**
 * One query over the scope's matters of the month; null when there are none (so a bulletin without 督办 keeps the
 * snapshot, and the figures hash, it had before the ledger existed).
 */
export async function supervisionFigures(
  db: DataSource | EntityManager,
  scopePath: string,
  start: Date,
  end: Date,
  asOf: Date,
): Promise<SupervisionFigures | null> {
  const [r] = await db.query(
    `SELECT count(*) FILTER (WHERE m.created_at >= $1 AND m.created_at < $2)::int AS opened,
            count(*) FILTER (WHERE m.due_at >= $1 AND m.due_at < $2)::int AS due,
            count(*) FILTER (WHERE m.due_at >= $1 AND m.due_at < $2 AND m.status = 'answered' AND f.id IS NULL)::int
              AS "onTime",
            count(*) FILTER (WHERE f.found_at >= $1 AND f.found_at < $2)::int AS late,
            count(*) FILTER (WHERE m.due_at >= $1 AND m.due_at < $2 AND m.status = 'open' AND m.due_at < $3)::int
              AS overdue
       FROM supervision_matters m
       JOIN bureaus b ON b.code = m.bureau_code
       LEFT JOIN supervision_findings f ON f.matter_id = m.id AND f.kind = 'late'
      WHERE b.path LIKE $4
        AND ((m.created_at >= $1 AND m.created_at < $2) OR (m.due_at >= $1 AND m.due_at < $2)
             OR (f.found_at >= $1 AND f.found_at < $2))`,
    [start, end, asOf, `${scopePath}%`],
  );
  return r.opened + r.due + r.late === 0 ? null : r;
}
