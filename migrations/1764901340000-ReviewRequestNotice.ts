import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_REASONS = `'start','step','repeat','acknowledged','closed','reassigned','extension_request','extension_decision','reported','unreached','reopened'`;
const NEW_REASONS = `${OLD_REASONS},'review_requested'`;

/**
 * escalation_notifications records the 申请复核 notices too ('review_requested'): the monitoring staff told that a
 * unit asked for a review were mailed, but the incident's 通知记录 did not list them, so nobody could see who had been
 * told or whether the mail went out.
 */
export class ReviewRequestNotice1764901340000 implements MigrationInterface {
  name = 'ReviewRequestNotice1764901340000';

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
    // NOT VALID: notices recorded meanwhile stay in the log; new ones are refused again
    await q.query(
      `ALTER TABLE escalation_notifications ADD CONSTRAINT escalation_notifications_reason_check CHECK (reason IN (${OLD_REASONS})) NOT VALID`,
    );
  }
}
