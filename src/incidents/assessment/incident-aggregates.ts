import type { EntityManager } from 'typeorm';
import { HeatBucket, heatAt, heatRank } from './incident-heat';
import type { SpreadFigures } from './incident-grade';
import type { AuthorityTier, Grade } from '../incident.types';

export interface IncidentFigures extends SpreadFigures {
  id: string;
  itemCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Earliest publication time the items report, if any is not later than the item's ingestion. */
  publishedAt: Date | null;
  maxAuthorityTier: AuthorityTier | null;
  /** Most severe grade hint among the items. */
  hint: Grade | null;
  heat: number;
  heatRank: number;
}

const TIERS: AuthorityTier[] = ['central', 'provincial', 'local', 'social', 'forum'];

/**
 * Recomputes, from the items themselves, everything an incident derives from them: counts, distinct and central
 * sources, first/last seen, peak items per clock hour, highest authority, heat. Set-based (one query and one update
 * for any number of incidents) and idempotent, so grouping, merge and split all call it after moving items.
 */
export async function refreshAggregates(
  em: EntityManager,
  ids: readonly string[],
  halfLifeHours: number,
  /** No item of these incidents is older (their first_seen_at): lets Postgres skip older monthly partitions. */
  since: Date | null = null,
): Promise<Map<string, IncidentFigures>> {
  const out = new Map<string, IncidentFigures>();
  if (ids.length === 0) return out;
  // One pass over the items: per incident, source and clock hour; everything else is summed up here.
  const rows: {
    id: string;
    source: string;
    tier: AuthorityTier;
    hour: Date;
    n: number;
    first: Date;
    last: Date;
    published: Date | null;
    hint: Grade | null;
  }[] = await em.query(
    `SELECT it.incident_id::text AS id, it.source_id::text AS source, s.authority_tier AS tier,
              date_trunc('hour', it.ingested_at) AS hour, count(*)::int AS n, min(it.ingested_at) AS first,
              max(it.ingested_at) AS last, min(it.grade_hint) AS hint,
              min(it.published_at) FILTER (WHERE it.published_at <= it.ingested_at) AS published
       FROM items it JOIN sources s ON s.id = it.source_id
       WHERE it.incident_id = ANY($1::bigint[]) ${since ? 'AND it.ingested_at >= $2::timestamptz' : ''}
       GROUP BY 1, 2, 3, 4`,
    since ? [ids, since] : [ids],
  );
  interface Acc {
    items: number;
    sources: Set<string>;
    central: Set<string>;
    first: Date;
    last: Date;
    published: Date | null;
    tier: number;
    hint: Grade | null;
    buckets: HeatBucket[];
    perHour: Map<number, number>;
  }
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    let a = acc.get(r.id);
    if (!a) {
      a = {
        items: 0,
        sources: new Set(),
        central: new Set(),
        first: r.first,
        last: r.last,
        published: null,
        tier: 99,
        hint: null,
        buckets: [],
        perHour: new Map(),
      };
      acc.set(r.id, a);
    }
    a.items += r.n;
    a.sources.add(r.source);
    if (r.tier === 'central') a.central.add(r.source);
    if (r.first < a.first) a.first = r.first;
    if (r.last > a.last) a.last = r.last;
    if (r.published && (!a.published || r.published < a.published)) a.published = r.published;
    a.tier = Math.min(a.tier, TIERS.indexOf(r.tier) + 1 || 99);
    if (r.hint && (!a.hint || r.hint < a.hint)) a.hint = r.hint;
    a.buckets.push({ tier: r.tier, hour: r.hour, count: r.n });
    a.perHour.set(r.hour.getTime(), (a.perHour.get(r.hour.getTime()) ?? 0) + r.n);
  }
  for (const [id, a] of acc) {
    const input = {
      buckets: a.buckets,
      distinctSources: a.sources.size,
      centralSources: a.central.size,
      lastSeenAt: a.last,
    };
    const heat = heatAt(input, halfLifeHours);
    out.set(id, {
      id,
      itemCount: a.items,
      distinctSources: a.sources.size,
      centralSources: a.central.size,
      peakItemsPerHour: Math.max(0, ...a.perHour.values()),
      firstSeenAt: a.first,
      lastSeenAt: a.last,
      publishedAt: a.published,
      maxAuthorityTier: TIERS[a.tier - 1] ?? null,
      hint: a.hint,
      heat,
      heatRank: heatRank(heat, a.last, halfLifeHours),
    });
  }
  await em.query(
    `UPDATE incidents i SET item_count = f."itemCount", source_count = f."distinctSources",
            central_source_count = f."centralSources", peak_items_per_hour = f."peakItemsPerHour",
            first_seen_at = f."firstSeenAt", last_seen_at = f."lastSeenAt", published_at = f."publishedAt",
            max_authority_tier = f."maxAuthorityTier",
            heat = f.heat, heat_rank = f."heatRank"
     FROM jsonb_to_recordset($1::jsonb) AS f(id bigint, "itemCount" int, "distinctSources" int, "centralSources" int,
          "peakItemsPerHour" int, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz, "publishedAt" timestamptz,
          "maxAuthorityTier" text,
          heat real, "heatRank" double precision)
     WHERE i.id = f.id`,
    [JSON.stringify([...out.values()])],
  );
  const empty = ids.filter((id) => !out.has(id)); // every item moved away (merge, split)
  if (empty.length) {
    await em.query(
      `UPDATE incidents SET item_count = 0, source_count = 0, central_source_count = 0, peak_items_per_hour = 0,
              heat = 0, published_at = NULL WHERE id = ANY($1::bigint[])`,
      [empty],
    );
  }
  return out;
}
