import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { AppConfig } from '../infrastructure/config/app.config';
import { MetricsService } from '../infrastructure/http/metrics.service';
import { rootLogger } from '../infrastructure/logging/logger';
import { ClassificationConfig } from './classification.config';
import { ClassificationService } from './classification.service';
import type { AuthorityTier, ClassificationResult } from './classification.types';

export interface WorkerRun {
  claimed: number;
  classified: number;
  failed: number;
  alerts: number;
  modelVersion: string;
}

interface PendingRow {
  id: string;
  ingested_at: Date;
  title: string;
  content_text: string;
  url: string | null;
  source_name: string;
  bureau_code: string | null;
  region_code: string | null;
  authority_tier: AuthorityTier | null;
}

/**
 * Classifies ingested items as they arrive: the hand-off seam of contracts.md "Items". Each batch is claimed with
 * FOR UPDATE SKIP LOCKED, so several instances share the work; classification and the write-back happen in the claim's
 * transaction. An item that fails is marked 'failed' with the error in `reasons` and never holds up the batch.
 */
@Injectable()
export class ClassificationWorker {
  private running = false;
  private readonly log = rootLogger().child({ ctx: 'classification-worker' });
  private readonly counted: Counter<'result'>;

  constructor(
    private readonly ds: DataSource,
    private readonly service: ClassificationService,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly config: ClassificationConfig,
    metrics: MetricsService,
  ) {
    this.counted = new Counter({
      name: 'yuqing_items_classified_total',
      help: 'Items classified by the worker, by result: classified, failed, alert',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
  }

  @Interval('classification.worker', 2000)
  async tick(): Promise<void> {
    if (!this.app.SCHEDULER_ENABLED || !this.config.CLASSIFY_WORKER_ENABLED || this.running) return;
    this.running = true;
    try {
      for (let i = 0; i < this.config.CLASSIFY_MAX_BATCHES_PER_TICK; i++) {
        const run = await this.runOnce(this.config.CLASSIFY_BATCH_SIZE);
        if (run.claimed < this.config.CLASSIFY_BATCH_SIZE) break;
      }
    } catch (err) {
      this.log.error({ err }, 'classification tick failed');
    } finally {
      this.running = false;
    }
  }

  /** Claims up to `limit` pending items, classifies them and writes the results back. */
  async runOnce(limit = this.config.CLASSIFY_BATCH_SIZE): Promise<WorkerRun> {
    const modelVersion = await this.service.refreshModel();
    const run = await this.ds.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT i.id, i.ingested_at, i.title, i.content_text, i.url,
                s.name AS source_name, s.bureau_code, s.region_code, s.authority_tier
         FROM items i JOIN sources s ON s.id = i.source_id
         WHERE i.status = 'pending'
         ORDER BY i.id
         LIMIT $1
         FOR UPDATE OF i SKIP LOCKED`,
        [limit],
      );
      const now = this.clock.now();
      const updates = rows.map((r) => this.classifyRow(r, now));
      if (updates.length) await writeBack(em, updates);
      const failed = updates.filter((u) => u.status === 'failed').length;
      const alerts = updates.filter((u) => u.alert).length;
      return { claimed: rows.length, classified: rows.length - failed, failed, alerts, modelVersion };
    });
    if (run.claimed) {
      this.counted.inc({ result: 'classified' }, run.classified);
      if (run.failed) this.counted.inc({ result: 'failed' }, run.failed);
      if (run.alerts) this.counted.inc({ result: 'alert' }, run.alerts);
      this.log.debug(run, 'classified a batch');
    }
    return run;
  }

  private classifyRow(r: PendingRow, now: Date): ItemUpdate {
    const key = {
      id: String(r.id),
      ingested_at: r.ingested_at.toISOString(),
      classified_at: now.toISOString(),
    };
    try {
      const c = this.service.classify({
        id: String(r.id),
        title: r.title,
        text: r.content_text,
        url: r.url,
        source: {
          name: r.source_name,
          bureauCode: r.bureau_code,
          regionCode: r.region_code,
          authorityTier: r.authority_tier,
        },
      });
      return { ...key, status: 'classified', ...columns(c) };
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      this.log.warn({ itemId: r.id, err }, 'item classification failed');
      return {
        ...key,
        status: 'failed',
        reasons: [{ rule: 'error', term: message.slice(0, 500), start: 0, end: 0 }],
        model_version: this.service.classifier().modelVersion,
      };
    }
  }
}

type ItemUpdate = {
  id: string;
  ingested_at: string;
  classified_at: string;
  status: 'classified' | 'failed';
} & Partial<ReturnType<typeof columns>>;

function columns(c: ClassificationResult) {
  return {
    relevant: c.relevant,
    negative: c.negative,
    tone_score: c.toneScore,
    against_authority: c.againstAuthority,
    alert: c.alert,
    bureau_code: c.bureau?.code ?? null,
    region_code: c.region?.code ?? null,
    category: c.category,
    secondary_categories: c.secondaryCategories,
    grade_hint: c.gradeHint,
    reasons: c.reasons,
    model_version: c.modelVersion,
  };
}

/** One UPDATE for the whole batch (partition key included, so each row is found in its partition). */
async function writeBack(em: EntityManager, updates: ItemUpdate[]): Promise<void> {
  await em.query(
    `UPDATE items AS i SET
       status = v.status, classified_at = v.classified_at, relevant = v.relevant, negative = v.negative,
       tone_score = v.tone_score, against_authority = v.against_authority, alert = v.alert,
       bureau_code = v.bureau_code, region_code = v.region_code, category = v.category,
       secondary_categories = v.secondary_categories, grade_hint = v.grade_hint, reasons = v.reasons,
       model_version = v.model_version
     FROM jsonb_to_recordset($1::jsonb) AS v(
       id bigint, ingested_at timestamptz, classified_at timestamptz, status text, relevant boolean, negative boolean,
       tone_score real, against_authority boolean, alert boolean, bureau_code text, region_code text, category text,
       secondary_categories text[], grade_hint text, reasons jsonb, model_version text)
     WHERE i.id = v.id AND i.ingested_at = v.ingested_at`,
    [JSON.stringify(updates)],
  );
}
