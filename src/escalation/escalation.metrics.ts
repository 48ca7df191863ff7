import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { MetricsService } from '../infrastructure/http/metrics.service';

/** What an operator watches about escalation: clocks overdue, how late the engine is, steps and mails produced. */
@Injectable()
export class EscalationMetrics {
  readonly steps: Counter;
  readonly mails: Counter;

  constructor(metrics: MetricsService, ds: DataSource, clock: Clock) {
    const registers = [metrics.registry];
    this.steps = new Counter({
      name: 'yuqing_escalation_steps_total',
      help: 'Escalation steps applied',
      registers,
    });
    this.mails = new Counter({
      name: 'yuqing_escalation_mails_total',
      help: 'Escalation mails queued',
      registers,
    });
    new Gauge({
      name: 'yuqing_escalation_clocks',
      help: 'Live escalation clocks by status (missed = deadline passed, still escalating)',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows: { status: string; n: number }[] = await ds.query(
          `SELECT status, count(*)::int AS n FROM escalation_clocks WHERE status IN ('running','missed') GROUP BY status`,
        );
        this.reset();
        for (const s of ['running', 'missed'])
          this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
      },
    });
    new Gauge({
      name: 'yuqing_escalation_lag_seconds',
      help: 'How long the most overdue escalation step has been waiting for the engine (0 when none)',
      registers,
      async collect() {
        const [row] = await ds.query(
          `SELECT min(next_step_at) AS due FROM escalation_clocks WHERE next_step_at IS NOT NULL`,
        );
        const due = row?.due ? new Date(row.due).getTime() : null;
        this.set(due === null ? 0 : Math.max(0, (clock.now().getTime() - due) / 1000));
      },
    });
  }
}
