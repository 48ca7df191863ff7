import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login throttling and account lockout (issue 12 point 7). The state lives here, not in process memory, because
 * several instances serve one database: every instance counts the same failures and sees the same lock.
 *
 *  - login_failures: one row per failed attempt, counted over a sliding window per username and per address.
 *    `account_cleared` is set by a successful login or an admin unlock, so the account count restarts while the
 *    address count keeps every attempt. Rows older than a day are deleted by the login path itself.
 *  - users.locked_until: set when an account reaches the failure limit; 'infinity' means "until an admin unlocks".
 *  - user_security_events: append-only record of locks and unlocks (who, when, why).
 */
export class LoginThrottle1764900300000 implements MigrationInterface {
  name = 'LoginThrottle1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        id              bigserial PRIMARY KEY,
        username        text NOT NULL CHECK (length(username) <= 64),
        ip              text,
        failed_at       timestamptz NOT NULL,
        account_cleared boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX login_failures_user_idx ON login_failures (username, failed_at)
                   WHERE NOT account_cleared`);
    await q.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at)`);
    await q.query(`CREATE INDEX login_failures_age_idx ON login_failures (failed_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN locked_until timestamptz`);
    await q.query(`
      CREATE TABLE user_security_events (
        id        bigserial PRIMARY KEY,
        user_id   bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        action    text NOT NULL CHECK (action IN ('locked','unlocked')),
        at        timestamptz NOT NULL,
        actor_id  bigint REFERENCES users(id) ON DELETE SET NULL, -- null: the system (lock) or the CLI (unlock)
        detail    jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX user_security_events_user_idx ON user_security_events (user_id, at)`);
    await q.query(`
      CREATE FUNCTION user_security_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- ON DELETE CASCADE from users still works: a trigger-issued delete is refused only for direct statements.
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'user_security_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER user_security_events_no_update BEFORE UPDATE OR DELETE ON user_security_events
      FOR EACH ROW EXECUTE FUNCTION user_security_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_security_events`);
    await q.query(`DROP FUNCTION user_security_events_append_only()`);
    await q.query(`ALTER TABLE users DROP COLUMN locked_until`);
    await q.query(`DROP TABLE login_failures`);
  }
}
