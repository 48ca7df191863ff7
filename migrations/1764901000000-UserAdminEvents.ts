import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the users and tokens pages record every administrative change to an account in the append-only
 * user_security_events (same transaction as the change), not only locks and unlocks.
 */
export class UserAdminEvents1764901000000 implements MigrationInterface {
  name = 'UserAdminEvents1764901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_security_events DROP CONSTRAINT user_security_events_action_check`);
    await q.query(`
      ALTER TABLE user_security_events ADD CONSTRAINT user_security_events_action_check CHECK (action IN (
        'locked','unlocked','created','disabled','enabled','password_reset','role_changed',
        'token_created','token_revoked'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The trigger refuses DELETE on this append-only table; the older rows' actions are kept by disabling it here.
    await q.query(`ALTER TABLE user_security_events DISABLE TRIGGER user_security_events_no_update`);
    await q.query(`DELETE FROM user_security_events WHERE action NOT IN ('locked','unlocked')`);
    await q.query(`ALTER TABLE user_security_events ENABLE TRIGGER user_security_events_no_update`);
    await q.query(`ALTER TABLE user_security_events DROP CONSTRAINT user_security_events_action_check`);
    await q.query(`
      ALTER TABLE user_security_events ADD CONSTRAINT user_security_events_action_check
      CHECK (action IN ('locked','unlocked'))`);
  }
}
