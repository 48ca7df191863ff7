import type { ClassifierResources } from '../classifier';
import type { LogisticOptions } from './logistic';
import { encodeEnsemble, fitEnsemble } from './tone.ensemble';
import { metricsAt } from './tone.learning';
import { readToneCases, readToneFile, ToneRow } from './training.data';

/**
 * Review corpora; every other source is social text (Weibo, Xiaohongshu, and the team's cases: posts, letters and news
 * about tax work). "Train on reviews, test on Weibo".
 */
const REVIEW_SOURCES = new Set(['chnsenticorp_train', 'waimai_10k', 'online_shopping_10_cats']);
export const kindOf = (source: string) => (REVIEW_SOURCES.has(source) ? 'reviews' : 'social');

/** Negative-class F1 on one source's held-apart rows, by what the model was trained on. */
export interface CrossFigures {
  /** Trained on every source (the source's own training rows included). */
  inSource: number;
  /** Trained on every other source. */
  withoutSource: number;
  /** Trained only on sources of the other kind (reviews ↔ social). */
  otherKindOnly: number;
}

export interface CrossSourceRow {
  source: string;
  kind: 'reviews' | 'social';
  heldApart: number;
  model: CrossFigures;
  baseline: CrossFigures;
}

/**
 * The figures of issue 11: each file's held-apart F1 trained with all sources, without it, and with only the other
 * kind of text — for the tone model (both parts, mix and threshold from the training sources' development rows) and
 * for a plain character 1–3-gram logistic regression (threshold ½), on the same rows and splits. `caseFiles` adds the
 * team's cases as `classifier:train-tone --team-cases` does (train-only, social text), so that the "all sources"
 * column is the shipped model's training; they get no row of their own.
 */
export function crossSourceTable(
  paths: string[],
  resources: ClassifierResources,
  options: { every?: number; logistic?: Partial<LogisticOptions>; caseFiles?: string[] } = {},
): CrossSourceRow[] {
  const files = paths.map((p) => readToneFile(p, options.every ?? 1));
  const sources = [...new Set(files.flatMap((f) => f.rows.map((r) => r.source)))];
  if (options.caseFiles?.length) files.push(readToneCases(options.caseFiles, options.every ?? 1));
  const rows = files.flatMap((f) => f.rows);
  const examples = encodeEnsemble(rows, resources, true);
  const fit = (use: (r: ToneRow) => boolean) => fitEnsemble(rows, examples, use, options.logistic);
  const all = fit(() => true);
  const byKind = new Map(['reviews', 'social'].map((k) => [k, fit((r) => kindOf(r.source) !== k)]));
  return sources.map((source) => {
    const held = (r: ToneRow) => r.source === source && r.split === 'held-apart';
    const without = fit((r) => r.source !== source);
    const other = byKind.get(kindOf(source))!;
    const model = (f: Fitted) => metricsAt(rows, f.logits, f.threshold, held).f1;
    const baseline = (f: Fitted) => metricsAt(rows, f.baselineLogits!, 0, held).f1;
    return {
      source,
      kind: kindOf(source),
      heldApart: rows.filter(held).length,
      model: { inSource: model(all), withoutSource: model(without), otherKindOnly: model(other) },
      baseline: { inSource: baseline(all), withoutSource: baseline(without), otherKindOnly: baseline(other) },
    };
  });
}

type Fitted = ReturnType<typeof fitEnsemble>;
