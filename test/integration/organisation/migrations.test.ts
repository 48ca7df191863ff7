import { MIGRATIONS } from '../../../migrations';
import { migrateDown, migrateUp } from '../../../src/infrastructure/database/migrate';
import { seedBureaus } from '../../../src/organisation/bureau.seeder';
import { createTestDataSource } from '../../support/database';

/** Every migration must go up from nothing, come all the way down again, and go up once more. */
describe('migrations up, down to nothing, up again (real PostgreSQL, empty database)', () => {
  let env: Awaited<ReturnType<typeof createTestDataSource>>;
  beforeAll(async () => {
    env = await createTestDataSource({ empty: true });
  });
  afterAll(() => env.close());

  const tables = async (): Promise<string[]> =>
    (
      await env.ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  const applied = async (): Promise<number> =>
    (await env.ds.query(`SELECT count(*)::int AS n FROM schema_migrations`))[0].n;

  it('applies all, reverts all, applies all again', async () => {
    expect(await tables()).toEqual([]);
    const first = await migrateUp(env.ds);
    expect(first).toHaveLength(MIGRATIONS.length);
    const schema = await tables();
    expect(schema).toEqual(
      expect.arrayContaining(['bureaus', 'bureau_contacts', 'users', 'schema_migrations']),
    );
    // The schema is usable, not just present: the bureau tree seeds into it.
    expect(await seedBureaus(env.ds)).toBe(true);

    for (let i = MIGRATIONS.length; i > 0; i--) {
      await migrateDown(env.ds);
      expect(await applied()).toBe(i - 1);
    }
    expect(await tables()).toEqual(['schema_migrations']);

    expect(await migrateUp(env.ds)).toEqual(first);
    expect(await tables()).toEqual(schema);
    expect(await migrateUp(env.ds)).toEqual([]); // nothing left to do
  });
});
