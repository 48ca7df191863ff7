import { IngestionConfig } from '../ingestion.config';
import { DEFAULT_FETCH_OPTIONS } from './feed-fetcher';
import { FetchOptions } from '../parser/feed.types';

/**
 * Fetch options from the ingestion settings — one mapping for the poller and the `fetch` command, so the command
 * really fetches "as the poller would" (same allowlist, timeout and size cap).
 */
export function fetchOptionsFrom(c: IngestionConfig, overrides: Partial<FetchOptions> = {}): FetchOptions {
  return {
    ...DEFAULT_FETCH_OPTIONS,
    allowPrivate: c.FETCH_ALLOW_PRIVATE,
    allowHosts: c.allowHosts(),
    totalTimeoutMs: c.FETCH_TIMEOUT_MS,
    connectTimeoutMs: Math.min(DEFAULT_FETCH_OPTIONS.connectTimeoutMs, c.FETCH_TIMEOUT_MS),
    maxBytes: c.FETCH_MAX_BYTES,
    ...overrides,
  };
}
