import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const INGESTED_AT = '2026-11-02T01:00:00Z';

/** A push source (the kind that needs no URL), optionally bound to a bureau/region. */
export async function pushSource(
  ds: DataSource,
  opts: { bureauCode?: string; regionCode?: string; tier?: string } = {},
): Promise<string> {
  const name = `cls-${randomBytes(4).toString('hex')}`;
  const [row] = await ds.query(
    `INSERT INTO sources (name, kind, authority_tier, bureau_code, region_code, push_secret_nonce, created_at, updated_at)
     VALUES ($1, 'push', $2, $3, $4, 'nonce-' || $1, now(), now()) RETURNING id::text`,
    [name, opts.tier ?? 'social', opts.bureauCode ?? null, opts.regionCode ?? null],
  );
  return row.id;
}

/** Pending items as ingestion leaves them; returns their ids in order. */
export async function pendingItems(
  ds: DataSource,
  sourceId: string,
  items: { title?: string; text: string }[],
): Promise<string[]> {
  await ds.query(`SELECT items_ensure_partition($1::date)`, [INGESTED_AT.slice(0, 10)]);
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO items (ingested_at, source_id, dedupe_key, title, content_text)
     SELECT $1, $2, x.key, x.title, x.text
     FROM jsonb_to_recordset($3::jsonb) AS x(key text, title text, text text, ord int)
     ORDER BY x.ord
     RETURNING id::text`,
    [
      INGESTED_AT,
      sourceId,
      JSON.stringify(
        items.map((i, ord) => ({
          ord,
          key: randomBytes(8).toString('hex'),
          title: i.title ?? '',
          text: i.text,
        })),
      ),
    ],
  );
  return rows.map((r) => r.id);
}

export async function itemRow(ds: DataSource, id: string): Promise<Record<string, unknown>> {
  const [row] = await ds.query(`SELECT * FROM items WHERE id = $1`, [id]);
  return row;
}
