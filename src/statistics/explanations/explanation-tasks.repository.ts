import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MonthKey } from '../figures/statistics-month';
import { ExplanationTaskView } from '../statistics.types';

type Db = DataSource | EntityManager;

const SELECT = `SELECT t.id::text, t.month, t.scope_code AS "scopeCode", t.bureau_code AS "bureauCode",
    b.path AS "bureauPath", b.short_name AS "bureauName", t.flags, t.reason, t.head_name AS "headName", t.head_email AS "headEmail", t.status,
    t.created_at AS "createdAt", t.due_at AS "dueAt", t.answer, t.answered_at AS "answeredAt",
    t.answered_by_label AS "answeredBy", sb.version AS "bulletinVersion"
  FROM explanation_tasks t
  JOIN bureaus b ON b.code = t.bureau_code
  JOIN statistics_bulletins sb ON sb.id = t.bulletin_id`;

interface Row extends Omit<ExplanationTaskView, 'createdAt' | 'dueAt' | 'answeredAt'> {
  createdAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
}

const view = (r: Row): ExplanationTaskView => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  dueAt: r.dueAt.toISOString(),
  answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
});

export interface NewTask {
  month: MonthKey;
  scopeCode: string;
  bureauCode: string;
  bulletinId: string;
  flags: string[];
  reason: string;
  headName: string | null;
  headEmail: string | null;
  dueAt: Date;
  createdAt: Date;
}

/** explanation_tasks: one per (month, asking scope, unit), whatever the number of bulletin versions. */
@Injectable()
export class ExplanationTasksRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts the tasks that do not exist yet; returns the ids of those created (in input order). */
  async insertMissing(em: EntityManager, tasks: NewTask[]): Promise<string[]> {
    if (tasks.length === 0) return [];
    const rows: { id: string }[] = await em.query(
      `INSERT INTO explanation_tasks (month, scope_code, bureau_code, bulletin_id, flags, reason, head_name, head_email,
                                      due_at, created_at)
       SELECT x.month, x.scope_code, x.bureau_code, x.bulletin_id, x.flags, x.reason, x.head_name, x.head_email,
              x.due_at, x.created_at
         FROM jsonb_to_recordset($1::jsonb) AS x(month text, scope_code text, bureau_code text, bulletin_id bigint,
              flags text[], reason text, head_name text, head_email text, due_at timestamptz, created_at timestamptz, ord int)
        ORDER BY x.ord
       ON CONFLICT (month, scope_code, bureau_code) DO NOTHING
       RETURNING id::text`,
      [
        JSON.stringify(
          tasks.map((t, ord) => ({
            ord,
            month: t.month,
            scope_code: t.scopeCode,
            bureau_code: t.bureauCode,
            bulletin_id: t.bulletinId,
            flags: t.flags,
            reason: t.reason,
            head_name: t.headName,
            head_email: t.headEmail,
            due_at: t.dueAt.toISOString(),
            created_at: t.createdAt.toISOString(),
          })),
        ),
      ],
    );
    return rows.map((r) => r.id);
  }

  async list(month: MonthKey, scopeCode: string, db: Db = this.ds): Promise<ExplanationTaskView[]> {
    const rows: Row[] = await db.query(
      `${SELECT} WHERE t.month = $1 AND t.scope_code = $2 ORDER BY t.bureau_code`,
      [month, scopeCode],
    );
    return rows.map(view);
  }

  async byIds(ids: string[], db: Db = this.ds): Promise<ExplanationTaskView[]> {
    const rows: Row[] = await db.query(`${SELECT} WHERE t.id = ANY($1::bigint[]) ORDER BY t.id`, [ids]);
    return rows.map(view);
  }

  async get(id: string, db: Db = this.ds, lock = false): Promise<ExplanationTaskView | null> {
    const rows: Row[] = await db.query(`${SELECT} WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`, [id]);
    return rows[0] ? view(rows[0]) : null;
  }

  async answer(
    em: EntityManager,
    id: string,
    a: { text: string; at: Date; userId: string | null; label: string },
  ): Promise<boolean> {
    const [, affected] = await em.query(
      `UPDATE explanation_tasks SET status = 'answered', answer = $2, answered_at = $3, answered_by = $4,
              answered_by_label = $5
        WHERE id = $1 AND status = 'open'`,
      [id, a.text, a.at, a.userId, a.label],
    );
    return affected === 1;
  }

  /** The first head on file (else the liaison, else the office) of each bureau. */
  async heads(em: Db, codes: string[]): Promise<Map<string, { name: string; email: string }>> {
    const rows: { bureau_code: string; name: string; email: string }[] = await em.query(
      `SELECT DISTINCT ON (bureau_code) bureau_code, name, email FROM bureau_contacts
        WHERE bureau_code = ANY($1) AND role IN ('head','liaison','office')
        ORDER BY bureau_code, array_position(ARRAY['head','liaison','office'], role), id`,
      [codes],
    );
    return new Map(rows.map((r) => [r.bureau_code, { name: r.name, email: r.email }]));
  }
}
