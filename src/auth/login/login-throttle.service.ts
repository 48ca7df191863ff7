import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { MetricsService } from '../../infrastructure/http/metrics.service';
import { rootLogger } from '../../infrastructure/logging/logger';
import { accountLocked, tooManyFromAddress } from '../auth.errors';

export type LoginFailureReason = 'bad_credentials' | 'account_locked' | 'address_limited';

/** Failed-attempt rows older than this are deleted by the login path; every window is shorter. */
const KEEP_FAILURES_MS = 24 * 3600_000;

/**
 * Login throttling (issue 12 point 7): a limit per client address, a lock per account, a log line and a metric per
 * failure. All state is in PostgreSQL (see migration LoginThrottle1764900300000), so every instance enforces the
 * same limits; time is the injected Clock.
 *
 * Unknown usernames are throttled by their failure count alone and get the very same 429 as a locked account, so
 * the lockout does not reveal which usernames exist.
 */
@Injectable()
export class LoginThrottleService {
  private readonly failures: Counter;
  private readonly log = rootLogger().child({ ctx: 'login' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    const name = 'yuqing_login_failures_total';
    this.failures =
      (metrics.registry.getSingleMetric(name) as Counter | undefined) ??
      new Counter({
        name,
        help: 'Refused logins, by reason (bad_credentials, account_locked, address_limited)',
        labelNames: ['reason'],
        registers: [metrics.registry],
      });
  }

  /** Refuses (429) before the password is checked, so a locked account cannot be guessed at any more. */
  async assertAllowed(username: string, ip: string | undefined): Promise<void> {
    const now = this.clock.now();
    const since = this.windowStart(now);
    if (ip) {
      const [{ n }] = await this.db.query(
        `SELECT count(*)::int AS n FROM login_failures WHERE ip = $1 AND failed_at > $2`,
        [ip, since],
      );
      if (n >= this.config.LOGIN_MAX_FAILURES_PER_IP) {
        this.count('address_limited', username, ip);
        throw tooManyFromAddress();
      }
    }
    // Compared in SQL: 'infinity' (locked until an admin unlocks) has no JavaScript Date.
    const [user] = await this.db.query(
      `SELECT coalesce(locked_until > $2, false) AS locked FROM users WHERE username = $1`,
      [username, now],
    );
    const locked = user
      ? user.locked
      : (await this.recentFailures(this.db.manager, username, since)) >= this.config.LOGIN_MAX_FAILURES;
    if (locked) {
      this.count('account_locked', username, ip);
      throw accountLocked();
    }
  }

  /** Records a wrong password; the failure that reaches the limit locks the account (with its audit event). */
  async recordFailure(username: string, ip: string | undefined, userId: string | null): Promise<void> {
    const now = this.clock.now();
    let lockedUntil: Date | null = null;
    await this.db.transaction(async (em) => {
      await em.query(`INSERT INTO login_failures (username, ip, failed_at) VALUES ($1, $2, $3)`, [
        username,
        ip ?? null,
        now,
      ]);
      await em.query(`DELETE FROM login_failures WHERE failed_at < $1`, [
        new Date(now.getTime() - KEEP_FAILURES_MS),
      ]);
      if (!userId) return;
      const n = await this.recentFailures(em, username, this.windowStart(now));
      if (n < this.config.LOGIN_MAX_FAILURES) return;
      const minutes = this.config.LOGIN_LOCKOUT_MINUTES;
      const until = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : 'infinity';
      // The condition makes concurrent failures on several instances lock once, with one audit event.
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [locked]: [{ locked_until: Date }[], number] = await em.query(
        `UPDATE users SET locked_until = $2 WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $3)
         RETURNING locked_until`,
        [userId, until, now],
      );
      if (locked.length === 0) return;
      // The count restarts once the lock ends (by cooldown or by an admin).
      await em.query(
        `UPDATE login_failures SET account_cleared = true WHERE username = $1 AND NOT account_cleared`,
        [username],
      );
      await em.query(
        `INSERT INTO user_security_events (user_id, action, at, detail) VALUES ($1, 'locked', $2, $3)`,
        [
          userId,
          now,
          JSON.stringify({ failures: n, ip: ip ?? null, until: minutes > 0 ? until : 'admin unlock' }),
        ],
      );
      lockedUntil = locked[0].locked_until;
    });
    this.count('bad_credentials', username, ip);
    if (lockedUntil) this.log.warn({ event: 'account_locked', username, ip, lockedUntil }, 'account locked');
  }

  /** A successful login restarts the account's count (the address count keeps every failure). */
  async recordSuccess(username: string): Promise<void> {
    await this.db.query(
      `UPDATE login_failures SET account_cleared = true WHERE username = $1 AND NOT account_cleared`,
      [username],
    );
  }

  /** Lifts a lock (admin API or CLI) in one transaction with its audit event; false when it was not locked. */
  async unlock(userId: string, username: string, actorId: string | null): Promise<boolean> {
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const [rows]: [unknown[], number] = await em.query(
        `UPDATE users SET locked_until = NULL WHERE id = $1 AND locked_until IS NOT NULL RETURNING id`,
        [userId],
      );
      await em.query(
        `UPDATE login_failures SET account_cleared = true WHERE username = $1 AND NOT account_cleared`,
        [username],
      );
      if (rows.length === 0) return false;
      await em.query(
        `INSERT INTO user_security_events (user_id, action, at, actor_id) VALUES ($1, 'unlocked', $2, $3)`,
        [userId, now, actorId],
      );
      this.log.info({ event: 'account_unlocked', username, actorId }, 'account unlocked');
      return true;
    });
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.LOGIN_WINDOW_MINUTES * 60_000);
  }

  private async recentFailures(em: EntityManager, username: string, since: Date): Promise<number> {
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM login_failures WHERE username = $1 AND NOT account_cleared AND failed_at > $2`,
      [username, since],
    );
    return n;
  }

  /** One structured line and one counter increment per refused login; never the password. */
  private count(reason: LoginFailureReason, username: string, ip: string | undefined): void {
    this.failures.inc({ reason });
    this.log.warn({ event: 'login_failed', reason, username, ip }, 'login failed');
  }
}
