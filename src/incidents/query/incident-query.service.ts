import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outOfScope } from '../../auth/auth.errors';
import type { Principal } from '../../auth/roles';
import { ScopeService } from '../../auth/scope.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { ListIncidentsQuery } from '../incident.dto';
import { incidentOutOfScope } from '../incident.errors';
import { heatNow } from '../assessment/incident-heat';
import { buildListSql, encodeCursor, REVIEW_WHERE, Scope } from './incident-list.query';
import { reviewPendingSql } from '../triage/incident-review';
import { isHq } from './incident-scope';
import { searchQuery } from '../grouping/incident-text';
import { STATUSES, IncidentStatus } from '../incident.types';
import { IncidentsConfig } from '../incidents.config';

export interface IncidentListRow {
  id: string;
  title: string;
  summary: string | null;
  bureauCode: string | null;
  bureauName: string | null;
  regionCode: string | null;
  category: string | null;
  grade: string;
  status: IncidentStatus;
  itemCount: number;
  sourceCount: number;
  maxAuthorityTier: string | null;
  heat: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  detectedAt: Date;
  version: number;
  autoConfirmed: boolean;
  linkGroupId: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  claimExpiresAt: Date | null;
  /** A head's 申请复核 waits for an answer (incident-review.ts). */
  reviewPending: boolean;
}

export interface IncidentPage {
  items: IncidentListRow[];
  nextCursor: string | null;
}

/** The queue's counters: one per status, the 待研判 backlog and the 待复核 requests. */
export type QueueCount = IncidentStatus | 'review' | 'pendingReview';

/** Counts stop here: "10000+" is as useful as an exact figure and keeps the queue header cheap at any size. */
export const COUNT_CAP = 10_000;

/** The triage queue: scoped, filtered, sorted, keyset-paged lists and per-status counts. */
@Injectable()
export class IncidentQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly config: IncidentsConfig,
  ) {}

  private async prepare(p: Principal, q: ListIncidentsQuery) {
    const scope: Scope = { pathPrefix: isHq(p) ? null : p.bureauPath };
    if (q.unassigned && !isHq(p)) {
      throw incidentOutOfScope('', '未分配单位的事件只有总局用户可以查看');
    }
    let bureauPath: string | null = null;
    if (q.bureau) {
      bureauPath = await this.scope.pathOf(q.bureau);
      if (!ScopeService.covers(p, bureauPath)) throw outOfScope(q.bureau);
    }
    const tsquery = q.q?.trim() ? searchQuery(q.q) : null;
    return { scope, bureauPath, tsquery };
  }

  async list(p: Principal, q: ListIncidentsQuery): Promise<IncidentPage> {
    const prep = await this.prepare(p, q);
    const sql = buildListSql(q, prep.scope, { tsquery: prep.tsquery, bureauPath: prep.bureauPath });
    const limit = q.limit ?? 50;
    const now = this.clock.now();
    sql.params.push(now);
    const nowParam = `$${sql.params.length}`;
    const rows: (IncidentListRow & { _k: number | string })[] = await this.db.query(
      `SELECT i.id::text AS id, i.title, i.summary, i.bureau_code AS "bureauCode", b.name AS "bureauName",
              i.region_code AS "regionCode", i.category, i.grade, i.status, i.item_count AS "itemCount",
              i.source_count AS "sourceCount", i.max_authority_tier AS "maxAuthorityTier", i.heat,
              i.first_seen_at AS "firstSeenAt", i.last_seen_at AS "lastSeenAt", i.detected_at AS "detectedAt",
              i.version, i.auto_confirmed AS "autoConfirmed", i.link_group_id::text AS "linkGroupId",
              ${reviewPendingSql('i')} AS "reviewPending",
              CASE WHEN i.claim_expires_at > ${nowParam} THEN i.claimed_by::text END AS "claimedBy",
              CASE WHEN i.claim_expires_at > ${nowParam} THEN u.display_name END AS "claimedByName",
              CASE WHEN i.claim_expires_at > ${nowParam} THEN i.claim_expires_at END AS "claimExpiresAt",
              ${sql.cursorKey} AS "_k"
       FROM incidents i
       LEFT JOIN bureaus b ON b.code = i.bureau_code
       LEFT JOIN users u ON u.id = i.claimed_by
       WHERE ${sql.where}
       ORDER BY ${sql.orderBy}
       LIMIT ${limit + 1}`,
      sql.params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ k: last._k, id: last.id, ...(q.sort === 'grade' ? { g: last.grade } : {}) })
        : null;
    const half = this.config.INCIDENT_HEAT_HALF_LIFE_HOURS;
    return {
      items: page.map(({ _k: _unused, ...r }) => ({
        ...r,
        heat: Math.round(heatNow(r.heat, r.lastSeenAt, now, half) * 10) / 10,
      })),
      nextCursor,
    };
  }

  /**
   * Every row of the filtered list for export, page by page through the same list() (same filters, same scope),
   * up to `max`; `truncated` says more matched.
   */
  async exportRows(p: Principal, q: ListIncidentsQuery, max: number) {
    const rows: IncidentListRow[] = [];
    let cursor: string | undefined = undefined;
    for (;;) {
      const page = await this.list(p, { ...q, cursor, limit: 200 });
      rows.push(...page.items);
      if (!page.nextCursor || rows.length >= max) {
        return { rows: rows.slice(0, max), truncated: rows.length > max || !!page.nextCursor };
      }
      cursor = page.nextCursor;
    }
  }

  /** The principal's bureau and its direct children, for the queue's bureau filter. */
  async bureauOptions(p: Principal): Promise<{ code: string; name: string }[]> {
    return this.db.query(
      `SELECT code, name FROM bureaus WHERE code = $1 OR parent_code = $1 ORDER BY depth, code`,
      [p.bureauCode],
    );
  }

  /** Per-status counts for the same filters (status filter ignored), capped at COUNT_CAP. */
  async counts(
    p: Principal,
    q: ListIncidentsQuery,
  ): Promise<Record<QueueCount, { count: number; capped: boolean }>> {
    const prep = await this.prepare(p, q);
    const sql = buildListSql({ ...q, cursor: undefined }, prep.scope, {
      tsquery: prep.tsquery,
      bureauPath: prep.bureauPath,
      excludeStatus: true,
    });
    const n = sql.params.length;
    const parts = STATUSES.map(
      (s, k) =>
        `SELECT '${s}' AS status, (SELECT count(*)::int FROM (SELECT 1 FROM incidents i WHERE ${sql.where}
           AND i.status = $${n + k + 1} LIMIT ${COUNT_CAP + 1}) x) AS n`,
    );
    parts.push(
      `SELECT 'pendingReview' AS status, (SELECT count(*)::int FROM (SELECT 1 FROM incidents i WHERE ${sql.where}
         AND ${reviewPendingSql('i')} LIMIT ${COUNT_CAP + 1}) x) AS n`,
    );
    parts.push(
      `SELECT 'review' AS status, (SELECT count(*)::int FROM (SELECT 1 FROM incidents i WHERE ${sql.where}
         AND ${REVIEW_WHERE} LIMIT ${COUNT_CAP + 1}) x) AS n`,
    );
    const rows: { status: QueueCount; n: number }[] = await this.db.query(parts.join(' UNION ALL '), [
      ...sql.params,
      ...STATUSES,
    ]);
    const out = {} as Record<QueueCount, { count: number; capped: boolean }>;
    for (const r of rows) out[r.status] = { count: Math.min(r.n, COUNT_CAP), capped: r.n > COUNT_CAP };
    return out;
  }
}
