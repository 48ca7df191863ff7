import { Notifications1763800005000 } from '../../../migrations/1763800005000-Notifications';
import { OutboxPriority1764901310000 } from '../../../migrations/1764901310000-OutboxPriority';
import { createTestDataSource } from '../../support/database';

describe('migration 1763800005000-Notifications', () => {
  it('reverts cleanly and applies again, with its invariants in Postgres', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const m = new Notifications1763800005000();
      const q = ds.createQueryRunner();
      const tables = () =>
        ds.query(
          `SELECT table_name FROM information_schema.tables
            WHERE table_name IN ('outbox_emails','outbox_attempts','mail_recipient_windows',
                                 'incident_notification_failures','outbox_delivery','incident_notification_status')
            ORDER BY table_name`,
        );
      expect(await tables()).toHaveLength(6);
      await m.down(q);
      expect(await tables()).toHaveLength(0);
      await m.up(q);
      expect(await tables()).toHaveLength(6);
      await q.release();

      const insert = (status: string, extra = '') =>
        ds.query(
          `INSERT INTO outbox_emails (dedupe_key, kind, to_email, subject, text_body, html_body, status,
             next_attempt_at, created_at${extra ? ', bundled_into_id' : ''})
           VALUES ($1, 'k', 'a@b.cn', 's', 't', 'h', $2, now(), now()${extra ? `, ${extra}` : ''})`,
          [`key-${Math.random()}`, status],
        );
      await insert('pending');
      await expect(insert('lost')).rejects.toThrow(/check constraint/);
      await expect(insert('bundled')).rejects.toThrow(/check constraint/); // bundled needs its digest
      await expect(insert('sending')).rejects.toThrow(/check constraint/); // sending needs a claim token
      await expect(insert('sent')).rejects.toThrow(/check constraint/); // sent needs sent_at
      const [{ recipient }] = await ds.query(
        `INSERT INTO outbox_emails (dedupe_key, kind, to_email, subject, text_body, html_body, next_attempt_at, created_at)
         VALUES ('case', 'k', ' Zhang@Example.CN ', 's', 't', 'h', now(), now()) RETURNING recipient`,
      );
      expect(recipient).toBe('zhang@example.cn');
    } finally {
      await close();
    }
  });

  it('1764901310000-OutboxPriority: reverts, applies again; priority 0-3, older rows normal (1)', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const m = new OutboxPriority1764901310000();
      const q = ds.createQueryRunner();
      const insert = (priority?: number) =>
        ds.query(
          `INSERT INTO outbox_emails (dedupe_key, kind, to_email, subject, text_body, html_body, next_attempt_at,
             created_at${priority === undefined ? '' : ', priority'})
           VALUES ($1, 'k', 'a@b.cn', 's', 't', 'h', now(), now()${priority === undefined ? '' : ', $2'})
           RETURNING id`,
          [`key-${Math.random()}`, ...(priority === undefined ? [] : [priority])],
        );
      const indexes = () =>
        ds.query(`SELECT indexname FROM pg_indexes WHERE indexname = 'outbox_emails_urgent_due_idx'`);
      await m.down(q);
      expect(await indexes()).toHaveLength(0);
      const [{ id }] = await insert();
      await m.up(q);
      await q.release();
      expect(await indexes()).toHaveLength(1);
      const [{ priority }] = await ds.query(`SELECT priority FROM outbox_emails WHERE id = $1`, [id]);
      expect(priority).toBe(1);
      await insert(3);
      await insert(0);
      await expect(insert(4)).rejects.toThrow(/check constraint/);
      await expect(insert(-1)).rejects.toThrow(/check constraint/);
    } finally {
      await close();
    }
  });
});
