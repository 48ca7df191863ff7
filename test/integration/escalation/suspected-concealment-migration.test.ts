import { SuspectedConcealment1764900100000 } from '../../../migrations/1764900100000-SuspectedConcealment';
import { createTestDataSource } from '../../support/database';

describe('migration 1764900100000-SuspectedConcealment', () => {
  it('lets reporting_findings hold 疑似瞒报, and reverts cleanly', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const [{ id }] = await ds.query(
        `INSERT INTO incidents (bureau_code, grade, status, title, summary, first_seen_at, last_seen_at, detected_at,
                                created_at, updated_at)
         VALUES ('44', 'II', 'new', 't', 's', now(), now(), now(), now(), now()) RETURNING id`,
      );
      const finding = () =>
        ds.query(
          `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at)
           VALUES ($1, '44', 'suspected_concealment', now())`,
          [id],
        );
      await finding();
      const m = new SuspectedConcealment1764900100000();
      const q = ds.createQueryRunner();
      await m.down(q);
      expect(await ds.query(`SELECT kind FROM reporting_findings`)).toEqual([]);
      await expect(finding()).rejects.toThrow(/check constraint/);
      await m.up(q);
      await q.release();
      await finding();
      await expect(
        ds.query(
          `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at) VALUES ($1, '44', 'hidden', now())`,
          [id],
        ),
      ).rejects.toThrow(/check constraint/);
    } finally {
      await close();
    }
  });
});
