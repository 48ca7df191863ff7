import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MonthKey } from '../figures/statistics-month';
import { BulletinRecord, MonthlySnapshot } from '../statistics.types';

type Db = DataSource | EntityManager;

const COLUMNS = `id::text, month, scope_code AS "scopeCode", version, status, figures_hash AS "figuresHash", note,
  generated_at AS "generatedAt", published_at AS "publishedAt"`;

interface Row extends Omit<BulletinRecord, 'generatedAt' | 'publishedAt' | 'snapshot'> {
  generatedAt: Date;
  publishedAt: Date | null;
  snapshot?: MonthlySnapshot;
}

function toRecord(r: Row): BulletinRecord {
  return {
    ...r,
    generatedAt: r.generatedAt.toISOString(),
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    snapshot: r.snapshot as MonthlySnapshot,
  };
}

export interface StatisticsEvent {
  at: Date;
  month: MonthKey;
  scopeCode: string;
  bulletinId?: string | null;
  taskId?: string | null;
  action: string;
  actorLabel: string;
  detail?: unknown;
}

/** statistics_bulletins (one row per month, scope and version) and the statistics_events history. */
@Injectable()
export class BulletinRepository {
  constructor(private readonly ds: DataSource) {}

  /** The newest version, locked for the caller's transaction when `lock`. */
  async latest(
    month: MonthKey,
    scopeCode: string,
    opts: { db?: Db; lock?: boolean } = {},
  ): Promise<BulletinRecord | null> {
    const [row] = await (opts.db ?? this.ds).query(
      `SELECT ${COLUMNS}, snapshot FROM statistics_bulletins WHERE month = $1 AND scope_code = $2
        ORDER BY version DESC LIMIT 1 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [month, scopeCode],
    );
    return row ? toRecord(row) : null;
  }

  /** The newest published version: what readers see (a draft stays internal until published). */
  async latestPublished(
    month: MonthKey,
    scopeCode: string,
    db: Db = this.ds,
  ): Promise<BulletinRecord | null> {
    const [row] = await db.query(
      `SELECT ${COLUMNS}, snapshot FROM statistics_bulletins WHERE month = $1 AND scope_code = $2 AND status = 'published'
        ORDER BY version DESC LIMIT 1`,
      [month, scopeCode],
    );
    return row ? toRecord(row) : null;
  }

  async versions(
    month: MonthKey,
    scopeCode: string,
    db: Db = this.ds,
  ): Promise<Omit<BulletinRecord, 'snapshot'>[]> {
    const rows: Row[] = await db.query(
      `SELECT ${COLUMNS} FROM statistics_bulletins WHERE month = $1 AND scope_code = $2 ORDER BY version`,
      [month, scopeCode],
    );
    return rows.map((r) => {
      const { snapshot: _s, ...rest } = toRecord(r);
      return rest;
    });
  }

  async insert(
    em: EntityManager,
    b: {
      month: MonthKey;
      scopeCode: string;
      version: number;
      snapshot: MonthlySnapshot;
      hash: string;
      note: string | null;
      at: Date;
    },
  ): Promise<BulletinRecord> {
    const [row] = await em.query(
      `INSERT INTO statistics_bulletins (month, scope_code, version, status, snapshot, figures_hash, note, generated_at, created_at)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $7) RETURNING ${COLUMNS}, snapshot`,
      [b.month, b.scopeCode, b.version, JSON.stringify(b.snapshot), b.hash, b.note, b.at],
    );
    return toRecord(row);
  }

  /** Regenerates a draft in place (a published bulletin refuses this in the database). */
  async replaceDraft(
    em: EntityManager,
    id: string,
    snapshot: MonthlySnapshot,
    hash: string,
    at: Date,
  ): Promise<BulletinRecord> {
    // TypeORM returns [rows, affected] for an UPDATE … RETURNING on PostgreSQL.
    const [rows] = await em.query(
      `UPDATE statistics_bulletins SET snapshot = $2, figures_hash = $3, generated_at = $4
        WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}, snapshot`,
      [id, JSON.stringify(snapshot), hash, at],
    );
    return toRecord(rows[0]);
  }

  async publish(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(
      `UPDATE statistics_bulletins SET status = 'published', published_at = $2 WHERE id = $1 AND status = 'draft'`,
      [id, at],
    );
  }

  /** Was the bulletin of this month and scope ever published (the monthly job's "already sent")? */
  async published(month: MonthKey, scopeCode: string): Promise<boolean> {
    const [row] = await this.ds.query(
      `SELECT 1 FROM statistics_bulletins WHERE month = $1 AND scope_code = $2 AND status = 'published' LIMIT 1`,
      [month, scopeCode],
    );
    return !!row;
  }

  async event(em: EntityManager, e: StatisticsEvent): Promise<void> {
    await em.query(
      `INSERT INTO statistics_events (at, month, scope_code, bulletin_id, task_id, action, actor_label, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        e.at,
        e.month,
        e.scopeCode,
        e.bulletinId ?? null,
        e.taskId ?? null,
        e.action,
        e.actorLabel,
        e.detail ?? null,
      ],
    );
  }

  async events(
    month: MonthKey,
    scopeCode: string,
  ): Promise<{ at: Date; action: string; actorLabel: string; detail: unknown }[]> {
    return this.ds.query(
      `SELECT at, action, actor_label AS "actorLabel", detail FROM statistics_events
        WHERE month = $1 AND scope_code = $2 ORDER BY id`,
      [month, scopeCode],
    );
  }
}
