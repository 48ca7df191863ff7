import {
  backoffSeconds,
  entryFrequencySeconds,
  isStale,
  isTransient,
  planNextCheck,
  PollState,
  successDelay,
} from './poll-schedule';

const NOW = new Date('2026-11-02T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const fixed = (v: number) => () => v;
const LOW = fixed(0); // jitter -15%
const MID = fixed(0.5); // no jitter
const HIGH = fixed(0.999999); // jitter ≈ +15%

const state = (over: Partial<PollState> = {}): PollState => ({
  minIntervalSeconds: 300,
  maxIntervalSeconds: 3600,
  expectedIntervalSeconds: null,
  ttlSeconds: null,
  consecutiveErrors: 0,
  needsAttention: false,
  lastItemAt: null,
  createdAt: new Date('2026-10-01T00:00:00Z'),
  ...over,
});
const policy = { maxBackoffSeconds: 6 * 3600, attentionAfterErrors: 10 };

describe('entry frequency', () => {
  it('is the mean gap of the recent items, counting the silence since the newest', () => {
    // 4 items 10, 20, 30, 40 minutes ago: 40 minutes / 4 items = 600 s
    expect(entryFrequencySeconds([minutesAgo(10), minutesAgo(20), minutesAgo(30), minutesAgo(40)], NOW)).toBe(
      600,
    );
  });

  it('uses only the most recent N items and ignores missing, invalid and far-future dates', () => {
    const dates = [
      minutesAgo(1),
      minutesAgo(2),
      null,
      new Date('bad'),
      new Date('2030-01-01'),
      minutesAgo(10_000),
    ];
    expect(entryFrequencySeconds(dates, NOW, 2)).toBe(60); // 2 minutes / 2 items
  });

  it('is unknown with fewer than two dated items', () => {
    expect(entryFrequencySeconds([minutesAgo(5), null], NOW)).toBeNull();
  });
});

describe('interval after a good fetch', () => {
  it('clamps to [min, max] and jitters within ±15%, never below min', () => {
    const s = state();
    expect(successDelay(s, 10, { ttlSeconds: null, maxAgeSeconds: null }, MID)).toEqual({
      delaySeconds: 300,
      baseSeconds: 300,
    });
    expect(successDelay(s, 10, { ttlSeconds: null, maxAgeSeconds: null }, LOW).delaySeconds).toBe(300);
    expect(successDelay(s, 10, { ttlSeconds: null, maxAgeSeconds: null }, HIGH).delaySeconds).toBe(345);
    expect(successDelay(s, 99_999, { ttlSeconds: null, maxAgeSeconds: null }, MID).delaySeconds).toBe(3600);
    expect(successDelay(s, 99_999, { ttlSeconds: null, maxAgeSeconds: null }, LOW).delaySeconds).toBe(3060);
    expect(successDelay(s, 99_999, { ttlSeconds: null, maxAgeSeconds: null }, HIGH).delaySeconds).toBe(4140);
    expect(successDelay(s, 1000, { ttlSeconds: null, maxAgeSeconds: null }, LOW).delaySeconds).toBe(850);
    expect(successDelay(s, 1000, { ttlSeconds: null, maxAgeSeconds: null }, HIGH).delaySeconds).toBe(1150);
    for (let i = 0; i < 200; i++) {
      const d = successDelay(s, 1000, { ttlSeconds: null, maxAgeSeconds: null }, Math.random).delaySeconds;
      expect(d).toBeGreaterThanOrEqual(850);
      expect(d).toBeLessThanOrEqual(1150);
    }
  });

  it('uses max when the frequency is unknown', () => {
    expect(successDelay(state(), null, { ttlSeconds: null, maxAgeSeconds: null }, MID).delaySeconds).toBe(
      3600,
    );
  });

  it('lets <ttl> and max-age lengthen the interval (up to max) but never shorten it', () => {
    const s = state();
    expect(successDelay(s, 600, { ttlSeconds: 1800, maxAgeSeconds: null }, MID).delaySeconds).toBe(1800);
    expect(successDelay(s, 600, { ttlSeconds: null, maxAgeSeconds: 1200 }, MID).delaySeconds).toBe(1200);
    expect(successDelay(s, 600, { ttlSeconds: 60, maxAgeSeconds: 10 }, MID).delaySeconds).toBe(600);
    expect(successDelay(s, 600, { ttlSeconds: 86_400, maxAgeSeconds: null }, MID).delaySeconds).toBe(3600);
  });
});

describe('backoff', () => {
  it('grows exponentially from min and is capped', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => backoffSeconds(n, 300, 21_600, null, MID));
    expect(delays.slice(0, 5)).toEqual([300, 600, 1200, 2400, 4800]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays[9]).toBe(21_600);
    expect(backoffSeconds(50, 300, 21_600, null, HIGH)).toBeLessThanOrEqual(21_600);
  });

  it('jitters within ±15%', () => {
    expect(backoffSeconds(2, 300, 21_600, null, LOW)).toBe(510);
    expect(backoffSeconds(2, 300, 21_600, null, HIGH)).toBe(690);
  });

  it('honours a longer Retry-After, up to the cap', () => {
    expect(backoffSeconds(1, 300, 21_600, 7200, MID)).toBe(7200);
    expect(backoffSeconds(1, 300, 21_600, 10, MID)).toBe(300);
    expect(backoffSeconds(1, 300, 21_600, 999_999, MID)).toBe(21_600);
  });
});

describe('error classes and staleness', () => {
  it('treats network, timeouts, 5xx, 429 and 408 as transient; 4xx, parse and the rest as needing attention', () => {
    expect(isTransient('network', null)).toBe(true);
    expect(isTransient('timeout', null)).toBe(true);
    expect(isTransient('http', 503)).toBe(true);
    expect(isTransient('http', 429)).toBe(true);
    for (const s of [404, 410, 401, 403, 400]) expect(isTransient('http', s)).toBe(false);
    for (const k of ['parse', 'not_feed', 'blocked', 'too_large', 'redirects'] as const)
      expect(isTransient(k, null)).toBe(false);
  });

  it('is stale after max(3 × expected, 2 days) without a new item', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(isStale(NOW, minutesAgo(47 * 60), created, 600)).toBe(false);
    expect(isStale(NOW, minutesAgo(49 * 60), created, 600)).toBe(true);
    expect(isStale(NOW, minutesAgo(5 * 24 * 60), created, 2 * 86_400)).toBe(false);
    expect(isStale(NOW, minutesAgo(7 * 24 * 60), created, 2 * 86_400)).toBe(true);
    expect(isStale(NOW, null, new Date(NOW.getTime() - 3600_000), 600)).toBe(false);
  });
});

describe('planNextCheck', () => {
  it('on success resets errors and attention, remembers the frequency and the last new item', () => {
    const plan = planNextCheck(
      state({ consecutiveErrors: 4, needsAttention: true }),
      {
        kind: 'ok',
        publishedTimes: [minutesAgo(10), minutesAgo(20), minutesAgo(30), minutesAgo(40)],
        newItems: 2,
        ttlSeconds: null,
        maxAgeSeconds: null,
      },
      NOW,
      policy,
      MID,
    );
    expect(plan).toMatchObject({
      consecutiveErrors: 0,
      needsAttention: false,
      expectedIntervalSeconds: 600,
      delaySeconds: 600,
      stale: false,
    });
    expect(plan.lastItemAt).toEqual(NOW);
    expect(plan.nextCheckAt).toEqual(new Date(NOW.getTime() + 600_000));
  });

  it('on 304 keeps the remembered frequency', () => {
    const plan = planNextCheck(
      state({ expectedIntervalSeconds: 900 }),
      { kind: 'not_modified', maxAgeSeconds: null },
      NOW,
      policy,
      MID,
    );
    expect(plan.delaySeconds).toBe(900);
  });

  it('on 404 flags attention and retries at the max interval', () => {
    const plan = planNextCheck(
      state(),
      { kind: 'error', errorKind: 'http', status: 404, retryAfterSeconds: null },
      NOW,
      policy,
      MID,
    );
    expect(plan).toMatchObject({ needsAttention: true, consecutiveErrors: 1, delaySeconds: 3600 });
  });

  it('on transient errors backs off and flags attention only after many in a row', () => {
    const s = state({ consecutiveErrors: 8 });
    const r = {
      kind: 'error' as const,
      errorKind: 'timeout' as const,
      status: null,
      retryAfterSeconds: null,
    };
    expect(planNextCheck(s, r, NOW, policy, MID)).toMatchObject({
      consecutiveErrors: 9,
      needsAttention: false,
    });
    expect(planNextCheck({ ...s, consecutiveErrors: 9 }, r, NOW, policy, MID)).toMatchObject({
      needsAttention: true,
    });
    // an earlier 404's flag survives a following timeout; only a success clears it
    expect(
      planNextCheck({ ...s, consecutiveErrors: 1, needsAttention: true }, r, NOW, policy, MID).needsAttention,
    ).toBe(true);
  });

  it('flags stale when nothing new arrived for long', () => {
    const plan = planNextCheck(
      state({ lastItemAt: new Date('2026-10-20T00:00:00Z'), expectedIntervalSeconds: 3600 }),
      { kind: 'ok', publishedTimes: [], newItems: 0, ttlSeconds: null, maxAgeSeconds: null },
      NOW,
      policy,
      MID,
    );
    expect(plan.stale).toBe(true);
  });
});
