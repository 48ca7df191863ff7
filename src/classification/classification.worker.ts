import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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
 * Longest stretch of classification without giving the event loop a turn. A batch of 500 long hostile items took
 * 15 s of CPU in one go, and no HTTP request (not even /health) was answered meanwhile; yielding this often keeps
 * answers within a few tens of ms while costing nothing measurable on ordinary batches (one turn per slice, not per
 * item).
 */
export const CLASSIFY_SLICE_MS = 10;

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
      // Only the characters classification reads (ClassificationService.classify cuts title + text at the same
      // CLASSIFY_MAX_CHARS; left() counts code points, so it never keeps less than that cut): a batch of megabyte
      // articles is not held in memory whole.
      const rows: PendingRow[] = await em.query(
        `SELECT i.id, i.ingested_at, left(i.title, $2) AS title, left(i.content_text, $2) AS content_text, i.url,
                s.name AS source_name, s.bureau_code, s.region_code, s.authority_tier
         FROM items i JOIN sources s ON s.id = i.source_id
         WHERE i.status = 'pending'
         ORDER BY i.id
         LIMIT $1
         FOR UPDATE OF i SKIP LOCKED`,
        [limit, this.config.CLASSIFY_MAX_CHARS],
      );
      const now = this.clock.now();
      const updates = await this.classifyRows(rows, now);
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

  /**
   * The batch's rows one by one, giving the event loop a turn every CLASSIFY_SLICE_MS: the claim (row locks) and the
   * single write-back stay as they were, only the CPU work is spread out. Each row's text is dropped once classified.
   */
  private async classifyRows(rows: (PendingRow | undefined)[], now: Date): Promise<ItemUpdate[]> {
    const updates: ItemUpdate[] = [];
    let sliceStart = performance.now();
    for (let i = 0; i < rows.length; i++) {
      updates.push(this.classifyRow(rows[i]!, now));
      rows[i] = undefined;
      if (performance.now() - sliceStart >= CLASSIFY_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return updates;
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
