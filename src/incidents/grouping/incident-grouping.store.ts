/** SQL of the grouper (claim, candidate lookups, writes), kept apart from the decisions in incident-grouper.ts. */
import type { EntityManager } from 'typeorm';
import type { Candidate, KnownIncident } from './incident-matching';
import { bands, fromBigintString, SimHash, toBigintString, wideBands } from './incident-simhash';

export interface ClaimedItem {
  id: string;
  ingestedAt: Date;
  /** ingested_at exactly (microseconds; a JS Date keeps milliseconds): the partition key of the item's row. */
  ingestedKey: string;
  sourceId: string;
  url: string | null;
  title: string;
  text: string;
  bureauCode: string | null;
  regionCode: string | null;
  category: string | null;
  secondaryCategories: string[] | null;
}

/** Joinable: not closed, not merged away, last item within the window. */
const JOINABLE = `i.status <> 'closed' AND i.merged_into_id IS NULL AND i.last_seen_at >= $CUTOFF`;

/**
 * Classified alert items not yet in an incident, oldest first, locked (SKIP LOCKED: a second grouper, or the
 * failure-isolation pass, never waits on them). Unknown bureau codes become unassigned rather than failing the batch.
 */
export async function claimItems(em: EntityManager, limit: number, onlyId?: string): Promise<ClaimedItem[]> {
  return em.query(
    `SELECT it.id::text AS id, it.ingested_at AS "ingestedAt", it.ingested_at::text AS "ingestedKey", it.source_id::text AS "sourceId", it.url,
            it.title, it.content_text AS text, b.code AS "bureauCode", it.region_code AS "regionCode",
            CASE WHEN it.category IN ('执法争议','服务态度与效率','系统故障','政策争议','收费与负担','廉政问题','涉税诈骗','其他')
                 THEN it.category END AS category,
            it.secondary_categories AS "secondaryCategories"
     FROM items it LEFT JOIN bureaus b ON b.code = it.bureau_code
     WHERE it.status = 'classified' AND it.alert AND it.incident_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM incident_grouping_failures f WHERE f.item_id = it.id)
       ${onlyId ? 'AND it.id = $2' : ''}
     ORDER BY it.id
     LIMIT $1
     FOR UPDATE OF it SKIP LOCKED`,
    onlyId ? [limit, onlyId] : [limit],
  );
}

export interface CandidateSet {
  known: Map<string, KnownIncident & { linkGroupId: string | null; firstSeenAt: Date }>;
  /** item id → fingerprints sharing a band with it (same bureau). */
  byItem: Map<string, Candidate[]>;
  /** `${bureauKey}|${link}` → joinable incident ids (all bureaus, for same-bureau joins and cross-bureau links). */
  links: Map<string, string[]>;
}

export async function loadCandidates(
  em: EntityManager,
  probes: { itemId: string; bureauKey: string; simhash: SimHash }[],
  links: string[],
  cutoff: Date,
): Promise<CandidateSet> {
  const q = { item: [] as string[], key: [] as string[], band: [] as number[], value: [] as number[] };
  for (const p of probes) {
    bands(p.simhash).forEach((v, b) => {
      q.item.push(p.itemId);
      q.key.push(p.bureauKey);
      q.band.push(b);
      q.value.push(v);
    });
  }
  // Band hits first, then each distinct incident once: joining incidents per hit costs 8× the lookups.
  const hits: { item: string; incident: string; simhash: string }[] = await em.query(
    `SELECT DISTINCT q.item, b.incident_id::text AS incident, b.simhash::text AS simhash
     FROM unnest($1::text[], $2::text[], $3::smallint[], $4::int[]) AS q(item, bureau_key, band, value)
     JOIN incident_simhash_bands b ON b.bureau_key = q.bureau_key AND b.band = q.band AND b.value = q.value`,
    [q.item, q.key, q.band, q.value],
  );
  const linkHits: { link: string; bureauKey: string; incident: string }[] = links.length
    ? await em.query(
        `SELECT link, bureau_key AS "bureauKey", incident_id::text AS incident FROM incident_links
         WHERE link = ANY($1::text[])`,
        [links],
      )
    : [];
  const known = await loadKnown(em, [...new Set([...hits, ...linkHits].map((r) => r.incident))], cutoff);
  const sigRows = hits.filter((r) => known.has(r.incident));
  const linkRows = linkHits.filter((r) => known.has(r.incident));
  const byItem = new Map<string, Candidate[]>();
  for (const r of sigRows) {
    byItem.set(r.item, [
      ...(byItem.get(r.item) ?? []),
      { incidentId: r.incident, simhash: fromBigintString(r.simhash) },
    ]);
  }
  const linkMap = new Map<string, string[]>();
  for (const r of linkRows) {
    const key = `${r.bureauKey}|${r.link}`;
    linkMap.set(key, [...(linkMap.get(key) ?? []), r.incident]);
  }
  return { known, byItem, links: linkMap };
}

/** The joinable ones among these incidents, with what matching needs to know about them. */
export async function loadKnown(
  em: EntityManager,
  ids: string[],
  cutoff: Date,
): Promise<CandidateSet['known']> {
  if (ids.length === 0) return new Map();
  const rows: (KnownIncident & { linkGroupId: string | null; firstSeenAt: Date })[] = await em.query(
    `SELECT i.id::text AS id, coalesce(i.bureau_code, '') AS "bureauKey", i.last_seen_at AS "lastSeenAt",
            i.first_seen_at AS "firstSeenAt",
            i.link_group_id::text AS "linkGroupId",
            (SELECT count(*)::int FROM incident_simhash_bands x WHERE x.incident_id = i.id AND x.band = 0) AS "signatureCount"
     FROM incidents i WHERE i.id = ANY($1::bigint[]) AND ${JOINABLE.replace('$CUTOFF', '$2')}`,
    [ids, cutoff],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Incidents sharing a 16-bit word with the given fingerprints, any bureau (cross-bureau linking of new incidents). */
export async function crossBureauCandidates(
  em: EntityManager,
  fingerprints: SimHash[],
  cutoff: Date,
): Promise<{ id: string; bureauKey: string; simhash: SimHash; linkGroupId: string | null }[]> {
  if (fingerprints.length === 0) return [];
  const pairs = new Set<string>();
  for (const f of fingerprints) for (const w of wideBands(f)) pairs.add(`${w.band}:${w.value}`);
  const band = [...pairs].map((p) => Number(p.split(':')[0]));
  const value = [...pairs].map((p) => Number(p.split(':')[1]));
  const rows: { id: string; bureauKey: string; simhash: string; linkGroupId: string | null }[] =
    await em.query(
      `SELECT DISTINCT b.incident_id::text AS id, b.bureau_key AS "bureauKey", b.simhash::text AS simhash,
            i.link_group_id::text AS "linkGroupId"
     FROM unnest($1::smallint[], $2::int[]) AS q(band, value)
     JOIN incident_simhash_bands b ON b.band = q.band AND b.value = q.value AND b.band >= 8
     JOIN incidents i ON i.id = b.incident_id
     WHERE ${JOINABLE.replace('$CUTOFF', '$3')}`,
      [band, value, cutoff],
    );
  return rows.map((r) => ({ ...r, simhash: fromBigintString(r.simhash) }));
}

/** Incident ids allocated up front, so new rows can be written in one statement and referred to at once. */
export async function allocateIds(em: EntityManager, n: number): Promise<string[]> {
  if (n === 0) return [];
  const rows: { id: string }[] = await em.query(
    `SELECT nextval(pg_get_serial_sequence('incidents', 'id'))::text AS id FROM generate_series(1, $1)`,
    [n],
  );
  return rows.map((r) => r.id);
}

export async function assignItems(
  em: EntityManager,
  rows: { id: string; ingestedKey: string; incidentId: string }[],
) {
  if (rows.length === 0) return;
  await em.query(
    `UPDATE items it SET incident_id = x.incident_id
     FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[]) AS x(id, ingested_at, incident_id)
     WHERE it.id = x.id AND it.ingested_at = x.ingested_at`,
    [rows.map((r) => r.id), rows.map((r) => r.ingestedKey), rows.map((r) => r.incidentId)],
  );
}

export async function insertSignatures(
  em: EntityManager,
  rows: { incidentId: string; bureauKey: string; simhash: SimHash }[],
) {
  if (rows.length === 0) return;
  const c = {
    key: [] as string[],
    band: [] as number[],
    value: [] as number[],
    id: [] as string[],
    hash: [] as string[],
  };
  for (const r of rows) {
    const h = toBigintString(r.simhash);
    const all = [...bands(r.simhash).map((value, band) => ({ band, value })), ...wideBands(r.simhash)];
    for (const { band, value } of all) {
      c.key.push(r.bureauKey);
      c.band.push(band);
      c.value.push(value);
      c.id.push(r.incidentId);
      c.hash.push(h);
    }
  }
  await em.query(
    `INSERT INTO incident_simhash_bands (bureau_key, band, value, incident_id, simhash)
     SELECT * FROM unnest($1::text[], $2::smallint[], $3::int[], $4::bigint[], $5::bigint[])
     ON CONFLICT DO NOTHING`,
    [c.key, c.band, c.value, c.id, c.hash],
  );
}

export async function insertLinks(
  em: EntityManager,
  rows: { incidentId: string; bureauKey: string; link: string }[],
) {
  if (rows.length === 0) return;
  await em.query(
    `INSERT INTO incident_links (link, bureau_key, incident_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.link), rows.map((r) => r.bureauKey), rows.map((r) => r.incidentId)],
  );
}

/** Drops lookup rows of incidents that can no longer gain items, so the band index stays window-sized. */
export async function pruneLookups(em: EntityManager, cutoff: Date): Promise<number> {
  let removed = 0;
  for (const table of ['incident_simhash_bands', 'incident_links']) {
    const [, n] = await em.query(
      `DELETE FROM ${table} x USING incidents i
       WHERE i.id = x.incident_id AND (i.last_seen_at < $1 OR i.status = 'closed' OR i.merged_into_id IS NOT NULL)`,
      [cutoff],
    );
    removed += Number(n) || 0;
  }
  return removed;
}
