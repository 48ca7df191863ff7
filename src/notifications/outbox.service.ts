import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { DIGEST_KIND, MAIL_PRIORITY, OutboxDelivery, OutboxMessage, OutboxStatus } from './outbox.types';

const COLUMNS = `dedupe_key, kind, incident_id, to_email, to_name, subject, text_body, html_body, attachments,
  next_attempt_at, not_before, created_at, priority`;

/**
 * The transactional outbox. Features call `enqueue` with the EntityManager of their own transaction, so the mail
 * exists exactly when the state change that caused it commits; MailSender delivers it later.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** One row per unique dedupeKey; enqueueing the same key again changes nothing and returns created false. */
  async enqueue(em: EntityManager, msg: OutboxMessage): Promise<{ id: string; created: boolean }> {
    const [result] = await this.enqueueMany(em, [msg]);
    return result;
  }

  /** Batch form of enqueue (one INSERT for all), results in input order; duplicate keys in the batch collapse. */
  async enqueueMany(em: EntityManager, msgs: OutboxMessage[]): Promise<{ id: string; created: boolean }[]> {
    if (msgs.length === 0) return [];
    const now = this.clock.now();
    const rows = msgs.map((m) => toRow(validate(m), now));
    const inserted: { id: string; dedupe_key: string }[] = await em.query(
      `INSERT INTO outbox_emails (${COLUMNS})
       SELECT r.dedupe_key, r.kind, r.incident_id, r.to_email, r.to_name, r.subject, r.text_body, r.html_body,
              r.attachments, r.next_attempt_at, r.not_before, r.created_at, r.priority
         FROM jsonb_to_recordset($1::jsonb) AS r(dedupe_key text, kind text, incident_id bigint, to_email text,
              to_name text, subject text, text_body text, html_body text, attachments jsonb,
              next_attempt_at timestamptz, not_before timestamptz, created_at timestamptz, priority smallint)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id::text, dedupe_key`,
      [JSON.stringify(rows)],
    );
    const created = new Map(inserted.map((r) => [r.dedupe_key, r.id]));
    const missing = rows.map((r) => r.dedupe_key).filter((k) => !created.has(k));
    const existing = new Map<string, string>();
    if (missing.length) {
      const found: { id: string; dedupe_key: string }[] = await em.query(
        `SELECT id::text, dedupe_key FROM outbox_emails WHERE dedupe_key = ANY($1)`,
        [missing],
      );
      for (const r of found) existing.set(r.dedupe_key, r.id);
    }
    const firstSeen = new Set<string>();
    return rows.map((r) => {
      const id = created.get(r.dedupe_key);
      if (id !== undefined && !firstSeen.has(r.dedupe_key)) {
        firstSeen.add(r.dedupe_key);
        return { id, created: true };
      }
      return { id: id ?? existing.get(r.dedupe_key)!, created: false };
    });
  }

  /**
   * Mails of an incident that no longer need to go out (e.g. reminders prepared with notBefore, once the incident
   * was acknowledged): 'pending' rows become 'skipped' with an attempt saying why. Rows already being sent are left.
   * `keyPrefix` narrows it to the mails whose dedupe key starts with it (one logical notice to all its recipients).
   */
  async skipPending(
    em: EntityManager,
    incidentId: string,
    reason: string,
    kinds?: string[],
    keyPrefix?: string,
  ): Promise<number> {
    const rows = await em.query(
      `WITH s AS (
         UPDATE outbox_emails SET status = 'skipped', last_error = $3
          WHERE incident_id = $1 AND status = 'pending' AND ($2::text[] IS NULL OR kind = ANY($2))
            AND ($5::text IS NULL OR starts_with(dedupe_key, $5))
          RETURNING id)
       INSERT INTO outbox_attempts (outbox_id, at, result, transient, response)
       SELECT id, $4, 'skipped', false, $3 FROM s RETURNING outbox_id`,
      [incidentId, kinds ?? null, reason, this.clock.now(), keyPrefix ?? null],
    );
    return rows.length;
  }

  /** The notification log of an incident: every mail, newest first, a bundled notice with its digest's outcome. */
  async deliveriesForIncident(incidentId: string): Promise<OutboxDelivery[]> {
    const rows = await this.ds.query(
      `SELECT d.id::text, d.kind, d.to_email, d.to_name, d.subject, d.created_at, d.status, d.delivery_status,
              d.delivered_at, d.bundled_into_id::text, d.last_error,
              (SELECT count(*)::int FROM outbox_attempts a WHERE a.outbox_id = COALESCE(d.bundled_into_id, d.id))
                AS attempts
         FROM outbox_delivery d WHERE d.incident_id = $1 ORDER BY d.created_at DESC, d.id DESC`,
      [incidentId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      kind: r.kind as string,
      to: r.to_email as string,
      toName: (r.to_name as string | null) ?? null,
      subject: r.subject as string,
      createdAt: r.created_at as Date,
      status: r.status as OutboxStatus,
      deliveryStatus: r.delivery_status as OutboxStatus,
      deliveredAt: (r.delivered_at as Date | null) ?? null,
      bundledIntoId: (r.bundled_into_id as string | null) ?? null,
      lastError: (r.last_error as string | null) ?? null,
      attempts: r.attempts as number,
    }));
  }
}

function invalid(message: string): DomainError {
  return new DomainError('invalid', 'OUTBOX_INVALID_MESSAGE', message);
}

function validate(m: OutboxMessage): OutboxMessage {
  if (!m.dedupeKey || m.dedupeKey.length > 500) throw invalid('dedupeKey must be 1-500 characters');
  if (!m.kind || m.kind.length > 100) throw invalid('kind must be 1-100 characters');
  if (m.kind === DIGEST_KIND) throw invalid(`kind '${DIGEST_KIND}' is reserved for the sender's digests`);
  if (!m.to?.trim() || m.to.length > 320) throw invalid('to must be an email address');
  if (!m.subject?.trim()) throw invalid('subject is required');
  if (typeof m.text !== 'string' || typeof m.html !== 'string') throw invalid('text and html are required');
  if (m.priority !== undefined && !Object.hasOwn(MAIL_PRIORITY, m.priority))
    throw invalid(`priority must be one of ${Object.keys(MAIL_PRIORITY).join(', ')}`);
  if (m.incidentId != null && !/^[0-9]+$/.test(m.incidentId))
    throw invalid('incidentId must be a numeric id');
  for (const a of m.attachments ?? []) {
    if (!a.filename || !a.contentType || typeof a.contentBase64 !== 'string') {
      throw invalid('attachments need filename, contentType and contentBase64');
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBase64.replace(/\s/g, ''))) {
      throw invalid(`attachment ${a.filename}: contentBase64 is not base64`);
    }
  }
  // An invalid address is accepted here on purpose: the sender records it as a permanent failure and flags the
  // incident, instead of failing the caller's transaction (and its state change) over one bad directory entry.
  return m;
}

function toRow(m: OutboxMessage, now: Date) {
  const due = m.notBefore && m.notBefore.getTime() > now.getTime() ? m.notBefore : now;
  return {
    dedupe_key: m.dedupeKey,
    kind: m.kind,
    incident_id: m.incidentId ?? null,
    to_email: m.to.trim(),
    to_name: m.toName?.trim() || null,
    // A subject is one header line: a line break here would otherwise end up folded or rejected by the server.
    subject: m.subject
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 998),
    text_body: m.text,
    html_body: m.html,
    attachments: m.attachments ?? [],
    next_attempt_at: due.toISOString(),
    not_before: m.notBefore ? m.notBefore.toISOString() : null,
    created_at: now.toISOString(),
    priority: MAIL_PRIORITY[m.priority ?? 'normal'],
  };
}
