import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app.config';
import { rootLogger } from '../logging/logger';
import { dataSourceOptions } from './data-source-options';
import { resolveDatabaseUrl } from './database-url';
import { migrateUp } from './migrate';

/** TypeORM on DATABASE_URL or the embedded server; migrations run before anything else touches the schema. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (c: AppConfig) => {
        const log = rootLogger().child({ ctx: 'database' });
        const url = await resolveDatabaseUrl({
          databaseUrl: c.DATABASE_URL,
          dataDir: c.DATA_DIR,
          embeddedPort: c.EMBEDDED_PG_PORT,
          log: (m) => log.debug(m),
        });
        // A failed migration or a wrong URL will not fix itself: fail fast instead of Nest's nine retries.
        return { ...dataSourceOptions(url), autoLoadEntities: true, retryAttempts: 1, retryDelay: 500 };
      },
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        const applied = await migrateUp(ds);
        if (applied.length) rootLogger().info({ ctx: 'database', applied }, 'migrations applied');
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}
