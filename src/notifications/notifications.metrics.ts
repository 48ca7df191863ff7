import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { MetricsService } from '../infrastructure/http/metrics.service';

/** What an operator watches about mail: the backlog (and how late it is), and what was sent or failed. */
@Injectable()
export class NotificationsMetrics {
  readonly sent: Counter<'kind'>;
  readonly failed: Counter<'transient'>;
  readonly bundled: Counter;

  constructor(metrics: MetricsService, ds: DataSource, clock: Clock) {
    const registers = [metrics.registry];
    this.sent = new Counter({
      name: 'yuqing_mail_sent_total',
      help: 'Mails accepted by the transport',
      labelNames: ['kind'],
      registers,
    });
    this.failed = new Counter({
      name: 'yuqing_mail_failed_total',
      help: 'Failed send attempts (transient = will be retried)',
      labelNames: ['transient'],
      registers,
    });
    this.bundled = new Counter({
      name: 'yuqing_mail_bundled_total',
      help: 'Notices bundled into digests',
      registers,
    });
    new Gauge({
      name: 'yuqing_outbox_backlog',
      help: 'Outbox rows not yet delivered, by status',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows: { status: string; n: number }[] = await ds.query(
          `SELECT status, count(*)::int AS n FROM outbox_emails WHERE status IN ('pending','sending') GROUP BY status`,
        );
        this.reset();
        for (const s of ['pending', 'sending'])
          this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
      },
    });
    new Gauge({
      name: 'yuqing_outbox_oldest_due_seconds',
      help: 'How long the most overdue outbox row has been due (0 when none)',
      registers,
      async collect() {
        const [row] = await ds.query(
          `SELECT min(next_attempt_at) AS due FROM outbox_emails WHERE status IN ('pending','sending')`,
        );
        const due = row?.due ? new Date(row.due).getTime() : null;
        this.set(due === null ? 0 : Math.max(0, (clock.now().getTime() - due) / 1000));
      },
    });
  }
}
