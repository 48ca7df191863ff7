import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One item ready for storage (a feed's NormalisedItem or a pushed item). */
export interface StorableItem {
  key: string;
  guid: string | null;
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  publishedAt: Date | null;
  language: string | null;
}

/**
 * Stores new items, once. One statement per batch: keys go into `item_keys` with ON CONFLICT DO NOTHING (a key
 * seen before, even one whose item has since left the feed or been dropped by retention, is never new again), and
 * only the keys that were new become rows of `items`, with status 'pending'.
 *
 * That status is the hand-off seam to classification (contracts.md): its worker claims pending items with
 * `… WHERE status = 'pending' ORDER BY id … FOR UPDATE SKIP LOCKED`. Nothing else needs to be called.
 */
@Injectable()
export class ItemStore {
  /**
   * Returns the new items (id and key). The caller ensures the month's partition exists (ItemPartitions.ensureFor).
   * `scope` (a bureau code) keeps the items' bureau inside that bureau's subtree whatever the classifier reads in
   * them (items_keep_push_scope trigger): set for pushes by a scoped pusher, null for feeds.
   */
  async insertNew(
    m: EntityManager,
    sourceId: string,
    items: readonly StorableItem[],
    ingestedAt: Date,
    scope: string | null = null,
  ): Promise<{ id: string; key: string }[]> {
    // A key twice in one batch would insert one key but two items: keep the first.
    const seen = new Set<string>();
    const batch = items.map(withoutNul).filter((i) => !seen.has(i.key) && seen.add(i.key));
    if (!batch.length) return [];
    return m.query(
      `WITH d AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                              $9::timestamptz[], $10::text[])
                    AS d(key, guid, url, title, content_text, author, published_at, language)
       ), fresh AS (
         INSERT INTO item_keys (source_id, dedupe_key, item_id, ingested_at, first_seen_at)
         SELECT $1, d.key, nextval('items_id_seq'), $2, $2 FROM d
         ON CONFLICT DO NOTHING
         RETURNING dedupe_key, item_id
       )
       INSERT INTO items (id, ingested_at, source_id, dedupe_key, guid, url, title, content_text, author,
                          published_at, language, status, scope_bureau_code)
       SELECT f.item_id, $2, $1, d.key, d.guid, d.url, d.title, d.content_text, d.author, d.published_at,
              d.language, 'pending', $11
         FROM fresh f JOIN d ON d.key = f.dedupe_key
       RETURNING id::text, dedupe_key AS key`,
      [
        sourceId,
        ingestedAt,
        batch.map((i) => i.key),
        batch.map((i) => i.guid),
        batch.map((i) => i.url),
        batch.map((i) => i.title),
        batch.map((i) => i.text),
        batch.map((i) => i.author),
        batch.map((i) => (i.publishedAt && !Number.isNaN(i.publishedAt.getTime()) ? i.publishedAt : null)),
        batch.map((i) => i.language),
        scope,
      ],
    );
  }
}

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const clean = (s: string | null) => (s === null || !s.includes('\u0000') ? s : s.replace(NUL, ''));

/** The dedupe key an item is stored under (insertNew returns these): its key without U+0000. */
export const storedKey = (key: string): string => clean(key)!;

/**
 * PostgreSQL text cannot hold U+0000, and one such value would fail the whole batch's statement (issue 12 point 8).
 * Feeds get it cleaned here whatever path it came by (JSON escapes, GUIDs); pushes refuse it per item before this.
 */
function withoutNul(i: StorableItem): StorableItem {
  return {
    ...i,
    key: clean(i.key)!,
    guid: clean(i.guid),
    url: clean(i.url),
    title: clean(i.title)!,
    text: clean(i.text)!,
    author: clean(i.author),
    language: clean(i.language),
  };
}
