import { CATEGORIES } from '../classification.types';

/** Gold and predicted category of one item; `null` = no category (not relevant). */
export type CategoryPair = [gold: string | null, predicted: string | null];

export interface CategoryConfusion {
  /** Row and column labels: the categories in contract order, then `null`, only those that occur. */
  labels: string[];
  /** counts[gold][predicted] */
  counts: number[][];
  items: number;
  correct: number;
  accuracy: number;
}

const NONE = 'null';
const ORDER: readonly string[] = [...CATEGORIES, NONE];

/** Confusion matrix of categories: rows = gold, columns = predicted. */
export function categoryConfusion(pairs: CategoryPair[]): CategoryConfusion {
  const seen = new Set<string>();
  for (const [g, p] of pairs) {
    seen.add(g ?? NONE);
    seen.add(p ?? NONE);
  }
  const labels = ORDER.filter((l) => seen.has(l));
  const at = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const [g, p] of pairs) {
    counts[at.get(g ?? NONE)!][at.get(p ?? NONE)!]++;
    if ((g ?? NONE) === (p ?? NONE)) correct++;
  }
  return {
    labels,
    counts,
    items: pairs.length,
    correct,
    accuracy: pairs.length ? correct / pairs.length : 1,
  };
}

/** Display width of a label: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

/**
 * The matrix as text: one row per gold category (its label, then the count predicted as each column's category),
 * columns headed by the predicted category; a header line says which is which.
 */
export function formatConfusion(c: CategoryConfusion): string {
  const first = Math.max(...c.labels.map(width));
  const cols = c.labels.map((l, j) => Math.max(width(l), ...c.counts.map((r) => String(r[j]).length)));
  const lines = [
    `category ${c.correct}/${c.items} = ${c.accuracy.toFixed(3)} (rows: labelled, columns: predicted)`,
    pad('', first) + c.labels.map((l, j) => ' ' + pad(l, cols[j])).join(''),
  ];
  c.labels.forEach((l, i) => {
    if (c.counts[i].every((n) => n === 0)) return;
    lines.push(pad(l, first) + c.counts[i].map((n, j) => ' ' + pad(n ? String(n) : '·', cols[j])).join(''));
  });
  return lines.join('\n');
}
