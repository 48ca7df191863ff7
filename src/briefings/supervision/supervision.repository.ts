import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerFilter, SupervisionMatter } from './supervision.types';

type Db = DataSource | EntityManager;

/** A matter with its live deadline (the running/missed/met clock's, so extensions show) and its lateness at `now`. */
const SELECT = `
  SELECT m.id::text, m.title, m.instruction, m.required_report AS "requiredReport",
         m.issuer_bureau_code AS "issuerBureauCode", ib.name AS "issuerName", m.bureau_code AS "bureauCode",
         b.name AS "bureauName", COALESCE(c.due_at, m.due_at) AS "dueAt", m.status,
         (m.status = 'open' AND COALESCE(c.due_at, m.due_at) < $1) AS overdue, (f.id IS NOT NULL) AS late,
         m.answer, m.answered_at AS "answeredAt", m.answered_by AS "answeredBy", m.created_by AS "createdBy",
         m.created_at AS "createdAt"
    FROM supervision_matters m
    JOIN bureaus b ON b.code = m.bureau_code
    JOIN bureaus ib ON ib.code = m.issuer_bureau_code
    LEFT JOIN LATERAL (SELECT due_at FROM escalation_clocks
                        WHERE subject_kind = 'supervision' AND subject_id = m.id AND status <> 'cancelled'
                        ORDER BY id DESC LIMIT 1) c ON true
    LEFT JOIN supervision_findings f ON f.matter_id = m.id AND f.kind = 'late'`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
function toMatter(r: Record<string, unknown>): SupervisionMatter {
  return {
    ...(r as unknown as SupervisionMatter),
    dueAt: iso(r.dueAt)!,
    answeredAt: iso(r.answeredAt),
    createdAt: iso(r.createdAt)!,
  };
}

/** supervision_matters, their events and their 迟报 findings. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(
    em: EntityManager,
    m: {
      title: string;
      instruction: string;
      requiredReport: string;
      issuer: string;
      bureauCode: string;
      dueAt: Date;
      by: string;
      at: Date;
    },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO supervision_matters (title, instruction, required_report, issuer_bureau_code, bureau_code, due_at,
                                        created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
      [m.title, m.instruction, m.requiredReport, m.issuer, m.bureauCode, m.dueAt, m.by, m.at],
    );
    return row.id;
  }

  async get(id: string, now: Date, db: Db = this.ds): Promise<SupervisionMatter | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await db.query(`${SELECT} WHERE m.id = $2`, [now, id]);
    return row ? toMatter(row) : null;
  }

  async lock(em: EntityManager, id: string): Promise<{ status: string; bureauCode: string } | null> {
    const [row] = await em.query(
      `SELECT status, bureau_code AS "bureauCode" FROM supervision_matters WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async ledger(f: LedgerFilter, now: Date): Promise<SupervisionMatter[]> {
    const cond = {
      open: `m.status = 'open'`,
      answered: `m.status = 'answered'`,
      overdue: `m.status = 'open' AND COALESCE(c.due_at, m.due_at) < $1`,
      late: `f.id IS NOT NULL`,
    }[f.status ?? ('' as never)];
    const rows = await this.ds.query(
      `${SELECT}
        WHERE (b.path LIKE $2 OR ib.path LIKE $2) AND ($3::text IS NULL OR m.bureau_code = $3)
          ${cond ? `AND ${cond}` : ''}
        ORDER BY (m.status = 'open') DESC, COALESCE(c.due_at, m.due_at), m.id LIMIT $4`,
      [now, `${f.pathPrefix}%`, f.bureauCode ?? null, f.limit ?? 500],
    );
    return rows.map(toMatter);
  }

  async answer(em: EntityManager, id: string, a: { answer: string; by: string; at: Date }): Promise<void> {
    await em.query(
      `UPDATE supervision_matters SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4
        WHERE id = $1 AND status = 'open'`,
      [id, a.answer, a.by, a.at],
    );
  }

  async finding(
    em: EntityManager,
    f: { matterId: string; bureauCode: string; at: Date; clockId: string; evidence: unknown },
  ): Promise<void> {
    await em.query(
      `INSERT INTO supervision_findings (matter_id, bureau_code, kind, found_at, clock_id, evidence)
       VALUES ($1, $2, 'late', $3, $4, $5) ON CONFLICT DO NOTHING`,
      [f.matterId, f.bureauCode, f.at, f.clockId, JSON.stringify(f.evidence)],
    );
  }

  async event(
    em: EntityManager,
    e: { matterId: string; at: Date; action: string; actor: string; detail?: unknown },
  ) {
    await em.query(
      `INSERT INTO supervision_events (matter_id, at, action, actor_label, detail) VALUES ($1, $2, $3, $4, $5)`,
      [
        e.matterId,
        e.at,
        e.action,
        e.actor.slice(0, 300),
        e.detail === undefined ? null : JSON.stringify(e.detail),
      ],
    );
  }
}
