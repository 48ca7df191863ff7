import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BriefingKind, BriefingPeriod } from './briefing-period';
import { BriefingRecord, BriefingSnapshot } from './briefing.types';

type Db = DataSource | EntityManager;

const COLUMNS = `id::text, kind, scope_code AS "scopeCode", period, recipients, created_at AS "createdAt",
  sent_at AS "sentAt"`;

type Row = Omit<BriefingRecord, 'createdAt' | 'sentAt'> & { createdAt: Date; sentAt: Date };

const toRecord = (r: Row): BriefingRecord => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt.toISOString(),
});

export interface ArchiveFilter {
  /** Only scopes whose path starts with this (the viewer's subtree). */
  pathPrefix: string;
  kind?: BriefingKind;
  scopeCode?: string;
  limit?: number;
}

/** briefings: one frozen row per (kind, scope, period), inserted when sent. */
@Injectable()
export class BriefingsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The scopes among `scopes` whose briefing of this period exists. */
  async done(kind: BriefingKind, period: string, scopes: string[]): Promise<Set<string>> {
    const rows: { scope_code: string }[] = await this.ds.query(
      `SELECT scope_code FROM briefings WHERE kind = $1 AND period = $2 AND scope_code = ANY($3)`,
      [kind, period, scopes],
    );
    return new Set(rows.map((r) => r.scope_code));
  }

  /**
   * Inserts the sent briefing; null when another instance (or an earlier run) already did — the unique key decides,
   * and a concurrent insert waits for the winner's commit before it gets its "nothing inserted".
   */
  async insert(
    em: EntityManager,
    b: {
      period: BriefingPeriod;
      scopeCode: string;
      snapshot: BriefingSnapshot;
      recipients: number;
      at: Date;
    },
  ): Promise<BriefingRecord | null> {
    const [row] = await em.query(
      `INSERT INTO briefings (kind, scope_code, period, period_start, period_end, snapshot, recipients, created_at, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (kind, scope_code, period) DO NOTHING
       RETURNING ${COLUMNS}, snapshot`,
      [
        b.period.kind,
        b.scopeCode,
        b.period.key,
        b.period.start,
        b.period.end,
        JSON.stringify(b.snapshot),
        b.recipients,
        b.at,
      ],
    );
    return row ? toRecord(row) : null;
  }

  async get(id: string, db: Db = this.ds): Promise<BriefingRecord | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await db.query(`SELECT ${COLUMNS}, snapshot FROM briefings WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async find(kind: BriefingKind, scopeCode: string, period: string): Promise<BriefingRecord | null> {
    const [row] = await this.ds.query(
      `SELECT ${COLUMNS}, snapshot FROM briefings WHERE kind = $1 AND scope_code = $2 AND period = $3`,
      [kind, scopeCode, period],
    );
    return row ? toRecord(row) : null;
  }

  /** The archive, newest first, without snapshots but with the headline count. */
  async archive(
    f: ArchiveFilter,
  ): Promise<(Omit<BriefingRecord, 'snapshot'> & { scopeName: string; incidents: number })[]> {
    const rows = await this.ds.query(
      `SELECT x.id::text, x.kind, x.scope_code AS "scopeCode", x.period, x.recipients, x.created_at AS "createdAt",
              x.sent_at AS "sentAt", b.short_name AS "scopeName", (x.snapshot->'current'->>'incidents')::int AS incidents
         FROM briefings x JOIN bureaus b ON b.code = x.scope_code
        WHERE b.path LIKE $1 AND ($2::text IS NULL OR x.kind = $2) AND ($3::text IS NULL OR x.scope_code = $3)
        ORDER BY x.period_end DESC, b.path LIMIT $4`,
      [`${f.pathPrefix}%`, f.kind ?? null, f.scopeCode ?? null, f.limit ?? 100],
    );
    return rows.map((r: Row & { scopeName: string; incidents: number }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt.toISOString(),
    }));
  }
}
