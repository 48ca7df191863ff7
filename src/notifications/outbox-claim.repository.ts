import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { renderDigest } from './digest-mail';
import { planClaims } from './digest-plan';
import { NotificationsConfig } from './notifications.config';
import { ClaimedMail, DIGEST_KIND, MAIL_PRIORITY, OutboxAttachment, URGENT_PRIORITY } from './outbox.types';

interface DueRowDb {
  id: string;
  recipient: string;
  status: string;
  created_at: Date;
  claimed_at: Date | null;
  claimed_by: string | null;
  priority: number;
}

const DUE_COLUMNS = `id::text, recipient, status, created_at, claimed_at, claimed_by, priority`;

const MAIL_COLUMNS = `id::text, kind, to_email, to_name, subject, text_body, html_body, attachments, attempts, created_at,
  claim_token::text, priority`;

/**
 * The sender's claim, in one short transaction: due rows (FOR UPDATE SKIP LOCKED) → the recipients' throttle windows
 * (locked, SKIP LOCKED, so two senders never mail the same recipient at once) → planClaims → rows set to 'sending'
 * with a lease, digests created, windows advanced. After commit the rows belong to this sender until the lease ends.
 * Urgent rows are claimed first (a backlog must not push them past the batch limit) and never wait for a window.
 */
@Injectable()
export class OutboxClaimRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly config: NotificationsConfig,
  ) {}

  async claim(limit: number, now: Date, instance: string): Promise<ClaimedMail[]> {
    return this.ds.transaction(async (em) => {
      // Two queries rather than one ORDER BY priority: each reads its own index in due order and stops at the limit.
      const due: DueRowDb[] = await em.query(
        `SELECT ${DUE_COLUMNS} FROM outbox_emails
          WHERE priority = ${URGENT_PRIORITY} AND status IN ('pending','sending') AND next_attempt_at <= $1
          ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (due.length < limit) {
        due.push(
          ...(await em.query(
            `SELECT ${DUE_COLUMNS} FROM outbox_emails
              WHERE status IN ('pending','sending') AND next_attempt_at <= $1 AND priority < ${URGENT_PRIORITY}
              ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [now, limit - due.length],
          )),
        );
      }
      if (due.length === 0) return [];
      const windowMs = this.config.MAIL_RECIPIENT_WINDOW_SECONDS * 1000;
      let windows = new Map<string, Date | null>();
      if (windowMs > 0) {
        windows = await this.lockWindows(em, [...new Set(due.map((r) => r.recipient))].sort());
        // Rows of the same recipients beyond this batch's limit go into the same digest rather than wait a window.
        const more: DueRowDb[] = await em.query(
          `SELECT ${DUE_COLUMNS} FROM outbox_emails
            WHERE recipient = ANY($1) AND status IN ('pending','sending') AND next_attempt_at <= $2
              AND NOT (id = ANY($3::bigint[]))
            ORDER BY created_at, id LIMIT $4 FOR UPDATE SKIP LOCKED`,
          [[...windows.keys()], now, due.map((r) => r.id), this.config.MAIL_DIGEST_MAX_ITEMS * windows.size],
        );
        due.push(...more);
      }
      const plan = planClaims(
        due.map((r) => ({ id: r.id, recipient: r.recipient, createdAt: r.created_at, priority: r.priority })),
        windows,
        now,
        { windowMs, maxDigestItems: this.config.MAIL_DIGEST_MAX_ITEMS },
      );
      // Only rows this run takes over: a recipient held by another sender keeps its rows for that sender.
      const taken = new Set([
        ...plan.singles,
        ...plan.digests.flatMap((d) => d.memberIds),
        ...plan.deferred.flatMap((d) => d.ids),
      ]);
      await this.recordExpiredLeases(
        em,
        due.filter((r) => taken.has(r.id)),
        now,
        instance,
      );
      if (plan.deferred.length) {
        await em.query(
          `UPDATE outbox_emails o SET status = 'pending', claim_token = NULL, next_attempt_at = d.until
             FROM unnest($1::bigint[], $2::timestamptz[]) AS d(id, until) WHERE o.id = d.id`,
          [plan.deferred.flatMap((d) => d.ids), plan.deferred.flatMap((d) => d.ids.map(() => d.until))],
        );
      }
      const token = randomUUID();
      const leaseUntil = new Date(now.getTime() + this.config.MAIL_LEASE_SECONDS * 1000);
      const claimed: ClaimedMail[] = [];
      if (plan.singles.length) {
        const rows = await em.query(
          // (wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING)
          `WITH u AS (
             UPDATE outbox_emails
                SET status = 'sending', claim_token = $2, claimed_at = $3, claimed_by = $4,
                    attempts = attempts + 1, next_attempt_at = $5
              WHERE id = ANY($1::bigint[]) RETURNING ${MAIL_COLUMNS})
           SELECT * FROM u`,
          [plan.singles, token, now, instance, leaseUntil],
        );
        claimed.push(...rows.map((r: MailRowDb) => toClaimed(r, [])));
      }
      for (const d of plan.digests) {
        claimed.push(await this.createDigest(em, d.memberIds, { token, now, instance, leaseUntil }));
      }
      if (windowMs > 0 && plan.mailedRecipients.length) {
        await em.query(
          `UPDATE mail_recipient_windows SET last_mail_at = $2, next_allowed_at = $3 WHERE recipient = ANY($1)`,
          [plan.mailedRecipients, now, new Date(now.getTime() + windowMs)],
        );
      }
      return claimed;
    });
  }

  /** Window rows of these recipients that no other sender holds: recipient → when it may be mailed next. */
  private async lockWindows(em: EntityManager, recipients: string[]): Promise<Map<string, Date | null>> {
    // Sorted input: concurrent first-time inserts of the same recipients wait on each other in one order (no deadlock).
    await em.query(
      `INSERT INTO mail_recipient_windows (recipient, next_allowed_at)
       SELECT r, '-infinity' FROM unnest($1::text[]) AS r ON CONFLICT (recipient) DO NOTHING`,
      [recipients],
    );
    const rows: { recipient: string; next_allowed_at: Date | null }[] = await em.query(
      `SELECT recipient, CASE WHEN next_allowed_at = '-infinity' THEN NULL ELSE next_allowed_at END AS next_allowed_at
         FROM mail_recipient_windows WHERE recipient = ANY($1) ORDER BY recipient FOR UPDATE SKIP LOCKED`,
      [recipients],
    );
    return new Map(rows.map((r) => [r.recipient, r.next_allowed_at]));
  }

  /**
   * A row still 'sending' after its lease was claimed by a sender that never reported back (it crashed, or hung past
   * MAIL_SEND_TIMEOUT_SECONDS). The mail may or may not have left: record that, then it is sent again (at least once).
   */
  private async recordExpiredLeases(em: EntityManager, due: DueRowDb[], now: Date, instance: string) {
    const expired = due.filter((r) => r.status === 'sending');
    if (!expired.length) return;
    await em.query(
      `INSERT INTO outbox_attempts (outbox_id, at, result, transient, response, instance)
       SELECT unnest($1::bigint[]), $2, 'failed', true, unnest($3::text[]), $4`,
      [
        expired.map((r) => r.id),
        now,
        expired.map(
          (r) =>
            `lease expired: claimed by ${r.claimed_by ?? '?'} at ${r.claimed_at?.toISOString()} without a result`,
        ),
        instance,
      ],
    );
  }

  /**
   * Bundles member rows into a new digest row. A member that is itself an earlier digest (retried after a failure)
   * hands its notices over, so a notice always points at the one digest that carries it.
   */
  private async createDigest(
    em: EntityManager,
    memberIds: string[],
    c: { token: string; now: Date; instance: string; leaseUntil: Date },
  ): Promise<ClaimedMail> {
    const rows: (MailRowDb & { bundled_into_id: string | null })[] = await em.query(
      `SELECT ${MAIL_COLUMNS}, bundled_into_id::text FROM outbox_emails
        WHERE id = ANY($1::bigint[]) OR (bundled_into_id = ANY($1::bigint[]) AND kind <> $2)
        ORDER BY created_at, id`,
      [memberIds, DIGEST_KIND],
    );
    const leaves = rows.filter((r) => r.kind !== DIGEST_KIND);
    const digest = renderDigest(
      leaves.map((r) => ({
        subject: r.subject,
        createdAt: r.created_at,
        html: r.html_body,
        text: r.text_body,
        attachments: r.attachments as OutboxAttachment[],
        priority: r.priority,
      })),
    );
    const members = rows.filter((r) => memberIds.includes(r.id));
    const first = members[0];
    const [row]: MailRowDb[] = await em.query(
      `INSERT INTO outbox_emails (dedupe_key, kind, to_email, to_name, subject, text_body, html_body, attachments,
          status, attempts, next_attempt_at, created_at, claimed_at, claimed_by, claim_token, priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'sending', 1, $9, $10, $11, $12, $13, $14)
       RETURNING ${MAIL_COLUMNS}`,
      [
        `digest:${first.to_email.trim().toLowerCase()}:${c.token}`,
        DIGEST_KIND,
        members[members.length - 1].to_email.trim(),
        members.find((m) => m.to_name)?.to_name ?? null,
        digest.subject,
        digest.text,
        digest.html,
        JSON.stringify(digest.attachments),
        c.leaseUntil,
        // a digest is as old as its oldest notice: that is what the give-up age counts from
        leaves[0]?.created_at ?? c.now,
        c.now,
        c.instance,
        c.token,
        // as urgent as its most urgent notice, so the console and a retried claim see what it carries
        Math.max(MAIL_PRIORITY.low, ...leaves.map((l) => l.priority)),
      ],
    );
    await em.query(
      `UPDATE outbox_emails SET status = 'bundled', bundled_into_id = $2, claim_token = NULL, next_attempt_at = $3
        WHERE id = ANY($1::bigint[]) OR (bundled_into_id = ANY($1::bigint[]) AND kind <> $4)`,
      [memberIds, row.id, c.now, DIGEST_KIND],
    );
    return toClaimed(
      row,
      leaves.map((l) => l.id),
    );
  }
}

interface MailRowDb {
  id: string;
  kind: string;
  to_email: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: unknown;
  attempts: number;
  created_at: Date;
  claim_token: string | null;
  priority: number;
}

function toClaimed(r: MailRowDb, bundledIds: string[]): ClaimedMail {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_email.trim(),
    toName: r.to_name,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    attachments: (r.attachments ?? []) as OutboxAttachment[],
    attempts: r.attempts,
    createdAt: r.created_at,
    claimToken: r.claim_token!,
    bundledIds,
  };
}
