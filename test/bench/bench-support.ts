import { freePort } from '../support/net';

export { freePort };
import { startEmbeddedPostgres, EmbeddedServer } from '../../src/infrastructure/database/embedded-postgres';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { migrateUp } from '../../src/infrastructure/database/migrate';
import { seedBureaus } from '../../src/organisation/bureau.seeder';

/** Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * A throwaway PostgreSQL for a benchmark: BENCH_DATABASE_URL if given, otherwise an embedded cluster in /tmp.
 * Migrated and seeded with the bureau tree.
 */
export async function benchDatabase(
  name: string,
): Promise<{ ds: DataSource; url: string; close(): Promise<void> }> {
  let server: EmbeddedServer | null = null;
  let url = process.env.BENCH_DATABASE_URL;
  const dir = `/tmp/yuqing-bench-pg/${name}-${process.pid}`;
  if (!url) {
    server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), ephemeral: true });
    url = server.url;
  }
  const ds = await new DataSource(dataSourceOptions(url, { extra: { max: 20 } } as object)).initialize();
  await migrateUp(ds);
  await seedBureaus(ds);
  return {
    ds,
    url,
    close: async () => {
      await ds.destroy();
      if (server) {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
