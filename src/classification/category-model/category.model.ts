import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CATEGORIES, Category } from '../classification.types';
import { NaiveBayesParams, PAIR_PREFIX } from '../naive-bayes';
import { readManifest } from '../model-manifest';

export const CATEGORY_MODEL_FORMAT = 'yuqing-category-model/1';

/**
 * The learned category prior (config/models/category.json): a naive Bayes over jieba tokens and character pairs,
 * trained by `classifier:train-category` on the team's labelled cases. Its posterior, times `weight`, is added to the
 * cue-word scores of category.rules.ts: a vote for the category the wording resembles, which decides when the cue
 * words are absent or tied, and rarely against a clear cue (a cue scores 1–1.5, the whole vote at most `weight`).
 */
export interface CategoryModelManifest {
  format: string;
  /** `category-` + the first 8 hex digits of the SHA-256 of the parameters' JSON. */
  version: string;
  weight: number;
  training: {
    files: { file: string; part: string; cases: number }[];
    alpha: number;
    maxVocabulary: number;
  };
  /** Category of the alerts on cases never trained on, without and with the model (what `weight` was judged by). */
  measured: Record<string, { cases: number; rulesOnly: number; withModel: number }>;
  params: NaiveBayesParams;
}

/** A category model file that cannot be used: start-up stops with this message. */
export class CategoryModelFileError extends Error {}

export class CategoryModel {
  // The parameters indexed for prediction: the posterior is the naive Bayes of naive-bayes.ts (a spec holds them
  // equal), computed without building feature strings or sets. Pairs are looked up by their two char codes in an
  // open-addressing table of int32 keys (a Map keyed a·65536+b boxed every key beyond V8's small integers: 60 µs an
  // item); a feature counts once per text by a stamp per vocabulary entry.
  // Tokens of one and two code units (most Chinese tokens) are looked up by their char codes like pairs, the rest in a
  // Map: a jieba token is a fresh string whose hash the Map computed anew each time. With the Han fast path of lowered()
  // and the interleaved PairTable: votes() 9.8 → 8.1 µs an item (scratch/speed/micro2.ts).
  private readonly tokenIdx = new Map<string, number>();
  private readonly singles: PairTable;
  private readonly doubles: PairTable;
  private readonly pairs: PairTable;
  private readonly ll: Float64Array;
  private readonly stamp: Int32Array;
  private call = 0;
  private readonly scores: Float64Array;

  constructor(readonly manifest: CategoryModelManifest) {
    const { params } = manifest;
    const entries = Object.entries(params.logLikelihood);
    const n = params.classes.length;
    this.ll = new Float64Array(entries.length * n);
    this.stamp = new Int32Array(entries.length);
    this.pairs = new PairTable(entries.length);
    this.singles = new PairTable(entries.length);
    this.doubles = new PairTable(entries.length);
    entries.forEach(([k, v], i) => {
      this.ll.set(v, i * n);
      if (k.length === 3 && k.charCodeAt(0) === PAIR_MARK)
        this.pairs.set(k.charCodeAt(1), k.charCodeAt(2), i);
      else if (k.length === 1) this.singles.set(0, k.charCodeAt(0), i);
      else if (k.length === 2) this.doubles.set(k.charCodeAt(0), k.charCodeAt(1), i);
      else this.tokenIdx.set(k, i);
    });
    this.scores = new Float64Array(n);
  }

  get version(): string {
    return this.manifest.version;
  }

  /** weight × posterior per category, for categorise()'s `adjust`. */
  votes(tokens: string[]): Partial<Record<Category, number>> {
    const { params, weight } = this.manifest;
    const s = this.scores;
    s.set(params.logPrior);
    let call = (this.call = (this.call + 1) | 0);
    if (call === 0) {
      // wrapped round after 2^32 texts: old stamps could equal new calls
      this.stamp.fill(0);
      call = this.call = 1;
    }
    let prev = -1;
    for (let k = 0; k < tokens.length; k++) {
      const t = lowered(tokens[k]);
      const len = t.length;
      this.add(
        len === 1
          ? this.singles.get(0, t.charCodeAt(0))
          : len === 2
            ? this.doubles.get(t.charCodeAt(0), t.charCodeAt(1))
            : this.tokenIdx.get(t),
        call,
      );
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (prev >= 0) this.add(this.pairs.get(prev, c), call);
        prev = c;
      }
    }
    let max = -Infinity;
    for (let c = 0; c < s.length; c++) max = Math.max(max, s[c]);
    let sum = 0;
    for (let c = 0; c < s.length; c++) sum += s[c] = Math.exp(s[c] - max); // each exp once, kept for below
    const out: Partial<Record<Category, number>> = {};
    // Rounded: a vote of 1e-12 against 3e-12 must not break a tie between two categories' cue scores (that order is
    // the first evidence's, category.rules.ts); float noise did, differently for equal formulas.
    for (let c = 0; c < s.length; c++)
      out[params.classes[c] as Category] = Math.round((1e4 * weight * s[c]) / sum) / 1e4;
    return out;
  }

  /** Adds vocabulary entry `i` unless this call counted it already (binarised counts, as in training). */
  private add(i: number | undefined, call: number): void {
    if (i === undefined || i < 0 || this.stamp[i] === call) return;
    this.stamp[i] = call;
    const s = this.scores;
    const base = i * s.length;
    for (let c = 0; c < s.length; c++) s[c] += this.ll[base + c];
  }
}

const PAIR_MARK = PAIR_PREFIX.charCodeAt(0);

/** Character pair → vocabulary entry: linear probing over a power-of-two table at most half full; -1 if absent. */
class PairTable {
  /** [key, value] per slot, side by side: one cache line a probe, not one in each of two arrays. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    const size = 1 << Math.max(4, 32 - Math.clz32(2 * capacity));
    this.slots = new Int32Array(2 * size);
    for (let h = 0; h < size; h++) this.slots[2 * h + 1] = -1;
    this.mask = size - 1;
  }

  set(a: number, b: number, value: number): void {
    const key = (a << 16) | b;
    const t = this.slots;
    let h = this.slot(key);
    while (t[2 * h + 1] >= 0 && t[2 * h] !== key) h = (h + 1) & this.mask;
    t[2 * h] = key;
    t[2 * h + 1] = value;
  }

  get(a: number, b: number): number {
    const key = (a << 16) | b;
    const t = this.slots;
    for (let h = this.slot(key); t[2 * h + 1] >= 0; h = (h + 1) & this.mask)
      if (t[2 * h] === key) return t[2 * h + 1];
    return -1;
  }

  private slot(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 16) & this.mask;
  }
}

/** The token as training saw it (lower case), without a new string when nothing changes (most Chinese tokens). */
function lowered(t: string): string {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Han characters have no case: not looked up in the 128 KB table (a cache miss each, spread over 40 KB of it)
    if ((c < 0x4e00 || c > 0x9fff) && LOWER[c] !== c) return t.toLowerCase();
  }
  return t;
}
const LOWER = new Uint16Array(65536).map((_, c) => {
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
});

const paramsHash = (params: NaiveBayesParams) =>
  createHash('sha256').update(JSON.stringify(params)).digest('hex');

export function saveCategoryModel(
  path: string,
  fields: Omit<CategoryModelManifest, 'format' | 'version'>,
): CategoryModel {
  const manifest: CategoryModelManifest = {
    format: CATEGORY_MODEL_FORMAT,
    version: `category-${paramsHash(fields.params).slice(0, 8)}`,
    ...fields,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(manifest)}\n`);
  return new CategoryModel(manifest);
}

/** Reads and checks a model file: format, known categories, and the version against the parameters' hash. */
export function loadCategoryModel(path: string): CategoryModel {
  const fail = (why: string): never => {
    throw new CategoryModelFileError(`category model ${path}: ${why}`);
  };
  const m = readManifest<CategoryModelManifest>(
    path,
    CATEGORY_MODEL_FORMAT,
    'classifier:train-category',
    fail,
  );
  const p = m.params;
  if (!p || !Array.isArray(p.classes) || !p.classes.every((c) => CATEGORIES.includes(c as Category)))
    fail('classes must be categories of classification.types.ts');
  if (!(typeof m.weight === 'number' && m.weight >= 0 && m.weight <= 10)) fail('weight must be 0…10');
  if (m.version !== `category-${paramsHash(p).slice(0, 8)}`) fail('version does not match the parameters');
  return new CategoryModel(m);
}
