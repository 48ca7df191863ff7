/**
 * When to look at a feed next: pure functions, no I/O (the scheduler feeds them the row and the fetch outcome).
 *
 * The rules, in one place:
 * - After a good fetch, the interval follows the feed's own publishing rate (Miniflux's "entry frequency"): the mean
 *   gap over its most recent items, measured up to now so a feed that went quiet slows down. Clamped to the source's
 *   [min, max], then ±15% jitter so feeds added together do not stay in lock-step (never below min). The feed's
 *   `<ttl>` and the response's `Cache-Control: max-age` may only lengthen it (up to max).
 * - Transient errors (network, timeout, 5xx, 429, 408) back off exponentially from min, ±15% jitter, capped;
 *   `Retry-After` may lengthen it up to the same cap. Enough of them in a row flag the source.
 * - Errors a retry will not fix (404/410/401/403 and other 4xx, parse, not a feed, blocked, too large, redirect
 *   loops) flag the source as needing attention and retry at the max interval: never parked forever.
 * - Stale: nothing new for longer than max(3 × expected interval, 2 days).
 */

export type Random = () => number;

export type FetchErrorKind =
  'network' | 'timeout' | 'http' | 'too_large' | 'parse' | 'blocked' | 'redirects' | 'not_feed' | 'internal';

export interface PollState {
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  /** Last computed base interval (clamped, before jitter); null until a feed has dated items. */
  expectedIntervalSeconds: number | null;
  /** Last known `<ttl>` of the feed, in seconds. */
  ttlSeconds: number | null;
  consecutiveErrors: number;
  needsAttention: boolean;
  lastItemAt: Date | null;
  createdAt: Date;
}

export type PollResult =
  | {
      kind: 'ok';
      publishedTimes: (Date | null)[];
      newItems: number;
      ttlSeconds: number | null;
      maxAgeSeconds: number | null;
    }
  | { kind: 'not_modified'; maxAgeSeconds: number | null }
  | { kind: 'error'; errorKind: FetchErrorKind; status: number | null; retryAfterSeconds: number | null };

export interface PollPolicy {
  maxBackoffSeconds: number;
  attentionAfterErrors: number;
}

export interface PollPlan {
  nextCheckAt: Date;
  delaySeconds: number;
  expectedIntervalSeconds: number | null;
  ttlSeconds: number | null;
  consecutiveErrors: number;
  needsAttention: boolean;
  stale: boolean;
  lastItemAt: Date | null;
}

export const JITTER = 0.15;
const ENTRY_SAMPLE = 20;
const STALE_FLOOR_SECONDS = 2 * 86_400;
/** A publish date this far in the future is a bad date, not a signal. */
const FUTURE_TOLERANCE_MS = 86_400_000;

/** Mean seconds between the most recent items, counting the silence since the newest one; null if under 2 dates. */
export function entryFrequencySeconds(
  published: readonly (Date | null)[],
  now: Date,
  sample = ENTRY_SAMPLE,
): number | null {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  const times = published
    .filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()) && d.getTime() <= limit)
    .map((d) => d.getTime())
    .sort((a, b) => b - a)
    .slice(0, sample);
  if (times.length < 2) return null;
  const oldest = times[times.length - 1];
  return Math.max(1, Math.round((now.getTime() - oldest) / 1000 / times.length));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** value × (1 ± 15%), uniformly; `random` returns [0, 1). */
export function jitter(value: number, random: Random, spread = JITTER): number {
  return value * (1 + (random() * 2 - 1) * spread);
}

/** The delay after a good fetch (seconds) and the base interval to remember. */
export function successDelay(
  s: Pick<PollState, 'minIntervalSeconds' | 'maxIntervalSeconds'>,
  expectedSeconds: number | null,
  hints: { ttlSeconds: number | null; maxAgeSeconds: number | null },
  random: Random,
): { delaySeconds: number; baseSeconds: number } {
  const base = clamp(expectedSeconds ?? s.maxIntervalSeconds, s.minIntervalSeconds, s.maxIntervalSeconds);
  let delay = Math.max(s.minIntervalSeconds, jitter(base, random));
  const hint = Math.max(hints.ttlSeconds ?? 0, hints.maxAgeSeconds ?? 0);
  if (hint > delay) delay = Math.min(hint, s.maxIntervalSeconds);
  return { delaySeconds: Math.round(delay), baseSeconds: Math.round(base) };
}

/** Exponential backoff after the n-th consecutive transient error: min × 2^(n-1), ±15%, capped; Retry-After lengthens. */
export function backoffSeconds(
  consecutiveErrors: number,
  baseSeconds: number,
  capSeconds: number,
  retryAfterSeconds: number | null,
  random: Random,
): number {
  const exponent = Math.min(Math.max(consecutiveErrors - 1, 0), 30);
  const raw = Math.min(capSeconds, baseSeconds * 2 ** exponent);
  let delay = Math.min(capSeconds, jitter(raw, random));
  if (retryAfterSeconds !== null && retryAfterSeconds > delay)
    delay = Math.min(retryAfterSeconds, capSeconds);
  return Math.round(Math.max(1, delay));
}

/** Errors that retrying sooner may fix. Everything else needs a person to look at the source. */
export function isTransient(kind: FetchErrorKind, status: number | null): boolean {
  if (kind === 'network' || kind === 'timeout' || kind === 'internal') return true;
  if (kind === 'http') return status === null || status >= 500 || status === 429 || status === 408;
  return false;
}

export function isStale(
  now: Date,
  lastItemAt: Date | null,
  createdAt: Date,
  expectedSeconds: number,
): boolean {
  const since = (now.getTime() - (lastItemAt ?? createdAt).getTime()) / 1000;
  return since > Math.max(3 * expectedSeconds, STALE_FLOOR_SECONDS);
}

/** The whole decision after one fetch. */
export function planNextCheck(
  s: PollState,
  r: PollResult,
  now: Date,
  policy: PollPolicy,
  random: Random,
): PollPlan {
  let delaySeconds: number;
  let expected = s.expectedIntervalSeconds;
  let ttlSeconds = s.ttlSeconds;
  let consecutiveErrors = 0;
  let needsAttention = false;
  let lastItemAt = s.lastItemAt;

  if (r.kind === 'ok' || r.kind === 'not_modified') {
    if (r.kind === 'ok') {
      ttlSeconds = r.ttlSeconds;
      expected = entryFrequencySeconds(r.publishedTimes, now) ?? expected;
      if (r.newItems > 0) lastItemAt = now;
    }
    const d = successDelay(s, expected, { ttlSeconds, maxAgeSeconds: r.maxAgeSeconds }, random);
    delaySeconds = d.delaySeconds;
    expected = d.baseSeconds;
  } else {
    consecutiveErrors = s.consecutiveErrors + 1;
    if (isTransient(r.errorKind, r.status)) {
      delaySeconds = backoffSeconds(
        consecutiveErrors,
        s.minIntervalSeconds,
        policy.maxBackoffSeconds,
        r.retryAfterSeconds,
        random,
      );
      needsAttention = s.needsAttention || consecutiveErrors >= policy.attentionAfterErrors;
    } else {
      delaySeconds = Math.round(jitter(s.maxIntervalSeconds, random));
      needsAttention = true;
    }
  }
  const expectedForStale = expected ?? s.maxIntervalSeconds;
  return {
    nextCheckAt: new Date(now.getTime() + delaySeconds * 1000),
    delaySeconds,
    expectedIntervalSeconds: expected,
    ttlSeconds,
    consecutiveErrors,
    needsAttention,
    stale: isStale(now, lastItemAt, s.createdAt, expectedForStale),
    lastItemAt,
  };
}
