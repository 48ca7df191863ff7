import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../infrastructure/http/metrics.service';

/** What an operator watches on the poller: backlog, fetch outcomes, storage rate, cycle time. */
@Injectable()
export class IngestionMetrics {
  readonly feedsDue: Gauge;
  readonly fetches: Counter<'outcome'>;
  readonly itemsStored: Counter<'via'>;
  readonly cycleSeconds: Histogram;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.feedsDue = new Gauge({
      name: 'yuqing_ingestion_feeds_due',
      help: 'Feeds due at the start of the last poll cycle',
      registers,
    });
    this.fetches = new Counter({
      name: 'yuqing_ingestion_fetches_total',
      help: 'Feed fetches by outcome: ok, 304, same_body, or the error kind',
      labelNames: ['outcome'],
      registers,
    });
    this.itemsStored = new Counter({
      name: 'yuqing_ingestion_items_stored_total',
      help: 'New items stored, by way of arrival (feed or push)',
      labelNames: ['via'],
      registers,
    });
    this.cycleSeconds = new Histogram({
      name: 'yuqing_ingestion_cycle_seconds',
      help: 'Duration of one poll cycle',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers,
    });
  }
}
