import type { Reason } from './classification.types';
import type { TermMatch } from './text/term.index';

/** A reason for a matched term; the term is quoted from the text, so it is exactly what the console highlights. */
export function reason(rule: string, m: TermMatch, text: string): Reason {
  return { rule, term: text.slice(m.start, m.end), start: m.start, end: m.end };
}

/** Up to this many entries insertion sort wins; beyond, the built-in (stable, n log n) sort is used. */
const INSERTION_MAX = 32;

/**
 * Reasons in text order, stable (as Array.prototype.sort would give). Insertion sort in place for the usual short,
 * nearly sorted lists: the built-in sort allocates work buffers on every call (a few KB an item in all). Long lists
 * (a hostile text with thousands of hits) go to the built-in sort: insertion sort is quadratic.
 */
export function sortByStart(reasons: Reason[]): Reason[] {
  if (reasons.length > INSERTION_MAX) return reasons.sort((a, b) => a.start - b.start);
  for (let i = 1; i < reasons.length; i++) {
    const r = reasons[i];
    let j = i - 1;
    while (j >= 0 && reasons[j].start > r.start) {
      reasons[j + 1] = reasons[j];
      j--;
    }
    reasons[j + 1] = r;
  }
  return reasons;
}

/** Most negative first, stable (as the built-in sort, without its per-call work buffers for short lists). */
export function sortByValue(xs: { value: number }[]): void {
  if (xs.length > INSERTION_MAX) {
    xs.sort((a, b) => a.value - b.value);
    return;
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    let j = i - 1;
    for (; j >= 0 && xs[j].value > x.value; j--) xs[j + 1] = xs[j];
    xs[j + 1] = x;
  }
}
