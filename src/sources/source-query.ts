import { HealthStatus, SourceView } from './source.types';

/**
 * The one SELECT behind every source view (API, CSV export, console page). $1 is "now": items in the last 24 hours
 * are counted per source through the (source_id, ingested_at) index, touching only the newest partitions.
 */
export const SOURCE_SELECT = `
  SELECT s.id::text, s.name, s.kind, s.url, s.host, s.bureau_code, b.name AS bureau_name, b.path AS bureau_path,
         s.region_code, s.authority_tier, s.min_interval_seconds, s.max_interval_seconds, s.enabled, s.feed_title,
         s.push_secret_prefix, s.created_at, s.updated_at, s.last_checked_at, s.last_success_at, s.last_item_at,
         s.last_error_at, s.last_error_kind, s.last_error, s.last_status, s.consecutive_errors, s.next_check_at,
         s.expected_interval_seconds, s.needs_attention, s.stale, c.n AS items_24h
    FROM sources s
    LEFT JOIN bureaus b ON b.code = s.bureau_code
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM items i WHERE i.source_id = s.id AND i.ingested_at > $1::timestamptz - interval '24 hours'
    ) c ON true`;

/** Visible to a principal: sources without a bureau (national media, platforms) and those in its subtree. */
export const VISIBLE_TO = (pathParam: string) => `(s.bureau_code IS NULL OR b.path LIKE ${pathParam} || '%')`;

export interface SourceRow {
  id: string;
  name: string;
  kind: 'feed' | 'push';
  url: string | null;
  host: string | null;
  bureau_code: string | null;
  bureau_name: string | null;
  bureau_path: string | null;
  region_code: string | null;
  authority_tier: SourceView['authorityTier'];
  min_interval_seconds: number;
  max_interval_seconds: number;
  enabled: boolean;
  feed_title: string | null;
  push_secret_prefix: string | null;
  created_at: Date;
  updated_at: Date;
  last_checked_at: Date | null;
  last_success_at: Date | null;
  last_item_at: Date | null;
  last_error_at: Date | null;
  last_error_kind: string | null;
  last_error: string | null;
  last_status: number | null;
  consecutive_errors: number;
  next_check_at: Date | null;
  expected_interval_seconds: number | null;
  needs_attention: boolean;
  stale: boolean;
  items_24h: number;
}

export function healthStatus(
  r: Pick<
    SourceRow,
    | 'enabled'
    | 'needs_attention'
    | 'consecutive_errors'
    | 'stale'
    | 'kind'
    | 'last_checked_at'
    | 'last_item_at'
  >,
): HealthStatus {
  if (!r.enabled) return 'disabled';
  if (r.needs_attention) return 'attention';
  if (r.consecutive_errors > 0) return 'failing';
  if (r.stale) return 'stale';
  if (r.kind === 'feed' ? r.last_checked_at === null : r.last_item_at === null) return 'pending';
  return 'ok';
}

export function toSourceView(r: SourceRow): SourceView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    url: r.url,
    host: r.host,
    bureauCode: r.bureau_code,
    bureauName: r.bureau_name,
    regionCode: r.region_code,
    authorityTier: r.authority_tier,
    minIntervalSeconds: r.min_interval_seconds,
    maxIntervalSeconds: r.max_interval_seconds,
    enabled: r.enabled,
    feedTitle: r.feed_title,
    pushSecretPrefix: r.push_secret_prefix,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    health: {
      status: healthStatus(r),
      lastCheckedAt: r.last_checked_at,
      lastSuccessAt: r.last_success_at,
      lastItemAt: r.last_item_at,
      lastErrorAt: r.last_error_at,
      lastErrorKind: r.last_error_kind,
      lastError: r.last_error,
      lastStatus: r.last_status,
      consecutiveErrors: r.consecutive_errors,
      itemsLast24h: r.items_24h ?? 0,
      nextCheckAt: r.kind === 'feed' ? r.next_check_at : null,
      expectedIntervalSeconds: r.expected_interval_seconds,
      needsAttention: r.needs_attention,
      stale: r.stale,
    },
  };
}
