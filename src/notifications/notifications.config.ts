import { IsInt, Max, Min } from 'class-validator';

/** Settings of the outbox sender. All optional; defaults suit one SMTP relay and a handful of instances. */
export class NotificationsConfig {
  /** Per-recipient window: at most one mail per mailbox per window; more notices are bundled into a digest. 0 = off. */
  @IsInt()
  @Min(0)
  @Max(3600)
  MAIL_RECIPIENT_WINDOW_SECONDS: number = 60;

  /** Most notices listed in one digest; the rest wait for the recipient's next window. */
  @IsInt()
  @Min(2)
  @Max(500)
  MAIL_DIGEST_MAX_ITEMS: number = 50;

  /** Rows claimed per sender run. */
  @IsInt()
  @Min(1)
  @Max(5000)
  MAIL_BATCH_SIZE: number = 200;

  /** Mails handed to the transport at the same time by one instance. */
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_SEND_CONCURRENCY: number = 10;

  /**
   * How long a claimed row stays reserved for the instance that claimed it. If that instance dies between claim and
   * "mark sent", another one re-sends the row after this; it must exceed MAIL_SEND_TIMEOUT_SECONDS by a margin.
   */
  @IsInt()
  @Min(30)
  @Max(86400)
  MAIL_LEASE_SECONDS: number = 300;

  /** A send still unanswered after this counts as a transient failure (and is retried). */
  @IsInt()
  @Min(5)
  @Max(3600)
  MAIL_SEND_TIMEOUT_SECONDS: number = 60;

  /** First retry delay after a transient failure; doubles per attempt (with jitter) up to MAIL_RETRY_MAX_SECONDS. */
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_BASE_SECONDS: number = 30;

  @IsInt()
  @Min(1)
  @Max(86400)
  MAIL_RETRY_MAX_SECONDS: number = 900;

  /** A mail still undelivered this long after it was queued is given up (failed, incident flagged). */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  MAIL_GIVE_UP_HOURS: number = 48;
}
