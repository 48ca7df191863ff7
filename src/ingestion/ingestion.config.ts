import { toBool } from '../infrastructure/config/app.config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';

/**
 * Ingestion settings (polling, fetch limits, push API, item retention). Validated at start-up; a bad value stops the
 * service with a message naming the variable. Services read these at call time, so tests may adjust the instance.
 */
export class IngestionConfig {
  /** How often the poller looks for due sources. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  INGESTION_TICK_MS: number = 15_000;

  /** Sources claimed per claim query (a cycle claims again until nothing due is left). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  INGESTION_BATCH: number = 200;

  /** Fetches running at once in this instance. */
  @IsInt()
  @Min(1)
  @Max(512)
  INGESTION_CONCURRENCY: number = 16;

  /** Fetches running at once against one host (politeness; a self-hosted RSSHub serves many routes from one host). */
  @IsInt()
  @Min(1)
  @Max(512)
  INGESTION_PER_HOST: number = 4;

  /**
   * A claimed source's lease: its next_check_at is pushed this far ahead while it is fetched, so other instances
   * skip it; a crashed instance's sources come back after the lease.
   */
  @IsInt()
  @Min(60)
  @Max(86_400)
  INGESTION_LEASE_SECONDS: number = 900;

  /** Cap of the exponential backoff after transient errors (and of Retry-After). */
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  INGESTION_MAX_BACKOFF_SECONDS: number = 6 * 3600;

  /** Consecutive transient errors after which a source is flagged as needing attention. */
  @IsInt()
  @Min(1)
  @Max(1000)
  INGESTION_ATTENTION_AFTER_ERRORS: number = 10;

  /** Allow fetching private, loopback and link-local addresses (tests, intranet feeds). Production: false. */
  @Transform(toBool)
  @IsBoolean()
  FETCH_ALLOW_PRIVATE: boolean = false;

  /** Comma-separated host names that may resolve to private addresses (e.g. an intranet RSSHub). */
  @IsString()
  FETCH_ALLOW_HOSTS: string = '';

  /** Body cap after decompression. */
  @IsInt()
  @Min(1024)
  @Max(512 * 1024 * 1024)
  FETCH_MAX_BYTES: number = 15 * 1024 * 1024;

  /** Total time for one fetch, connect to last byte. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  FETCH_TIMEOUT_MS: number = 30_000;

  /** Whole months of items kept before the current one; older monthly partitions are dropped. 0 keeps all. */
  @IsInt()
  @Min(0)
  @Max(1200)
  ITEM_RETENTION_MONTHS: number = 0;

  /** Largest push request body. */
  @IsInt()
  @Min(1024)
  @Max(256 * 1024 * 1024)
  PUSH_MAX_BYTES: number = 5 * 1024 * 1024;

  /** Push bodies read at once; further pushes get 503 + Retry-After (bounds memory at this × PUSH_MAX_BYTES). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  PUSH_MAX_CONCURRENT_BODIES: number = 16;

  /** Time a pusher has to send its whole body once its headers are accepted; slower senders get 408. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  PUSH_BODY_TIMEOUT_MS: number = 30_000;

  /** Most items in one push request. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  PUSH_MAX_ITEMS: number = 1000;

  /** Accepted clock difference for signed pushes (X-Yuqing-Timestamp), against replays. */
  @IsInt()
  @Min(10)
  @Max(3600)
  PUSH_MAX_SKEW_SECONDS: number = 300;

  allowHosts(): string[] {
    return this.FETCH_ALLOW_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
  }
}
