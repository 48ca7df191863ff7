import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PollState } from './poll-schedule';

/** A feed claimed for one fetch: what the fetch needs, plus the polling state the next-check rule needs. */
export interface ClaimedSource extends PollState {
  id: string;
  url: string;
  host: string;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

export interface ClaimRequest {
  /** Only sources due by this instant (the cycle's start, so one cycle never takes a source twice). */
  dueBy: Date;
  limit: number;
  /** Most sources of one host in one claim (the pool runs them a few at a time within the lease). */
  perHost: number;
  excludeHosts: string[];
  /** The claimed rows' next_check_at becomes this: other instances skip them until then. */
  leaseUntil: Date;
}

/**
 * The "query the due rows" half of the poller. Candidates are ranked per host (a window function cannot be
 * combined with FOR UPDATE), then locked with SKIP LOCKED, re-checking that they are still due (another instance
 * may have claimed them since the snapshot), and leased in the same statement. There are four times more candidates
 * than the claim takes, and the LIMIT counts only rows locked: two instances claiming at the same moment see the same
 * first candidates, and the second one, skipping them all, came back empty and ended its cycle with nothing fetched.
 */
@Injectable()
export class SourceClaims {
  constructor(private readonly db: DataSource) {}

  async countDue(now: Date): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM sources WHERE enabled AND kind = 'feed' AND next_check_at <= $1`,
      [now],
    );
    return n;
  }

  async claim(r: ClaimRequest): Promise<ClaimedSource[]> {
    return this.db.query(
      `WITH ranked AS (
         SELECT id, next_check_at,
                row_number() OVER (PARTITION BY host ORDER BY next_check_at, id) AS host_rank
           FROM sources
          WHERE enabled AND kind = 'feed' AND next_check_at <= $1 AND NOT (host = ANY($4::text[]))
       ), candidates AS (
         SELECT id, next_check_at FROM ranked WHERE host_rank <= $3 ORDER BY next_check_at, id LIMIT $2 * 4
       ), locked AS (
         SELECT s.id FROM sources s JOIN candidates c ON c.id = s.id
          WHERE s.enabled AND s.kind = 'feed' AND s.next_check_at <= $1
          ORDER BY c.next_check_at, c.id
          LIMIT $2
          FOR UPDATE OF s SKIP LOCKED
       ), claimed AS (
         UPDATE sources s SET next_check_at = $5
           FROM locked WHERE s.id = locked.id
         RETURNING s.*
       )
       SELECT s.id::text, s.url, s.host, s.etag, s.last_modified AS "lastModified", s.body_hash AS "bodyHash",
              s.min_interval_seconds AS "minIntervalSeconds", s.max_interval_seconds AS "maxIntervalSeconds",
              s.expected_interval_seconds AS "expectedIntervalSeconds", s.ttl_seconds AS "ttlSeconds",
              s.consecutive_errors AS "consecutiveErrors", s.needs_attention AS "needsAttention",
              s.last_item_at AS "lastItemAt", s.created_at AS "createdAt"
         FROM claimed s`,
      [r.dueBy, r.limit, r.perHost, r.excludeHosts, r.leaseUntil],
    );
  }
}
