import { LoginThrottle1764900300000 } from '../../../migrations/1764900300000-LoginThrottle';
import { createTestDataSource } from '../../support/database';

describe('migration 1764900300000-LoginThrottle', () => {
  it('reverts cleanly and applies again; the lock audit is append-only', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const m = new LoginThrottle1764900300000();
      const q = ds.createQueryRunner();
      const state = async () => ({
        tables: (
          await ds.query(
            `SELECT table_name FROM information_schema.tables
             WHERE table_name IN ('login_failures', 'user_security_events') ORDER BY 1`,
          )
        ).length,
        column: (
          await ds.query(
            `SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'locked_until'`,
          )
        ).length,
      });
      expect(await state()).toEqual({ tables: 2, column: 1 });
      await m.down(q);
      expect(await state()).toEqual({ tables: 0, column: 0 });
      await m.up(q);
      expect(await state()).toEqual({ tables: 2, column: 1 });
      await q.release();

      const [user] = await ds.query(
        `INSERT INTO users (username, display_name, role, bureau_code) VALUES ('mig-user', 'x', 'monitor', '00')
         RETURNING id`,
      );
      await ds.query(`INSERT INTO user_security_events (user_id, action, at) VALUES ($1, 'locked', now())`, [
        user.id,
      ]);
      await expect(ds.query(`UPDATE user_security_events SET action = 'unlocked'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(ds.query(`DELETE FROM user_security_events`)).rejects.toThrow(/append-only/);
      await ds.query(`DELETE FROM users WHERE id = $1`, [user.id]); // the cascade from users still works
      expect(await ds.query(`SELECT 1 FROM user_security_events`)).toHaveLength(0);
    } finally {
      await close();
    }
  });
});
