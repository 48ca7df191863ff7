import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional email outbox (src/notifications): the rows other features enqueue inside their own transactions,
 * every delivery attempt with the server's answer, the per-recipient throttle window, and the per-incident
 * "a notification could not be delivered" flag.
 *
 * The flag deliberately lives in this module's own table (`incident_notification_failures`, keyed by incident id,
 * summarised with the outbox in the view `incident_notification_status`) instead of a column on `incidents`: that
 * table belongs to another module and another migration, so nothing here depends on its shape, and this migration
 * applies (and reverts) the same way whether or not `incidents` exists. For the same reason `incident_id` carries
 * no foreign key: mail is an append-mostly record that must never block or be blocked by incident changes.
 */
export class Notifications1763800005000 implements MigrationInterface {
  name = 'Notifications1763800005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_emails (
        id              bigserial PRIMARY KEY,
        -- idempotency: one row per logical mail, e.g. 'incident:42:step:ack-1:to:a@b.cn'
        dedupe_key      text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 500),
        kind            text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
        incident_id     bigint,
        to_email        text NOT NULL CHECK (length(to_email) BETWEEN 1 AND 320),
        -- the throttle and digest key: one mailbox however the address was capitalised
        recipient       text GENERATED ALWAYS AS (lower(btrim(to_email))) STORED,
        to_name         text,
        subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 998),
        text_body       text NOT NULL,
        html_body       text NOT NULL,
        attachments     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending','sending','sent','failed','bundled','skipped')),
        attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- pending: when the row is due; sending: when the claim's lease expires and another sender may retry it
        next_attempt_at timestamptz NOT NULL,
        not_before      timestamptz,
        created_at      timestamptz NOT NULL,
        claimed_at      timestamptz,
        claimed_by      text,
        claim_token     uuid,
        sent_at         timestamptz,
        last_error      text,
        bundled_into_id bigint REFERENCES outbox_emails(id),
        message_id      text,
        server_response text,
        CHECK ((status = 'bundled') = (bundled_into_id IS NOT NULL)),
        CHECK (status <> 'sending' OR claim_token IS NOT NULL),
        CHECK (status <> 'sent' OR sent_at IS NOT NULL)
      )`);
    // The sender's claim: due rows in due order. Partial, so it stays as small as the backlog.
    await q.query(`
      CREATE INDEX outbox_emails_due_idx ON outbox_emails (next_attempt_at, id)
        WHERE status IN ('pending','sending')`);
    // Gathering every due row of the recipients being mailed into one digest.
    await q.query(`
      CREATE INDEX outbox_emails_recipient_due_idx ON outbox_emails (recipient, next_attempt_at)
        WHERE status IN ('pending','sending')`);
    await q.query(`CREATE INDEX outbox_emails_incident_idx ON outbox_emails (incident_id, created_at)
        WHERE incident_id IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_emails_bundled_into_idx ON outbox_emails (bundled_into_id)
        WHERE bundled_into_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX outbox_emails_recipient_created_idx ON outbox_emails (recipient, created_at)`,
    );

    await q.query(`
      CREATE TABLE outbox_attempts (
        id          bigserial PRIMARY KEY,
        outbox_id   bigint NOT NULL REFERENCES outbox_emails(id) ON DELETE CASCADE,
        at          timestamptz NOT NULL,
        result      text NOT NULL CHECK (result IN ('sent','failed','skipped')),
        transient   boolean NOT NULL DEFAULT false,
        response    text,
        duration_ms integer CHECK (duration_ms >= 0),
        instance    text,
        CHECK (result = 'failed' OR NOT transient)
      )`);
    await q.query(`CREATE INDEX outbox_attempts_outbox_idx ON outbox_attempts (outbox_id, at)`);

    // "At most about one mail per recipient per minute": one row per mailbox, locked while a sender claims for it.
    await q.query(`
      CREATE TABLE mail_recipient_windows (
        recipient       text PRIMARY KEY,
        last_mail_at    timestamptz,
        next_allowed_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE incident_notification_failures (
        incident_id     bigint PRIMARY KEY,
        first_failed_at timestamptz NOT NULL,
        last_failed_at  timestamptz NOT NULL,
        failures        integer NOT NULL DEFAULT 1 CHECK (failures >= 1),
        last_outbox_id  bigint REFERENCES outbox_emails(id) ON DELETE SET NULL,
        last_recipient  text,
        last_error      text
      )`);

    // A bundled row's fate is its digest's (leaves always point at the digest that carries them, never a chain).
    await q.query(`
      CREATE VIEW outbox_delivery AS
        SELECT o.id, o.dedupe_key, o.kind, o.incident_id, o.to_email, o.to_name, o.subject, o.created_at,
               o.status, o.bundled_into_id,
               CASE WHEN o.status = 'bundled' THEN d.status ELSE o.status END AS delivery_status,
               COALESCE(o.sent_at, d.sent_at) AS delivered_at,
               COALESCE(o.message_id, d.message_id) AS message_id,
               COALESCE(d.last_error, o.last_error) AS last_error
          FROM outbox_emails o
          LEFT JOIN outbox_emails d ON d.id = o.bundled_into_id`);
    // Read this where the contract said incidents.notification_failed_at (LEFT JOIN … ON incident_id = incidents.id).
    await q.query(`
      CREATE VIEW incident_notification_status AS
        SELECT m.incident_id,
               f.first_failed_at AS notification_failed_at,
               f.last_failed_at, COALESCE(f.failures, 0) AS failures, f.last_recipient, f.last_error,
               m.mails, m.mails_pending, m.mails_delivered, m.mails_failed, m.last_delivered_at
          FROM (SELECT incident_id,
                       count(*)::int AS mails,
                       count(*) FILTER (WHERE delivery_status IN ('pending','sending'))::int AS mails_pending,
                       count(*) FILTER (WHERE delivery_status = 'sent')::int AS mails_delivered,
                       count(*) FILTER (WHERE delivery_status = 'failed')::int AS mails_failed,
                       max(delivered_at) AS last_delivered_at
                  FROM outbox_delivery WHERE incident_id IS NOT NULL GROUP BY incident_id) m
          LEFT JOIN incident_notification_failures f ON f.incident_id = m.incident_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS incident_notification_status`);
    await q.query(`DROP VIEW IF EXISTS outbox_delivery`);
    await q.query(`DROP TABLE IF EXISTS incident_notification_failures`);
    await q.query(`DROP TABLE IF EXISTS mail_recipient_windows`);
    await q.query(`DROP TABLE IF EXISTS outbox_attempts`);
    await q.query(`DROP TABLE IF EXISTS outbox_emails`);
  }
}
