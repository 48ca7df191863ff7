import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { Clock } from '../infrastructure/clock/clock';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { MailMessage, MailTransport } from '../infrastructure/mail/mail-transport';
import { classifySendError, isDeliverableAddress, retryDelayMs } from './delivery-policy';
import { DeliveryFailureListeners } from './delivery-failure-listeners';
import { NotificationsConfig } from './notifications.config';
import { NotificationsMetrics } from './notifications.metrics';
import { OutboxClaimRepository } from './outbox-claim.repository';
import { AttemptInfo, OutboxResultRepository } from './outbox-result.repository';
import { ClaimedMail } from './outbox.types';

export interface SenderRunStats {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Outcomes that arrived after another sender had taken the row over (lease expired). */
  superseded: number;
}

class SendTimeoutError extends Error {
  readonly code = 'ETIMEOUT';
}

/**
 * Delivers the outbox. One run: claim due rows (short transaction, lease) → send each through the MailTransport,
 * a few at a time → record each outcome in its own short transaction.
 *
 * Delivery is at least once. The only window where a mail can go out twice is between the transport accepting it
 * and "mark sent" committing (one UPDATE on a local database: milliseconds). If the process dies inside it, the row
 * stays 'sending' until its lease (MAIL_LEASE_SECONDS) ends and is then sent again; that re-send carries the same
 * Message-ID so mail clients can fold the duplicate. A mail is never lost: nothing leaves 'sending' except through
 * a recorded outcome or an expired lease.
 */
@Injectable()
export class MailSender {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly log: Logger;
  private readonly messageIdDomain: string;

  constructor(
    private readonly claims: OutboxClaimRepository,
    private readonly results: OutboxResultRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
    appConfig: AppConfig,
    private readonly metrics: NotificationsMetrics,
    private readonly failureListeners: DeliveryFailureListeners,
  ) {
    this.log = rootLogger().child(
      { ctx: 'mail-sender', instance: this.instance },
      { level: appConfig.LOG_LEVEL },
    );
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(appConfig.MAIL_FROM)?.[1] ?? 'yuqing-sentinel.local';
  }

  async runOnce(limit: number = this.config.MAIL_BATCH_SIZE): Promise<SenderRunStats> {
    const stats: SenderRunStats = { claimed: 0, sent: 0, retried: 0, failed: 0, superseded: 0 };
    const mails = await this.claims.claim(limit, this.clock.now(), this.instance);
    stats.claimed = mails.length;
    for (const m of mails) if (m.bundledIds.length) this.metrics.bundled.inc(m.bundledIds.length);
    let next = 0;
    const worker = async () => {
      while (next < mails.length) {
        const m = mails[next++];
        try {
          await this.deliver(m, stats);
        } catch (e) {
          // Recording the outcome failed (database down?): the row keeps its lease and is retried after it.
          this.log.error({ err: e, outboxId: m.id }, 'could not record a mail outcome');
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.MAIL_SEND_CONCURRENCY, mails.length) }, worker),
    );
    if (mails.length) this.log.debug({ ...stats }, 'mail sender run');
    return stats;
  }

  /** Runs until nothing is due (or `maxRuns`), for the tick and for tests. */
  async drain(maxRuns = 50): Promise<SenderRunStats> {
    const total: SenderRunStats = { claimed: 0, sent: 0, retried: 0, failed: 0, superseded: 0 };
    for (let i = 0; i < maxRuns; i++) {
      const s = await this.runOnce();
      for (const k of Object.keys(total) as (keyof SenderRunStats)[]) total[k] += s[k];
      if (s.claimed < this.config.MAIL_BATCH_SIZE) break;
    }
    return total;
  }

  private async deliver(m: ClaimedMail, stats: SenderRunStats): Promise<void> {
    const started = performance.now();
    const attempt = (response: string): AttemptInfo => ({
      at: this.clock.now(),
      durationMs: Math.round(performance.now() - started),
      instance: this.instance,
      response,
    });
    if (!isDeliverableAddress(m.to)) {
      await this.fail(m, attempt(`invalid recipient address: ${m.to}`), stats);
      return;
    }
    let result: { messageId: string; response: string };
    try {
      result = await this.sendWithTimeout(this.toMailMessage(m));
    } catch (err) {
      const verdict = classifySendError(err);
      const a = attempt(verdict.response);
      const ageMs = a.at.getTime() - m.createdAt.getTime();
      if (verdict.transient && ageMs < this.config.MAIL_GIVE_UP_HOURS * 3600_000) {
        const retryAt = new Date(
          a.at.getTime() +
            retryDelayMs(m.attempts, {
              baseMs: this.config.MAIL_RETRY_BASE_SECONDS * 1000,
              maxMs: this.config.MAIL_RETRY_MAX_SECONDS * 1000,
            }),
        );
        this.metrics.failed.inc({ transient: 'true' });
        if (await this.results.markRetry(m, a, retryAt)) stats.retried++;
        else stats.superseded++;
        this.log.warn(
          { outboxId: m.id, attempts: m.attempts, retryAt, response: a.response },
          'mail deferred',
        );
        return;
      }
      if (verdict.transient) a.response = `gave up after ${m.attempts} attempts: ${a.response}`;
      await this.fail(m, a, stats);
      return;
    }
    this.metrics.sent.inc({ kind: m.kind });
    if (await this.results.markSent(m, attempt(result.response), result.messageId)) stats.sent++;
    else {
      stats.superseded++;
      this.log.warn(
        { outboxId: m.id },
        'mail sent after its lease expired; another sender may send it again',
      );
    }
  }

  private async fail(m: ClaimedMail, a: AttemptInfo, stats: SenderRunStats): Promise<void> {
    this.metrics.failed.inc({ transient: 'false' });
    const failure = await this.results.markFailed(m, a, (em, f) => this.failureListeners.notify(em, f));
    if (failure) stats.failed++;
    else stats.superseded++;
    this.log.error(
      { outboxId: m.id, to: m.to, incidents: failure?.incidentIds, response: a.response },
      'mail failed',
    );
  }

  private async sendWithTimeout(msg: MailMessage) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SendTimeoutError(`no answer within ${this.config.MAIL_SEND_TIMEOUT_SECONDS} s`)),
        this.config.MAIL_SEND_TIMEOUT_SECONDS * 1000,
      );
    });
    try {
      return await Promise.race([this.transport.send(msg), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private toMailMessage(m: ClaimedMail): MailMessage {
    // Quotes, brackets and line breaks in a display name would change the address nodemailer parses.
    const name = (m.toName ?? '').replace(/["<>\\\r\n]/g, '').trim();
    return {
      to: name ? `"${name}" <${m.to}>` : m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      attachments: m.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      })),
      headers: {
        // Stable across retries and lease re-sends, so a duplicate from the at-least-once window can be recognised.
        'Message-ID': `<outbox-${m.id}.${m.createdAt.getTime()}@${this.messageIdDomain}>`,
        'X-Yuqing-Outbox-Id': m.id,
        'X-Yuqing-Kind': m.kind,
        'Auto-Submitted': 'auto-generated', // RFC 3834: no out-of-office replies to a robot
      },
    };
  }
}
