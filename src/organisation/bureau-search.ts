import { HQ_NAME } from './bureau-catalog';

/** Text as users type it: NFKC (full-width digits and letters → ASCII) and no whitespace (Chinese names have none). */
export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').replace(/\s+/g, '');
}

/** Words every bureau name contains; they say nothing about which bureau is meant. */
const GENERIC_PREFIX = HQ_NAME;
const GENERIC_SUFFIXES = ['税务局', '税务', '税局', '局'];

/** The part of a query that names the place: 国家税务总局深圳罗湖税务局 → 深圳罗湖. Empty when nothing is left. */
export function placeCore(q: string): string {
  let core = q.startsWith(GENERIC_PREFIX) ? q.slice(GENERIC_PREFIX.length) : q;
  for (const s of GENERIC_SUFFIXES) {
    if (core.endsWith(s)) {
      core = core.slice(0, -s.length);
      break;
    }
  }
  return core;
}

/**
 * Distinct character bigrams of the query's place part, for the fuzzy tier of the search.
 *
 * Why not only pg_trgm: on a cluster whose LC_CTYPE is `C` (a common external server set-up; the embedded one uses
 * C.UTF-8), pg_trgm treats every Chinese character as a non-word character and extracts no trigrams at all
 * (`show_trgm('深圳南山')` = {}), so `similarity()` is 0 for any Chinese text. Character bigrams are the usual unit of
 * Chinese fuzzy matching and work under any locale; the service takes the greater of both scores.
 */
export function queryBigrams(q: string): string[] {
  const core = placeCore(q);
  const text = [...(core.length >= 2 ? core : q)];
  if (text.length === 0) return [];
  if (text.length === 1) return [text[0]];
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text[i] + text[i + 1]);
  return [...out];
}

/** More than half of the query's bigrams must occur in a bureau's names (one of two is too weak: 霞山区 ≠ 南山区). */
export const FUZZY_THRESHOLD = 0.6;
