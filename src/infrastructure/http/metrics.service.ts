import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per application; features register their counters and gauges here. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'yuqing_' });
  }
}
