import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { rootLogger } from '../infrastructure/logging/logger';
import { IngestionConfig } from './ingestion.config';

const PARTITION_NAME = /^items_p(\d{4})_(\d{2})$/;
const MONTHS_AHEAD = 2;
const SOURCE_ERRORS_KEPT_DAYS = 90;

/** First instant of the UTC month `offset` months from `d`. */
export function monthStart(d: Date, offset = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

const monthKey = (d: Date) => `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Monthly partitions of `items` (bounds at UTC month starts, created by the SQL function items_ensure_partition from
 * the Ingestion migration): this month and the next two exist from start-up on and are re-checked daily; with
 * ITEM_RETENTION_MONTHS = N, partitions older than the N whole months before the current one are dropped.
 * `item_keys` is kept: dedupe keys outlive their items, so a dropped item never comes back as new.
 */
@Injectable()
export class ItemPartitions implements OnApplicationBootstrap {
  private readonly known = new Set<string>();
  private readonly log = rootLogger().child({ ctx: 'item-partitions' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAhead();
  }

  /** Creates missing partitions for this month and the next two; returns the names created. */
  async ensureAhead(now = this.clock.now()): Promise<string[]> {
    const created: string[] = [];
    for (let i = 0; i <= MONTHS_AHEAD; i++) {
      const month = monthStart(now, i);
      const [{ name }] = await this.db.query(`SELECT items_ensure_partition($1::date) AS name`, [
        month.toISOString().slice(0, 10),
      ]);
      if (name) created.push(name);
      this.known.add(monthKey(month));
    }
    if (created.length) this.log.info({ created }, 'item partitions created');
    return created;
  }

  /** Makes sure rows ingested at `at` have a partition (cheap after the first call per month). */
  async ensureFor(at: Date): Promise<void> {
    const month = monthStart(at);
    if (this.known.has(monthKey(month))) return;
    await this.db.query(`SELECT items_ensure_partition($1::date)`, [month.toISOString().slice(0, 10)]);
    this.known.add(monthKey(month));
  }

  async list(): Promise<{ name: string; month: string }[]> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'items'::regclass ORDER BY c.relname`,
    );
    return rows
      .map((r) => ({ name: r.name, m: PARTITION_NAME.exec(r.name) }))
      .filter((r) => r.m)
      .map((r) => ({ name: r.name, month: `${r.m![1]}-${r.m![2]}` }));
  }

  /** Drops partitions older than the retention window; returns their names. */
  async applyRetention(now = this.clock.now()): Promise<string[]> {
    const months = this.config.ITEM_RETENTION_MONTHS;
    if (months <= 0) return [];
    const cutoff = monthStart(now, -months).toISOString().slice(0, 7);
    const dropped: string[] = [];
    for (const p of await this.list()) {
      if (p.month >= cutoff) continue;
      await this.db.query(`DROP TABLE IF EXISTS "${p.name}"`);
      this.known.delete(p.month.replace('-', '_'));
      dropped.push(p.name);
    }
    if (dropped.length) this.log.info({ dropped, retentionMonths: months }, 'old item partitions dropped');
    return dropped;
  }

  /** The daily job: partitions ahead, retention, the error log's own retention, stale flags of push sources. */
  async maintain(now = this.clock.now()): Promise<{ created: string[]; dropped: string[] }> {
    const created = await this.ensureAhead(now);
    const dropped = await this.applyRetention(now);
    await this.db.query(
      `DELETE FROM source_errors WHERE occurred_at < $1::timestamptz - make_interval(days => $2)`,
      [now, SOURCE_ERRORS_KEPT_DAYS],
    );
    // Feeds get their stale flag when polled; push sources only when this runs (their max interval is the longest
    // quiet spell expected of them).
    await this.db.query(
      `UPDATE sources SET stale = ($1::timestamptz - COALESCE(last_item_at, created_at))
                                  > GREATEST(3 * make_interval(secs => max_interval_seconds), interval '2 days')
        WHERE kind = 'push'`,
      [now],
    );
    return { created, dropped };
  }
}
