import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { rootLogger } from '../infrastructure/logging/logger';
import { FetchOutcome } from './fetch/feed-fetcher';
import { ClaimedSource } from './ingestion.claims';
import { IngestionConfig } from './ingestion.config';
import { ItemStore, storedKey } from './ingestion.store';
import { ItemPartitions } from './item-partitions.service';
import { MAX_ITEM_HTML, MAX_ITEM_TEXT, MAX_ITEM_TITLE, MAX_ITEM_URL } from './parser/feed-limits';
import { FetchErrorKind, planNextCheck, PollPlan, PollResult, Random } from './poll-schedule';

/** What the recorder was told about a fetch: the fetcher's outcome, or an error of our own (storage, a bug). */
export type PollOutcome =
  | FetchOutcome
  | { kind: 'error'; errorKind: 'internal'; status: null; retryAfterSeconds: null; message: string };

const MESSAGE_MAX = 1000;

/** One row of source_errors: a failed fetch, or items a readable feed lost or cut (kind 'parse', "partial: …"). */
interface SourceError {
  kind: string;
  status: number | null;
  message: string;
}

/**
 * The "apply the update" half of the poller: for one fetched source, in one transaction, the new items, the
 * polling state (validators, next check, error count, attention and stale flags) and, on failure, a row in
 * source_errors. Items and validators commit together, so a crash can never store an ETag without its items.
 * Each source_errors row is logged once, after the commit, so the log shows which source failed and why.
 */
@Injectable()
export class PollRecorder {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
    private readonly store: ItemStore,
    private readonly partitions: ItemPartitions,
  ) {}

  private readonly log = rootLogger().child({ ctx: 'ingestion' });

  async record(
    src: ClaimedSource,
    outcome: PollOutcome,
    random: Random,
  ): Promise<{ newItems: number; plan: PollPlan }> {
    const now = this.clock.now();
    if (outcome.kind === 'ok') await this.partitions.ensureFor(now);
    const { newItems, plan, errors } = await this.db.transaction(async (m) => {
      const errors: SourceError[] = [];
      let newItems = 0;
      if (outcome.kind === 'ok') {
        const ids = await this.store.insertNew(
          m,
          src.id,
          outcome.feed.items.map((i) => ({ ...i, url: i.link })),
          now,
        );
        newItems = ids.length;
        errors.push(...cutItems(outcome, new Set(ids.map((r) => r.key))));
      }
      const plan = planNextCheck(
        src,
        toPollResult(outcome, newItems),
        now,
        {
          maxBackoffSeconds: this.config.INGESTION_MAX_BACKOFF_SECONDS,
          attentionAfterErrors: this.config.INGESTION_ATTENTION_AFTER_ERRORS,
        },
        random,
      );
      const common = [
        src.id,
        src.url,
        now,
        plan.nextCheckAt,
        plan.expectedIntervalSeconds,
        plan.ttlSeconds,
        plan.consecutiveErrors,
        plan.needsAttention,
        plan.stale,
        plan.lastItemAt,
      ];
      // `url = $2`: an admin who changed the URL mid-fetch already reset the row; this result is for the old URL.
      if (outcome.kind !== 'error') {
        await m.query(
          `UPDATE sources SET last_checked_at = $3, next_check_at = $4, expected_interval_seconds = $5,
                  ttl_seconds = $6, consecutive_errors = $7, needs_attention = $8, stale = $9, last_item_at = $10,
                  last_success_at = $3, last_status = $11, etag = $12, last_modified = $13,
                  body_hash = COALESCE($14, body_hash), feed_title = COALESCE($15, feed_title)
            WHERE id = $1 AND url = $2`,
          [
            ...common,
            outcome.status,
            outcome.etag,
            outcome.lastModified,
            outcome.bodyHash,
            outcome.kind === 'ok' ? (outcome.feed.title?.slice(0, 500) ?? null) : null,
          ],
        );
        if (outcome.kind === 'ok') errors.push(...lostItems(outcome));
        if (errors.length) {
          // The feed works, so it is not failing; but staff see what it lost next to the source.
          const lastError = errors[errors.length - 1];
          await m.query(
            `UPDATE sources SET last_error_at = $3, last_error_kind = $4, last_error = $5 WHERE id = $1 AND url = $2`,
            [src.id, src.url, now, lastError.kind, lastError.message],
          );
        }
      } else {
        const message = outcome.message.slice(0, MESSAGE_MAX) || outcome.errorKind;
        errors.push({ kind: outcome.errorKind, status: outcome.status, message });
        await m.query(
          `UPDATE sources SET last_checked_at = $3, next_check_at = $4, expected_interval_seconds = $5,
                  ttl_seconds = $6, consecutive_errors = $7, needs_attention = $8, stale = $9, last_item_at = $10,
                  last_status = $11, last_error_at = $3, last_error_kind = $12, last_error = $13
            WHERE id = $1 AND url = $2`,
          [...common, outcome.status, outcome.errorKind, message],
        );
      }
      for (const e of errors) {
        await m.query(
          `INSERT INTO source_errors (source_id, occurred_at, kind, status, message) VALUES ($1, $2, $3, $4, $5)`,
          [src.id, now, e.kind, e.status, e.message],
        );
      }
      return { newItems, plan, errors };
    });
    this.logAfterCommit(src, outcome, errors);
    return { newItems, plan };
  }

  private logAfterCommit(src: ClaimedSource, outcome: PollOutcome, errors: SourceError[]): void {
    for (const e of errors) {
      this.log.warn(
        { sourceId: src.id, url: src.url, errorKind: e.kind, status: e.status, message: e.message },
        'source error',
      );
    }
    if (outcome.kind !== 'ok') return;
    // Problems worked around without loss (a wrong charset header): for the operator, not a source error.
    for (const w of outcome.feed.warnings.filter((w) => w.skippedItems === 0)) {
      this.log.warn({ sourceId: src.id, url: src.url, message: w.message }, 'feed warning');
    }
  }
}

function lostItems(outcome: Extract<PollOutcome, { kind: 'ok' }>): SourceError[] {
  return outcome.feed.warnings
    .filter((w) => w.skippedItems > 0)
    .map((w) => ({ kind: 'parse', status: outcome.status, message: w.message.slice(0, MESSAGE_MAX) }));
}

/**
 * New items the per-item bounds cut (feed-limits.ts): stored, but not whole, so staff see it beside the source — once,
 * when the item is new (the same long item in every later poll is a duplicate, not a new loss).
 */
function cutItems(outcome: Extract<PollOutcome, { kind: 'ok' }>, fresh: Set<string>): SourceError[] {
  let text = 0;
  let link = 0;
  // Matched on the stored key, each once: the store keeps the first item of a key repeated in one feed.
  for (const i of outcome.feed.items) {
    if (!fresh.delete(storedKey(i.key)) || !i.cut) continue;
    if (i.cut.text) text++;
    if (i.cut.link) link++;
  }
  const error = (message: string): SourceError => ({ kind: 'parse', status: outcome.status, message });
  return [
    ...(text
      ? [
          error(
            `cut: ${text} new items stored in part (HTML over ${MAX_ITEM_HTML} characters, text over ${MAX_ITEM_TEXT} ` +
              `or a title over ${MAX_ITEM_TITLE} is cut)`,
          ),
        ]
      : []),
    ...(link
      ? [error(`link dropped: ${link} new items stored without their link (over ${MAX_ITEM_URL} characters)`)]
      : []),
  ];
}

function toPollResult(o: PollOutcome, newItems: number): PollResult {
  switch (o.kind) {
    case 'ok':
      return {
        kind: 'ok',
        publishedTimes: o.feed.items.map((i) => i.publishedAt),
        newItems,
        ttlSeconds: o.feed.ttlMinutes === null ? null : o.feed.ttlMinutes * 60,
        maxAgeSeconds: o.cacheMaxAgeSeconds,
      };
    case 'not_modified':
      return { kind: 'not_modified', maxAgeSeconds: o.cacheMaxAgeSeconds };
    default:
      return {
        kind: 'error',
        errorKind: o.errorKind as FetchErrorKind,
        status: o.status,
        retryAfterSeconds: o.retryAfterSeconds,
      };
  }
}
