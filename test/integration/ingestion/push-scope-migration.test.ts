import { PushScope1764900200000 } from '../../../migrations/1764900200000-PushScope';
import { createTestDataSource } from '../../support/database';

describe('migration 1764900200000-PushScope', () => {
  it('reverts cleanly and applies again', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const m = new PushScope1764900200000();
      const q = ds.createQueryRunner();
      const state = async () => {
        const [{ columns }] = await ds.query(
          `SELECT count(*)::int AS columns FROM information_schema.columns
            WHERE table_name = 'items' AND column_name = 'scope_bureau_code'`,
        );
        const [{ triggers }] = await ds.query(
          `SELECT count(*)::int AS triggers FROM pg_trigger WHERE tgname = 'items_keep_push_scope'`,
        );
        return { columns, triggers: Math.min(triggers, 1) };
      };
      expect(await state()).toEqual({ columns: 1, triggers: 1 });
      await m.down(q);
      expect(await state()).toEqual({ columns: 0, triggers: 0 });
      await m.up(q);
      expect(await state()).toEqual({ columns: 1, triggers: 1 });
      await q.release();
    } finally {
      await close();
    }
  });
});
