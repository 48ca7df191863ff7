import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import { agentFor } from './dispatcher';
import { FeedParseError, parseFeedBytes } from '../parser/feed-parser';
import { FetchErrorKind, FetchOptions, FetchOutcome, FetchState } from '../parser/feed.types';
import { BodyDecodingError, BodyTooLargeError, readCappedBody } from './http-body';
import { header, parseMaxAge, parseRetryAfter } from './http-headers';
import { assertUrlAllowed, SsrfBlockedError } from './ssrf-guard';

export type {
  FetchErrorKind,
  FetchOptions,
  FetchOutcome,
  FetchState,
  NormalisedItem,
  ParsedFeed,
} from '../parser/feed.types';
export { FeedParseError, parseFeedBytes } from '../parser/feed-parser';

/**
 * The feed fetcher (issue 3 §3, §7): one GET with conditional headers, redirects followed by hand so every hop goes
 * through the SSRF guard, a total deadline that destroys the socket, a body cap after decompression, and a body hash
 * so an unchanged feed is skipped even when the server ignores validators. Never throws: every failure is an outcome
 * with a kind the scheduler maps to its backoff rules.
 */

// Recognisable to site operators, so they can tell our polite poller apart and contact the operator.
export const USER_AGENT = 'yuqing-sentinel/0.1 (public-opinion monitoring for tax administrations)';

export const DEFAULT_FETCH_OPTIONS: FetchOptions = Object.freeze({
  allowPrivate: false,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: USER_AGENT,
});

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class FetchTimeoutError extends Error {}

type ErrorOutcome = Extract<FetchOutcome, { kind: 'error' }>;

function failure(
  errorKind: FetchErrorKind,
  message: string,
  status: number | null = null,
  retryAfterSeconds: number | null = null,
): ErrorOutcome {
  return { kind: 'error', errorKind, status, retryAfterSeconds, message };
}

function requestHeaders(state: FetchState, opts: FetchOptions): Record<string, string> {
  const h: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, br',
  };
  if (state.etag) h['if-none-match'] = state.etag;
  if (state.lastModified) h['if-modified-since'] = state.lastModified;
  return h;
}

/** Follows the causes of an error (undici and net wrap them) looking for one that matches. */
function findCause(
  e: unknown,
  test: (err: Error & { code?: string }) => boolean,
): (Error & { code?: string }) | null {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (test(cur)) return cur;
  }
  return null;
}

function classify(e: unknown, signal: AbortSignal, opts: FetchOptions, status: number | null): ErrorOutcome {
  const blocked = findCause(e, (err) => err instanceof SsrfBlockedError || err.code === 'ERR_SSRF_BLOCKED');
  if (blocked) return failure('blocked', blocked.message, status);
  if (signal.aborted && signal.reason instanceof FetchTimeoutError)
    return failure('timeout', signal.reason.message, status);
  if (e instanceof BodyTooLargeError) return failure('too_large', e.message, status);
  if (e instanceof BodyDecodingError) return failure('parse', e.message, status);
  if (e instanceof FeedParseError) return failure(e.kind, e.message, status);
  const timeout = findCause(e, (err) => /^UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT$/.test(err.code ?? ''));
  if (timeout?.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return failure('timeout', `connect timed out after ${opts.connectTimeoutMs} ms`, status);
  }
  if (timeout) return failure('timeout', timeout.message, status);
  const coded = findCause(e, (err) => typeof err.code === 'string' && !err.code.startsWith('UND_ERR_SOCKET'));
  const err: Error & { code?: string } = coded ?? (e instanceof Error ? e : new Error(String(e)));
  const message = err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
  return failure('network', message || 'network error', status);
}

export async function fetchFeed(url: string, state: FetchState, opts: FetchOptions): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FetchTimeoutError(`timed out after ${opts.totalTimeoutMs} ms`)),
    opts.totalTimeoutMs,
  );
  const progress = { status: null as number | null };
  try {
    return await fetchWithRedirects(url, state, opts, controller.signal, progress);
  } catch (e) {
    return classify(e, controller.signal, opts, progress.status);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchWithRedirects(
  url: string,
  state: FetchState,
  opts: FetchOptions,
  signal: AbortSignal,
  progress: { status: number | null },
): Promise<FetchOutcome> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return failure('network', `invalid URL: ${url}`);
  }
  const dispatcher = agentFor(opts);
  const headers = requestHeaders(state, opts);
  const visited = new Set<string>();
  for (let hop = 0; ; hop++) {
    assertUrlAllowed(current, opts);
    visited.add(current.href);
    const res = await request(current, { method: 'GET', headers, dispatcher, signal });
    const status = res.statusCode;
    progress.status = status;
    const get = (name: string) => header(res.headers, name);
    if (REDIRECTS.has(status)) {
      await res.body.dump();
      const location = get('location');
      if (!location) return failure('http', `HTTP ${status} redirect without a Location`, status);
      if (hop >= opts.maxRedirects)
        return failure('redirects', `more than ${opts.maxRedirects} redirects`, status);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return failure('redirects', `invalid redirect Location: ${location}`, status);
      }
      if (visited.has(next.href)) return failure('redirects', `redirect loop back to ${next.href}`, status);
      current = next;
      continue;
    }
    const cacheMaxAgeSeconds = parseMaxAge(get('cache-control'));
    if (status === 304) {
      await res.body.dump();
      return {
        kind: 'not_modified',
        status,
        finalUrl: current.href,
        reason: '304',
        etag: get('etag') ?? state.etag ?? null,
        lastModified: get('last-modified') ?? state.lastModified ?? null,
        bodyHash: state.bodyHash ?? null,
        cacheMaxAgeSeconds,
      };
    }
    if (status < 200 || status > 299) {
      await res.body.dump().catch(() => undefined);
      // Transport time, not business time: Retry-After is relative to the moment the response arrived.
      const retryAfter = parseRetryAfter(get('retry-after'), get('date'), Date.now());
      return failure('http', `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim(), status, retryAfter);
    }
    const declared = Number(get('content-length') ?? NaN);
    if (declared > opts.maxBytes) {
      res.body.destroy();
      return failure('too_large', `Content-Length ${declared} exceeds ${opts.maxBytes} bytes`, status);
    }
    const body = await readCappedBody(res.body, get('content-encoding'), opts.maxBytes, signal);
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const etag = get('etag');
    const lastModified = get('last-modified');
    const finalUrl = current.href;
    if (state.bodyHash && state.bodyHash === bodyHash) {
      return {
        kind: 'not_modified',
        status,
        finalUrl,
        reason: 'same_body',
        etag,
        lastModified,
        bodyHash,
        cacheMaxAgeSeconds,
      };
    }
    const feed = await parseFeedBytes(body, get('content-type'), finalUrl);
    return { kind: 'ok', status, finalUrl, etag, lastModified, bodyHash, cacheMaxAgeSeconds, feed };
  }
}
