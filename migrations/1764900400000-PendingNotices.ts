import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_REASONS = `'start','step','repeat','acknowledged','closed','reassigned','extension_request','extension_decision'`;
const NEW_REASONS = `${OLD_REASONS},'reported','unreached'`;

/**
 * Issue 12 point 19: notices that reached nobody are kept, and go out when the contacts they need appear.
 *
 * pending_notices: an incident's notice to its responsible unit (first notice, regrade, reassignment) that found
 * nobody of the unit on file. The engine tick delivers it once the bureau has a contact in one of `roles` (claimed
 * FOR UPDATE SKIP LOCKED, like the clocks), or drops it when the incident no longer needs it. At most one open
 * notice per incident and bureau: the one delivered describes the incident as it is then.
 *
 * escalation_notifications also records two new kinds of mail: 'reported' (the note after 已上报) and 'unreached'
 * (the alert to the next level up and HQ's office when a step reaches nobody).
 */
export class PendingNotices1764900400000 implements MigrationInterface {
  name = 'PendingNotices1764900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_notices (
        id           bigserial PRIMARY KEY,
        incident_id  bigint NOT NULL REFERENCES incidents(id),
        bureau_code  text NOT NULL REFERENCES bureaus(code),
        roles        text[] NOT NULL CHECK (cardinality(roles) > 0
                                            AND roles <@ ARRAY['head','deputy','liaison','office']::text[]),
        reason       text NOT NULL CHECK (reason IN ('start','reassigned','regraded')),
        created_at   timestamptz NOT NULL,
        status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','dropped')),
        settled_at   timestamptz,
        outcome      text,
        CHECK ((status = 'pending') = (settled_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pending_notices_open_uq ON pending_notices (incident_id, bureau_code) WHERE status = 'pending'`,
    );
    // the tick's question "which open notices can now reach somebody" starts from the bureau
    await q.query(
      `CREATE INDEX pending_notices_bureau_idx ON pending_notices (bureau_code) WHERE status = 'pending'`,
    );
    await q.query(
      `ALTER TABLE escalation_notifications DROP CONSTRAINT escalation_notifications_reason_check`,
    );
    await q.query(
      `ALTER TABLE escalation_notifications ADD CONSTRAINT escalation_notifications_reason_check CHECK (reason IN (${NEW_REASONS}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_notices`);
    await q.query(
      `ALTER TABLE escalation_notifications DROP CONSTRAINT escalation_notifications_reason_check`,
    );
    // NOT VALID: rows of the new kinds written meanwhile stay in the log; new ones are refused again
    await q.query(
      `ALTER TABLE escalation_notifications ADD CONSTRAINT escalation_notifications_reason_check CHECK (reason IN (${OLD_REASONS})) NOT VALID`,
    );
  }
}
