import type { TermMatch } from './term.index';

/**
 * Index of the first match in `list` (in text order) whose `field` is at least `value`: a binary search, so that the
 * stages that look for matches near another (negations before an opinion, a name after 冒充, an advice term around a
 * word) read only those within reach. Scans from the list's start made hostile texts quadratic.
 */
export function firstMatchFrom(list: readonly TermMatch[], field: 'start' | 'tok', value: number): number {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][field] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
