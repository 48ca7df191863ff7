import { toSimplified } from '../text/script.normalize';
import { buildDoc } from '../text/document';
import type { ClassifierResources } from '../classifier';
import { metricsFromCounts, NegativeClassMetrics } from '../sentiment.eval';
import { scoreTone } from '../rules/tone.scorer';
import {
  averageModels,
  DEFAULT_LOGISTIC,
  fitLogistic,
  LogisticModel,
  LogisticOptions,
  logitOf,
  SparseExample,
} from './logistic';
import {
  charNgramFeatures,
  charTrigramFeatures,
  DENSE,
  DIM,
  FeatureBuffer,
  toneFeatures,
  trigramBuffer,
  TRIGRAM_DIM,
} from './tone.features';
import type { ToneRow } from './training.data';

/** Turns one text into features in the given buffer. */
export type Featurize = (text: string, out: FeatureBuffer) => void;

/** A featurizer with the buffer (bucket count) and weight count of the model part that reads it. */
export interface FeatureSpace {
  featurize: Featurize;
  buffer: () => FeatureBuffer;
  dim: number;
}

/** The product's features: the classifier's own document (one segmentation) and rule tone, as classify() builds them. */
export function modelFeaturizer(resources: ClassifierResources): Featurize {
  return (text, out) => {
    const doc = buildDoc('', text, resources.segmenter, resources.index, true);
    toneFeatures(doc, scoreTone(doc), out);
  };
}

/** The plain baseline's: character 1–3-grams, nothing else. */
export const baselineFeaturizer: Featurize = (text, out) => charNgramFeatures(`\n${text}`, out);

/** The tone model's chars part: character trigrams of the text as classify() sees it (title, newline, body). */
export const TRIGRAM_SPACE: FeatureSpace = {
  featurize: (text, out) => charTrigramFeatures(toSimplified(`\n${text}`), out),
  buffer: trigramBuffer,
  dim: TRIGRAM_DIM,
};

/** Features of every row, compacted (dense slots, then each hashed bucket once with its scaled count). */
export function encode(rows: ToneRow[], featurize: Featurize, buf = new FeatureBuffer()): SparseExample[] {
  return rows.map((r) => {
    featurize(r.text, buf);
    return compact(buf, r.negative ? 1 : 0);
  });
}

export function compact(buf: FeatureBuffer, y: 0 | 1): SparseExample {
  const hashed = buf.hashed.slice(0, buf.count).sort();
  let unique = 0;
  for (let i = 0; i < hashed.length; i++) if (i === 0 || hashed[i] !== hashed[i - 1]) unique++;
  let dense = 0;
  for (let i = 0; i < DENSE; i++) if (buf.dense[i] !== 0) dense++;
  const idx = new Int32Array(dense + unique);
  const val = new Float32Array(dense + unique);
  let k = 0;
  for (let i = 0; i < DENSE; i++)
    if (buf.dense[i] !== 0) {
      idx[k] = i;
      val[k++] = buf.dense[i];
    }
  const scale = buf.scale;
  for (let i = 0; i < hashed.length; i++) {
    if (i > 0 && hashed[i] === hashed[i - 1]) val[k - 1] += scale;
    else {
      idx[k] = hashed[i];
      val[k++] = scale;
    }
  }
  return { idx, val, y, weight: 1 };
}

/**
 * Weight per source, so that the 60,000 shopping reviews do not drown 2,000 tax posts: √(mean size / size), within
 * ¼ … 4. Each source still counts more the more it has.
 */
export function sourceWeights(rows: ToneRow[], use: (i: number) => boolean): Map<string, number> {
  const sizes = new Map<string, number>();
  rows.forEach((r, i) => use(i) && sizes.set(r.source, (sizes.get(r.source) ?? 0) + 1));
  const mean = [...sizes.values()].reduce((a, b) => a + b, 0) / Math.max(1, sizes.size);
  return new Map([...sizes].map(([s, n]) => [s, Math.min(4, Math.max(0.25, Math.sqrt(mean / n)))]));
}

export interface FittedTone {
  model: LogisticModel;
  /** Log-odds threshold chosen on the development rows. */
  threshold: number;
}

/** Fits on the training rows that `use` admits and picks the threshold on their people-labelled development rows. */
export function fitTone(
  rows: ToneRow[],
  examples: SparseExample[],
  use: (row: ToneRow) => boolean,
  options: Partial<LogisticOptions> & { nb?: boolean; bags?: number } = {},
): FittedTone {
  const dim = options.dim ?? DIM;
  const train = (i: number) => rows[i].split === 'train' && use(rows[i]);
  const weights = sourceWeights(rows, train);
  const chosen: SparseExample[] = [];
  examples.forEach((ex, i) => {
    if (train(i)) chosen.push({ ...ex, weight: weights.get(rows[i].source)! });
  });
  const fit = options.nb ? fitNbLogistic : fitLogistic;
  const base = { ...DEFAULT_LOGISTIC, ...options, dim };
  // `bags` fits with seeds seed, seed + 1, …, their weights averaged (averageModels).
  const model = averageModels(
    Array.from({ length: Math.max(1, options.bags ?? 1) }, (_, b) =>
      fit(chosen, { ...base, seed: base.seed + b }),
    ),
  );
  const dev = developmentRows(rows, use);
  return {
    model,
    threshold: chooseThreshold(
      dev.map((i) => rows[i]),
      dev.map((i) => logitOf(model, examples[i].idx, examples[i].val)),
    ),
  };
}

/**
 * Indexes of the development rows that choose thresholds and mixes: those `use` admits, of real text labelled by
 * people. A language model's labels (the Xiaohongshu file) would pull the threshold towards calling worried questions
 * negative, and every source's precision with it; the team's own cases would choose by text the team wrote. Such
 * train-only rows count only when nothing else is there.
 */
export function developmentRows(rows: ToneRow[], use: (row: ToneRow) => boolean): number[] {
  const dev = rows.map((_, i) => i).filter((i) => rows[i].split === 'dev' && use(rows[i]));
  const people = dev.filter((i) => !rows[i].trainOnly);
  return people.length ? people : dev;
}

/** The log-odds threshold (a grid from -2 to 2) with the best mean negative-class F1 over the sources present. */
export function chooseThreshold(rows: ToneRow[], logits: ArrayLike<number>): number {
  return bestThreshold(rows, logits).threshold;
}

/** chooseThreshold with the mean F1 it reaches (the mix of the two model parts is chosen on it). */
export function bestThreshold(rows: ToneRow[], logits: ArrayLike<number>): { threshold: number; f1: number } {
  if (!rows.length) return { threshold: 0, f1: 0 };
  const sources = [...new Set(rows.map((r) => r.source))];
  let best = 0;
  let bestF1 = -1;
  for (let t = -2; t <= 2.0001; t += 0.05) {
    let sum = 0;
    for (const s of sources) {
      const m = metricsAt(rows, logits, t, (r) => r.source === s);
      sum += m.f1;
    }
    // Ties go to the threshold nearest 0 (the plain probability ½).
    if (
      sum / sources.length > bestF1 + 1e-9 ||
      (Math.abs(sum / sources.length - bestF1) <= 1e-9 && Math.abs(t) < Math.abs(best))
    ) {
      bestF1 = sum / sources.length;
      best = Math.round(t * 100) / 100;
    }
  }
  return { threshold: best, f1: bestF1 };
}

/** Negative-class figures of the rows `pick` admits, predicted negative at logit ≥ threshold. */
export function metricsAt(
  rows: ToneRow[],
  logits: ArrayLike<number>,
  threshold: number,
  pick: (r: ToneRow) => boolean = () => true,
): NegativeClassMetrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!pick(rows[i])) continue;
    const predicted = logits[i] >= threshold;
    if (rows[i].negative) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return metricsFromCounts(tp, fp, fn, tn);
}

/**
 * NB-SVM (Wang & Manning 2012): each hashed feature scaled by its naive-Bayes log-count ratio before the logistic
 * regression; the ratio is folded back into the weights, so prediction is the same dot product.
 */
export function fitNbLogistic(examples: SparseExample[], options: LogisticOptions): LogisticModel {
  const pos = new Float64Array(options.dim).fill(1);
  const neg = new Float64Array(options.dim).fill(1);
  let sp = 0,
    sn = 0;
  for (const ex of examples) {
    const c = ex.y ? pos : neg;
    for (let i = 0; i < ex.idx.length; i++) if (ex.idx[i] >= DENSE) c[ex.idx[i]] += ex.weight;
    if (ex.y) sp += ex.weight;
    else sn += ex.weight;
  }
  const r = new Float32Array(options.dim).fill(1);
  for (let j = DENSE; j < options.dim; j++) r[j] = Math.log(pos[j] / (sp + 1) / (neg[j] / (sn + 1)));
  const scaled = examples.map((ex) => {
    const val = new Float32Array(ex.val.length);
    for (let i = 0; i < val.length; i++) val[i] = ex.val[i] * r[ex.idx[i]];
    return { ...ex, val };
  });
  const m = fitLogistic(scaled, options);
  for (let j = 0; j < options.dim; j++) m.weights[j] *= r[j];
  return m;
}
