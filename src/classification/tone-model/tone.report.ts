import type { NegativeClassMetrics } from '../sentiment.eval';
import type { CrossSourceRow } from './cross.source';

/** `classifier:eval`'s text output for one file. */
export function metricsText(path: string, rows: string, m: NegativeClassMetrics): string {
  return (
    `file: ${path}\nrows: ${rows}\nitems: ${m.items} (negative ${m.negatives}, skipped ${m.skipped})\n` +
    `negative precision: ${m.precision.toFixed(4)}\nnegative recall: ${m.recall.toFixed(4)}\n` +
    `negative F1: ${m.f1.toFixed(4)}\naccuracy: ${m.accuracy.toFixed(4)}`
  );
}

/** The cross-source table as Markdown: negative-class F1 on each file's held-apart rows, model against baseline. */
export function crossSourceText(table: CrossSourceRow[]): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    '| held-apart rows of | kind | items | model: all sources | model: without it | model: other kind only | baseline: all | baseline: without it | baseline: other kind only |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of table)
    lines.push(
      `| ${r.source} | ${r.kind} | ${r.heldApart} | ${f(r.model.inSource)} | ${f(r.model.withoutSource)} | ` +
        `${f(r.model.otherKindOnly)} | ${f(r.baseline.inSource)} | ${f(r.baseline.withoutSource)} | ${f(r.baseline.otherKindOnly)} |`,
    );
  return lines.join('\n');
}
