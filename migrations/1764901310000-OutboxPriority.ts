import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How urgent an outbox mail is (src/notifications/outbox.types.ts, MAIL_PRIORITY): 0 low · 1 normal · 2 high ·
 * 3 urgent. Urgent mails (a grade Ⅰ/Ⅱ first notice: 15 min to acknowledge) are never held for a digest; a digest
 * names and lists its most urgent notice first. Rows queued before this column existed count as normal.
 *
 * The sender claims due urgent rows before the others. They are few, so a small partial index serves that query
 * and the general due index stays as it is (a leading priority column would make every claim read past the
 * rows waiting for later, which Postgres cannot skip).
 */
export class OutboxPriority1764901310000 implements MigrationInterface {
  name = 'OutboxPriority1764901310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_emails ADD COLUMN priority smallint NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3)`,
    );
    await q.query(`
      CREATE INDEX outbox_emails_urgent_due_idx ON outbox_emails (next_attempt_at, id)
        WHERE priority = 3 AND status IN ('pending','sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_emails_urgent_due_idx`);
    await q.query(`ALTER TABLE outbox_emails DROP COLUMN priority`);
  }
}
