import type { DataSource } from 'typeorm';
import { rootLogger } from '../../infrastructure/logging/logger';
import { Fingerprint, fingerprint } from './incident-fingerprint';

const CHUNK = 100;

/**
 * Segmenting and fingerprinting a batch is CPU work in this process, the batch's lookups and writes are work in
 * Postgres. While one batch is being written, the texts of the next items in line are read (no locks) and
 * fingerprinted in small chunks between the batch's queries, so the two overlap. A cache miss (an item skipped or
 * added meanwhile) is simply fingerprinted when claimed; item texts do not change after ingestion.
 */
export class FingerprintPrefetcher {
  private readonly cache = new Map<string, Fingerprint>();
  private running: Promise<void> | null = null;
  private readonly log = rootLogger().child({ ctx: 'incident-grouper' });

  constructor(private readonly db: DataSource) {}

  /** The fingerprint of a claimed item, from the cache when it was prefetched. */
  take(item: { id: string; title: string; text: string; url: string | null }): Fingerprint {
    const cached = this.cache.get(item.id);
    if (cached) {
      this.cache.delete(item.id);
      return cached;
    }
    return fingerprint(item.title, item.text, item.url);
  }

  /** Starts fingerprinting the `limit` items after `afterId` in the background (once at a time). */
  ahead(afterId: string, limit: number): void {
    if (this.running) return;
    if (this.cache.size > 4 * limit) this.cache.clear(); // entries of items that were never claimed here
    this.running = this.fill(afterId, limit)
      .catch((err) => this.log.debug({ err }, 'fingerprint prefetch failed'))
      .finally(() => {
        this.running = null;
      });
  }

  private async fill(afterId: string, limit: number): Promise<void> {
    const rows: { id: string; title: string; text: string; url: string | null }[] = await this.db.query(
      `SELECT id::text AS id, title, content_text AS text, url FROM items
       WHERE status = 'classified' AND alert AND incident_id IS NULL AND id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    for (let i = 0; i < rows.length; i += CHUNK) {
      for (const r of rows.slice(i, i + CHUNK)) {
        if (!this.cache.has(r.id)) this.cache.set(r.id, fingerprint(r.title, r.text, r.url));
      }
      await new Promise((resolve) => setImmediate(resolve)); // let the batch's query results through
    }
  }
}
