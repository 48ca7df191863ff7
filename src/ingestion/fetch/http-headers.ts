import { IncomingHttpHeaders } from 'node:http';

/** Header helpers for the fetcher: single values, Retry-After and Cache-Control max-age. */

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? null : s;
}

/** Retry-After caps: a server asking for a week gets a day; the scheduler clamps again anyway. */
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/**
 * `Retry-After: 120` or `Retry-After: <HTTP-date>`. A date is measured against the response's own `Date` header when
 * there is one (so a skewed local clock does not matter), else against the transport clock `nowMs`.
 */
export function parseRetryAfter(
  value: string | null,
  dateHeader: string | null,
  nowMs: number,
): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), MAX_RETRY_AFTER_SECONDS);
  // An HTTP-date always names a month; Date.parse alone would read "-5" as a year.
  const at = /[a-z]{3}/i.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(at)) return null;
  const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
  const seconds = Math.ceil((at - (Number.isNaN(serverNow) ? nowMs : serverNow)) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/** `Cache-Control: max-age=N` (also `s-maxage`, which wins for shared caches like us); null when absent. */
export function parseMaxAge(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  let maxAge: number | null = null;
  for (const part of cacheControl.toLowerCase().split(',')) {
    const m = part.trim().match(/^(s-maxage|max-age)\s*=\s*"?(\d+)"?$/);
    if (!m) continue;
    const n = Number(m[2]);
    if (m[1] === 's-maxage' || maxAge === null) maxAge = n;
  }
  return maxAge;
}
