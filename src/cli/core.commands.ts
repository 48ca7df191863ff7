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
    description: '执行尚未应用的数据库迁移（服务启动时也会自动执行）',
    run: async (ctx) => {
      const applied = await withDataSource(migrateUp);
      ctx.stdout.write(applied.length ? `已应用：${applied.join('、')}\n` : '没有需要应用的迁移\n');
    },
  },
  {
    name: 'migration:revert',
    usage: 'migration:revert',
    description: '回滚最近一次数据库迁移',
    run: async (ctx) => {
      await withDataSource(migrateDown);
      ctx.stdout.write('已回滚最近一次迁移\n');
    },
  },
];
