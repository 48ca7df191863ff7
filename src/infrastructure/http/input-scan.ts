/**
 * Bounded, linear scans of outside input (issue 12 point 8): NUL characters in strings and keys, nesting depth of a
 * parsed JSON body, and calendar-valid dates. Pure functions; the middleware in input-guards.ts answers with 4xx.
 */
import { hasRealUtcOffset } from './real-date-time';

/** Deeper JSON than this is refused: no request of this API nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

export interface JsonScan {
  /** Path of the first string or key holding U+0000, e.g. `items[2].title`; null when there is none. */
  nulAt: string | null;
  /** True when the value nests deeper than MAX_JSON_DEPTH. */
  tooDeep: boolean;
}

/** Walks a parsed JSON value with an explicit stack (no recursion: a 30,000-deep body must not overflow the stack). */
export function scanJson(root: unknown, maxDepth = MAX_JSON_DEPTH): JsonScan {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: root, path: '', depth: 0 }];
  let nulAt: string | null = null;
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (nulAt === null && v.includes('\u0000')) nulAt = path || 'body';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { nulAt, tooDeep: true };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (nulAt === null && k.includes('\u0000')) nulAt = p;
      stack.push({ v: child, path: p, depth: depth + 1 });
    }
  }
  return { nulAt, tooDeep: false };
}

/**
 * Whether JSON text nests deeper than `maxDepth`, decided before JSON.parse (STYLE.md 13): one pass over the text,
 * skipping strings (a `[` inside a string is not nesting), so 2,000,000 `[` cost a scan, not seconds of parsing and
 * hundreds of MB of arrays. Counts like scanJson: the root container is level 1. Malformed text is JSON.parse's
 * to refuse; this only answers "too deep".
 */
export function jsonTextTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Query-string pairs, decoded; a malformed %-escape yields `malformed` for that name instead of throwing. */
export function queryPairs(rawQuery: string): { name: string; value: string | null }[] {
  const out: { name: string; value: string | null }[] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = decode(rawName) ?? rawName;
    out.push({ name, value: decode(rawValue) });
  }
  return out;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Query parameters that filter by date or time across the API and console (incidents, findings, simulation). */
export const DATE_PARAMS = new Set(['from', 'to', 'at', 'since', 'until', 'before', 'after', 'date', 'day']);

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?/;

/**
 * False for a value that looks like a date but names none (2026-13-45, 2026-02-30, 25:00, an offset of +99:99 or
 * −23:59, which PostgreSQL refuses). A value that does not start like a date is left to the route's own validation,
 * which names what it expects.
 */
export function isCalendarDateOrNotADate(value: string): boolean {
  const m = DATE_PREFIX.exec(value);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return false;
  if (m[6] !== undefined && Number(m[6]) > 59) return false;
  return m[4] === undefined || hasRealUtcOffset(value);
}

/** `2026-13` is not a month. */
export function isMonthOrNotAMonth(value: string): boolean {
  const m = /^\d{4}-(\d{2})$/.exec(value);
  return !m || (Number(m[1]) >= 1 && Number(m[1]) <= 12);
}
