import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Clock } from '../infrastructure/clock/clock';
import { rootLogger } from '../infrastructure/logging/logger';
import { fetchFeed, FetchOptions, FetchOutcome } from './fetch/feed-fetcher';
import { fetchOptionsFrom } from './fetch/fetch-options';
import { ClaimedSource, SourceClaims } from './ingestion.claims';
import { IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion.metrics';
import { drainPool } from './ingestion.pool';
import { PollOutcome, PollRecorder } from './ingestion.recorder';
import { Random } from './poll-schedule';

export interface CycleReport {
  due: number;
  fetched: number;
  ok: number;
  notModified: number;
  errors: number;
  itemsStored: number;
  seconds: number;
}

export type Fetcher = (
  url: string,
  state: { etag: string | null; lastModified: string | null; bodyHash: string | null },
  opts: FetchOptions,
) => Promise<FetchOutcome>;

/**
 * The poller (Miniflux's scheduler + worker pool): one cycle claims every source due at its start, in batches, and
 * fetches them through a bounded pool with a per-host limit; each result is recorded on its own row, so one bad
 * feed never stops the others. Several instances may run cycles on one database: claims are leased with
 * FOR UPDATE SKIP LOCKED, so no source is fetched twice in a cycle.
 */
@Injectable()
export class IngestionScheduler {
  /** Jitter source; tests replace it. */
  random: Random = Math.random;
  /** The fetch library; a seam for tests of the scheduler itself, never replaced in production. */
  fetcher: Fetcher = fetchFeed;
  private readonly log = rootLogger().child({ ctx: 'ingestion' });

  constructor(
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
    private readonly claims: SourceClaims,
    private readonly recorder: PollRecorder,
    private readonly metrics: IngestionMetrics,
  ) {}

  fetchOptions(): FetchOptions {
    return fetchOptionsFrom(this.config);
  }

  async runCycle(): Promise<CycleReport> {
    const c = this.config;
    const started = performance.now();
    const cycleStart = this.clock.now();
    const report: CycleReport = {
      due: 0,
      fetched: 0,
      ok: 0,
      notModified: 0,
      errors: 0,
      itemsStored: 0,
      seconds: 0,
    };
    report.due = await this.claims.countDue(cycleStart);
    this.metrics.feedsDue.set(report.due);
    if (report.due === 0) return report;
    // A host's share of one claim must finish within the lease even if every fetch runs into the timeout.
    const waves = Math.max(1, Math.floor(c.INGESTION_LEASE_SECONDS / ((2 * c.FETCH_TIMEOUT_MS) / 1000)));
    const options = this.fetchOptions();
    await drainPool<ClaimedSource>({
      concurrency: c.INGESTION_CONCURRENCY,
      perHost: c.INGESTION_PER_HOST,
      claim: (excludeHosts) =>
        this.claims.claim({
          dueBy: cycleStart,
          limit: c.INGESTION_BATCH,
          perHost: c.INGESTION_PER_HOST * waves,
          excludeHosts,
          leaseUntil: new Date(this.clock.now().getTime() + c.INGESTION_LEASE_SECONDS * 1000),
        }),
      run: (src) => this.pollOne(src, options, report),
    });
    report.seconds = (performance.now() - started) / 1000;
    this.metrics.cycleSeconds.observe(report.seconds);
    this.log.info(report, 'poll cycle done');
    return report;
  }

  private async pollOne(src: ClaimedSource, options: FetchOptions, report: CycleReport): Promise<void> {
    report.fetched++;
    let outcome: PollOutcome;
    try {
      outcome = await this.fetcher(
        src.url,
        { etag: src.etag, lastModified: src.lastModified, bodyHash: src.bodyHash },
        options,
      );
    } catch (e) {
      outcome = internalError(e); // the fetcher promises not to throw; if it does, it is still this source's error
    }
    try {
      const { newItems } = await this.recorder.record(src, outcome, this.random);
      this.count(outcome, newItems, report);
    } catch (e) {
      this.log.error({ err: e, sourceId: src.id }, 'storing a fetch result failed');
      try {
        await this.recorder.record(src, internalError(e), this.random);
        this.count(internalError(e), 0, report);
      } catch (again) {
        // The database itself is failing: the lease brings the source back later.
        this.log.error({ err: again, sourceId: src.id }, 'recording the failure failed too');
      }
    }
  }

  private count(outcome: PollOutcome, newItems: number, report: CycleReport): void {
    const label =
      outcome.kind === 'ok' ? 'ok' : outcome.kind === 'not_modified' ? outcome.reason : outcome.errorKind;
    this.metrics.fetches.inc({ outcome: label });
    if (outcome.kind === 'ok') report.ok++;
    else if (outcome.kind === 'not_modified') report.notModified++;
    else report.errors++;
    if (newItems) {
      report.itemsStored += newItems;
      this.metrics.itemsStored.inc({ via: 'feed' }, newItems);
    }
  }
}

function internalError(e: unknown): PollOutcome {
  return {
    kind: 'error',
    errorKind: 'internal',
    status: null,
    retryAfterSeconds: null,
    message: `internal: ${(e as Error)?.message ?? String(e)}`,
  };
}
