import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_REASONS = `'start','step','repeat','acknowledged','closed','reassigned','extension_request','extension_decision','reported','unreached'`;
const NEW_REASONS = `${OLD_REASONS},'reopened'`;

/**
 * escalation_notifications records one more kind of mail: 'reopened', the note to everyone notified when a closed
 * incident is reopened (回头看), with the reason given. Closing told them the matter was over; reopening must say
 * it is not.
 */
export class ReopenedNotice1764901320000 implements MigrationInterface {
  name = 'ReopenedNotice1764901320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE escalation_notifications DROP CONSTRAINT escalation_notifications_reason_check`,
    );
    await q.query(
      `ALTER TABLE escalation_notifications ADD CONSTRAINT escalation_notifications_reason_check CHECK (reason IN (${NEW_REASONS}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE escalation_notifications DROP CONSTRAINT escalation_notifications_reason_check`,
    );
    // NOT VALID: notes written meanwhile stay in the log; new ones are refused again
    await q.query(
      `ALTER TABLE escalation_notifications ADD CONSTRAINT escalation_notifications_reason_check CHECK (reason IN (${OLD_REASONS})) NOT VALID`,
    );
  }
}
