import { PendingNotices1764900400000 } from '../../../migrations/1764900400000-PendingNotices';
import { createTestDataSource } from '../../support/database';

describe('migration 1764900400000-PendingNotices', () => {
  it('reverts cleanly and applies again, with its invariants in Postgres', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const [{ id }] = await ds.query(
        `INSERT INTO incidents (bureau_code, region_code, category, grade, status, title, summary, first_seen_at,
                                last_seen_at, detected_at, item_count, source_count, heat, created_at, updated_at)
         VALUES ('440203', '440203', '服务态度与效率', 'II', 'confirmed', '标题', '摘要', now(), now(), now(), 1, 1, 1, now(), now())
         RETURNING id::text`,
      );
      const note = (reason: string) =>
        ds.query(
          `INSERT INTO escalation_notifications (subject_kind, subject_id, reason, recipient_email, outbox_id, created_at)
           VALUES ('incident', $1, $2, 'a@b.cn', (SELECT coalesce(max(outbox_id), 0) + 1 FROM escalation_notifications), now())`,
          [id, reason],
        );
      const keep = (roles: string[], bureau = '440203') =>
        ds.query(
          `INSERT INTO pending_notices (incident_id, bureau_code, roles, reason, created_at) VALUES ($1, $2, $3, 'start', now())
           RETURNING id::text`,
          [id, bureau, roles],
        );
      const exists = async () => (await ds.query(`SELECT to_regclass('pending_notices') AS t`))[0].t !== null;

      await note('reported');
      await note('unreached');
      const [p] = await keep(['head', 'liaison']);
      await expect(keep(['head'])).rejects.toThrow(/pending_notices_open_uq/); // one open notice per bureau
      await expect(keep([], '4402')).rejects.toThrow(/check constraint/);
      await expect(keep(['boss'], '4402')).rejects.toThrow(/check constraint/);
      await expect(
        ds.query(`UPDATE pending_notices SET status = 'delivered' WHERE id = $1`, [p.id]),
      ).rejects.toThrow(/check constraint/); // settled needs settled_at
      await ds.query(`UPDATE pending_notices SET status = 'delivered', settled_at = now() WHERE id = $1`, [
        p.id,
      ]);
      await keep(['head']); // a settled one no longer blocks a new one

      const m = new PendingNotices1764900400000();
      const q = ds.createQueryRunner();
      await m.down(q);
      expect(await exists()).toBe(false);
      await expect(note('reported')).rejects.toThrow(/check constraint/); // the old kinds only, again
      await note('start'); // the rows written meanwhile stayed; old kinds still go in
      await m.up(q);
      expect(await exists()).toBe(true);
      await note('unreached');
      await q.release();
    } finally {
      await close();
    }
  });
});
