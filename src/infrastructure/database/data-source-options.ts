import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/** One place for connection options, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    extra: { max: 20, application_name: 'yuqing-sentinel' },
    ...extra,
  } as DataSourceOptions;
}
