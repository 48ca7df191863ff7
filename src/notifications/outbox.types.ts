export interface OutboxAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/** What a feature hands to OutboxService.enqueue (contracts.md, "Notifications"). */
export interface OutboxMessage {
  /** One logical mail, e.g. `incident:42:step:ack-1:to:a@b.cn`; a second enqueue with the same key is a no-op. */
  dedupeKey: string;
  to: string;
  toName?: string;
  subject: string;
  text: string;
  html: string;
  /** What the mail is about, e.g. 'escalation.step', 'statistics.monthly' ('digest' is reserved). */
  kind: string;
  incidentId?: string | null;
  attachments?: OutboxAttachment[];
  /** Not sent before this instant (reminders prepared ahead). */
  notBefore?: Date;
  /** How soon it must arrive (default 'normal'); see MAIL_PRIORITY. */
  priority?: MailPriority;
}

/**
 * How urgent a mail is, stored as outbox_emails.priority. 'urgent' goes out the moment it is due, on its own, even
 * to a recipient mailed seconds ago: grade Ⅰ/Ⅱ first notices (15 min to acknowledge, DOMAIN.md), which a digest
 * window would delay by up to a minute. The others are throttled and bundled as usual; a digest names and lists its
 * most urgent notice first (e.g. 'high' for grade Ⅲ, 'low' for routine bulletins).
 */
export const MAIL_PRIORITY = { low: 0, normal: 1, high: 2, urgent: 3 } as const;
export type MailPriority = keyof typeof MAIL_PRIORITY;
export const URGENT_PRIORITY = MAIL_PRIORITY.urgent;

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'bundled', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Reserved kind of the digest rows the sender creates itself. */
export const DIGEST_KIND = 'digest';

/** A row claimed by one sender run: everything needed to send it and to record the outcome. */
export interface ClaimedMail {
  id: string;
  kind: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  attachments: OutboxAttachment[];
  attempts: number;
  createdAt: Date;
  claimToken: string;
  /** Rows carried by this mail when it is a digest (empty otherwise). */
  bundledIds: string[];
}

/** One delivery as the console shows it: a bundled notice takes its digest's outcome. */
export interface OutboxDelivery {
  id: string;
  kind: string;
  to: string;
  toName: string | null;
  subject: string;
  createdAt: Date;
  status: OutboxStatus;
  deliveryStatus: OutboxStatus;
  deliveredAt: Date | null;
  bundledIntoId: string | null;
  lastError: string | null;
  attempts: number;
}

/** Told about every mail given up on, inside the transaction that marks it failed. */
export interface DeliveryFailure {
  outboxId: string;
  kind: string;
  to: string;
  /** Incidents whose notices this mail carried (its own, or its bundled notices' for a digest). */
  incidentIds: string[];
  error: string;
  at: Date;
}
