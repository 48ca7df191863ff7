import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClaimedMail, DeliveryFailure } from './outbox.types';

export interface AttemptInfo {
  at: Date;
  durationMs: number;
  instance: string;
  response: string;
}

/**
 * Records the outcome of one send, each in its own short transaction right after the transport answered, so a
 * crash loses at most the outcome of the mails in flight (they are re-sent after their lease: at least once).
 * Every update is guarded by the claim token: a sender that outlived its lease does not overwrite the row another
 * sender has taken over; its attempt is still recorded.
 */
@Injectable()
export class OutboxResultRepository {
  constructor(private readonly ds: DataSource) {}

  /** @returns false when the claim had been taken over (lease expired) before the answer came. */
  async markSent(m: ClaimedMail, a: AttemptInfo, messageId: string): Promise<boolean> {
    const [{ updated }] = await this.ds.query(
      `WITH upd AS (
         UPDATE outbox_emails
            SET status = 'sent', sent_at = $2, message_id = $3, server_response = $4, last_error = NULL,
                next_attempt_at = $2
          WHERE id = $1 AND status = 'sending' AND claim_token = $5
          RETURNING id),
       leaves AS (
         UPDATE outbox_emails SET sent_at = $2, message_id = $3
          WHERE bundled_into_id = $1 AND status = 'bundled' AND EXISTS (SELECT 1 FROM upd)),
       att AS (
         INSERT INTO outbox_attempts (outbox_id, at, result, transient, response, duration_ms, instance)
         VALUES ($1, $2, 'sent', false, $4, $6, $7))
       SELECT count(*)::int AS updated FROM upd`,
      [m.id, a.at, messageId, a.response, m.claimToken, a.durationMs, a.instance],
    );
    return updated === 1;
  }

  /** A transient failure: back to 'pending', due again at `retryAt`; the recipient's window is not spent. */
  async markRetry(m: ClaimedMail, a: AttemptInfo, retryAt: Date): Promise<boolean> {
    const [{ updated }] = await this.ds.query(
      `WITH upd AS (
         UPDATE outbox_emails
            SET status = 'pending', claim_token = NULL, next_attempt_at = $3, last_error = $4, server_response = $4
          WHERE id = $1 AND status = 'sending' AND claim_token = $5
          RETURNING recipient),
       win AS (
         UPDATE mail_recipient_windows w SET next_allowed_at = LEAST(w.next_allowed_at, $3)
           FROM upd WHERE w.recipient = upd.recipient),
       att AS (
         INSERT INTO outbox_attempts (outbox_id, at, result, transient, response, duration_ms, instance)
         VALUES ($1, $2, 'failed', true, $4, $6, $7))
       SELECT count(*)::int AS updated FROM upd`,
      [m.id, a.at, retryAt, a.response, m.claimToken, a.durationMs, a.instance],
    );
    return updated === 1;
  }

  /**
   * A permanent failure: 'failed', the incidents its notices belong to flagged, and `onFailed` (the registered
   * listeners) called inside the same transaction. @returns the failure, or null when the claim had been taken over.
   */
  async markFailed(
    m: ClaimedMail,
    a: AttemptInfo,
    onFailed: (em: EntityManager, f: DeliveryFailure) => Promise<void>,
  ): Promise<DeliveryFailure | null> {
    return this.ds.transaction(async (em) => {
      await em.query(
        `INSERT INTO outbox_attempts (outbox_id, at, result, transient, response, duration_ms, instance)
         VALUES ($1, $2, 'failed', false, $3, $4, $5)`,
        [m.id, a.at, a.response, a.durationMs, a.instance],
      );
      const upd = await em.query(
        `WITH u AS (
           UPDATE outbox_emails SET status = 'failed', last_error = $2, server_response = $2
            WHERE id = $1 AND status = 'sending' AND claim_token = $3 RETURNING id)
         SELECT id FROM u`,
        [m.id, a.response, m.claimToken],
      );
      if (upd.length === 0) return null;
      await em.query(
        `UPDATE outbox_emails SET last_error = $2 WHERE bundled_into_id = $1 AND status = 'bundled'`,
        [m.id, a.response],
      );
      const flagged: { incident_id: string }[] = await em.query(
        `INSERT INTO incident_notification_failures AS f
                (incident_id, first_failed_at, last_failed_at, failures, last_outbox_id, last_recipient, last_error)
         SELECT DISTINCT incident_id, $2::timestamptz, $2::timestamptz, 1, $1::bigint, $3, $4 FROM outbox_emails
          WHERE (id = $1 OR bundled_into_id = $1) AND incident_id IS NOT NULL
         ON CONFLICT (incident_id) DO UPDATE
            SET last_failed_at = EXCLUDED.last_failed_at, failures = f.failures + 1,
                last_outbox_id = EXCLUDED.last_outbox_id, last_recipient = EXCLUDED.last_recipient,
                last_error = EXCLUDED.last_error
         RETURNING incident_id::text`,
        [m.id, a.at, m.to, a.response],
      );
      const failure: DeliveryFailure = {
        outboxId: m.id,
        kind: m.kind,
        to: m.to,
        incidentIds: flagged.map((r) => r.incident_id),
        error: a.response,
        at: a.at,
      };
      await onFailed(em, failure);
      return failure;
    });
  }
}
