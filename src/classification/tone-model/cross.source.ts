import type { ClassifierResources } from '../classifier';
import type { LogisticOptions, SparseExample } from './logistic';
import { logitOf } from './logistic';
import { baselineFeaturizer, encode, Featurize, fitTone, metricsAt, modelFeaturizer } from './tone.learning';
import { readToneFile, ToneRow } from './training.data';

/** Review corpora; every other source is social text (Weibo, Xiaohongshu). "Train on reviews, test on Weibo". */
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
 * kind of text — for the tone model (threshold from the training sources' development rows) and for a plain character
 * 1–3-gram logistic regression (threshold ½), on the same splits.
 */
export function crossSourceTable(
  paths: string[],
  resources: ClassifierResources,
  options: { every?: number; logistic?: Partial<LogisticOptions> } = {},
): CrossSourceRow[] {
  const rows = paths.flatMap((p) => readToneFile(p, options.every ?? 1).rows);
  const sources = [...new Set(rows.map((r) => r.source))];
  const model = figures(rows, sources, modelFeaturizer(resources), false, options.logistic);
  const baseline = figures(rows, sources, baselineFeaturizer, true, options.logistic);
  return sources.map((source) => ({
    source,
    kind: kindOf(source),
    heldApart: rows.filter((r) => r.source === source && r.split === 'held-apart').length,
    model: model.get(source)!,
    baseline: baseline.get(source)!,
  }));
}

function figures(
  rows: ToneRow[],
  sources: string[],
  featurize: Featurize,
  plain: boolean,
  logistic: Partial<LogisticOptions> | undefined,
): Map<string, CrossFigures> {
  const examples = encode(rows, featurize);
  const f1 = (use: (r: ToneRow) => boolean, source: string) =>
    heldApartF1(rows, examples, use, source, plain, logistic);
  const out = new Map<string, CrossFigures>();
  const all = fitAndScore(rows, examples, () => true, plain, logistic);
  const byKind = new Map(
    ['reviews', 'social'].map((k) => [
      k,
      fitAndScore(rows, examples, (r) => kindOf(r.source) !== k, plain, logistic),
    ]),
  );
  for (const s of sources) {
    const held = (r: ToneRow) => r.source === s && r.split === 'held-apart';
    out.set(s, {
      inSource: metricsAt(rows, all.logits, all.threshold, held).f1,
      withoutSource: f1((r) => r.source !== s, s),
      otherKindOnly: metricsAt(rows, byKind.get(kindOf(s))!.logits, byKind.get(kindOf(s))!.threshold, held)
        .f1,
    });
  }
  return out;
}

function heldApartF1(
  rows: ToneRow[],
  examples: SparseExample[],
  use: (r: ToneRow) => boolean,
  source: string,
  plain: boolean,
  logistic: Partial<LogisticOptions> | undefined,
): number {
  const s = fitAndScore(rows, examples, use, plain, logistic);
  return metricsAt(rows, s.logits, s.threshold, (r) => r.source === source && r.split === 'held-apart').f1;
}

function fitAndScore(
  rows: ToneRow[],
  examples: SparseExample[],
  use: (r: ToneRow) => boolean,
  plain: boolean,
  logistic: Partial<LogisticOptions> | undefined,
): { logits: Float64Array; threshold: number } {
  const fitted = fitTone(rows, examples, use, logistic);
  const logits = new Float64Array(examples.length);
  for (let i = 0; i < examples.length; i++)
    logits[i] = logitOf(fitted.model, examples[i].idx, examples[i].val);
  return { logits, threshold: plain ? 0 : fitted.threshold };
}
