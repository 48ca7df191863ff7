import { DataSource } from 'typeorm';

/** Arbitrary constant shared by every instance: one instance migrates, the others wait and then find nothing to do. */
export const MIGRATION_LOCK_KEY = 727_001;

export async function withAdvisoryLock<T>(ds: DataSource, key: number, fn: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}

export async function migrateUp(ds: DataSource): Promise<string[]> {
  return withAdvisoryLock(ds, MIGRATION_LOCK_KEY, async () => {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  });
}

export async function migrateDown(ds: DataSource): Promise<void> {
  await withAdvisoryLock(ds, MIGRATION_LOCK_KEY, () => ds.undoLastMigration({ transaction: 'each' }));
}

/** Pending migrations, for /health: a server that runs code newer than its schema is not healthy. */
export async function pendingMigrations(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}
