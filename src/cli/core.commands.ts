import { DataSource } from 'typeorm';
import { AppConfig } from '../infrastructure/config/app.config';
import { validateEnv } from '../infrastructure/config/validate-env';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { resolveDatabaseUrl } from '../infrastructure/database/database-url';
import { migrateDown, migrateUp } from '../infrastructure/database/migrate';
import { CliCommand } from './cli-command';

async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const c = validateEnv(AppConfig);
  const url = await resolveDatabaseUrl({
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    embeddedPort: c.EMBEDDED_PG_PORT,
  });
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

export const coreCommands: CliCommand[] = [
  {
    name: 'migration:run',
    usage: 'migration:run',
    description: 'apply pending migrations (the service also does this at start-up)',
    run: async (ctx) => {
      const applied = await withDataSource(migrateUp);
      ctx.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
    },
  },
  {
    name: 'migration:revert',
    usage: 'migration:revert',
    description: 'revert the most recent migration',
    run: async (ctx) => {
      await withDataSource(migrateDown);
      ctx.stdout.write('reverted the last migration\n');
    },
  },
];
