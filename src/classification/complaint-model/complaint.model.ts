import { CATEGORIES, Category } from '../classification.types';
import type { Doc } from '../text/document';
import { TARGET } from '../rules/rules.params';
import type { ToneResult } from '../rules/tone.scorer';
import { DENSE, FeatureBuffer, toneFeatures, TRIGRAM_BITS, TRIGRAM_DIM } from '../tone-model/tone.features';
import { charGramCount, charGramSum } from './chars.features';

export const COMPLAINT_MODEL_FORMAT = 'yuqing-complaint-model/5';
/**
 * Buckets of the hashed features, folded from the tone model's 2^20 (the low bits of the same hash): a few thousand
 * cases use far fewer, and 128 KB of int16 a head stays in cache beside the tone model's 2.6 MB (the full size cost
 * 40 µs an item, this ~2). Measured on the dev halves, each scored by a model trained without it: 2^16 as good as
 * 2^20, 2^14 lower.
 */
export const COMPLAINT_BITS = 16;
export const COMPLAINT_DIM = DENSE + (1 << COMPLAINT_BITS);
const FOLD = (1 << COMPLAINT_BITS) - 1;

/** A hashed feature index of the tone features (tone.features.ts) in the complaint model's folded space. */
export const foldIndex = (i: number): number => (i < DENSE ? i : DENSE + ((i - DENSE) & FOLD));

/**
 * The heads, in the weights file's order: is it a complaint, one per category (that one against the rest), and is it
 * about the tax authority's work at all (relevance).
 */
export const COMPLAINT_HEADS = ['complaint', ...CATEGORIES, 'relevant'] as const;
const RELEVANT_HEAD = COMPLAINT_HEADS.length - 1;
/** The chars head's int16 weights follow the heads' in the weights file: in the tone model's trigram buckets, 2^18. */
export const CHARS_BITS = TRIGRAM_BITS;
export const CHARS_DIM = TRIGRAM_DIM;
/** How many int16 weights a complaint model file holds: the heads, then the chars head. */
export const COMPLAINT_WEIGHTS = COMPLAINT_HEADS.length * COMPLAINT_DIM + CHARS_DIM;

/**
 * The complaint head's second reading: a logistic regression over the character pairs and trigrams of the document
 * text (chars.features.ts), fitted on the same labels. Its logit and the words head's are mixed:
 * (1 − mix) × words + mix × chars.
 */
export interface CharsHead {
  bits: number;
  bias: number;
  /** weight = int16 × quantum. */
  quantum: number;
  mix: number;
}

export interface AlertFigures {
  items: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of the alert cases whose primary category is right. */
  alertCategory: number;
}

export interface ComplaintModelManifest {
  format: typeof COMPLAINT_MODEL_FORMAT;
  /** `complaint-` and 8 hex digits of the SHA-256 of the weights' checksum and categoryWeight (complaintVersion). */
  version: string;
  weightsFile: string;
  weightsSha256: string;
  hashBits: number;
  dense: number;
  /** COMPLAINT_HEADS. */
  heads: string[];
  bias: number[];
  /** Per head: weight = int16 × quantum. */
  quantum: number[];
  /** The category heads' softmax, times this, is added to the cue words' category scores. */
  categoryWeight: number;
  chars: CharsHead;
  rulesVersion: string;
  training: Record<string, unknown>;
  /** On cases never trained on, without the model and with it: alert figures, category of the alerts. */
  measured: Record<string, { rulesOnly: AlertFigures; withModel: AlertFigures }>;
}

/**
 * Is a relevant item a negative opinion aimed at the tax authority (an alert), and of which category? Logistic
 * regressions (heads) over the tone model's words features (tone.features.ts: jieba words and pairs, character pairs,
 * lexicon terms with the polarity the rules gave them, the rule stages' outputs), fitted on the team's labelled domain
 * cases instead of sentiment corpora (complaint.trainer.ts); the complaint head's logit is mixed with a chars head's
 * (character pairs and trigrams, CharsHead). The target stage adds the complaint margin's vote to the rules'
 * margin, the category stage the category heads' votes to the cue words' scores: the rules were written from a few
 * hundred cases and fit them; the model weighs thousands of cues at once and carried to cases nobody here had read.
 */
export class ComplaintModel {
  private readonly own = new FeatureBuffer();
  private readonly heads: Int16Array[];
  private readonly dense: Float64Array[];
  /**
   * The category heads interleaved (bucket × category) as int8: the eight weights of one feature are 8 adjacent bytes,
   * one random read a feature instead of eight, and the 512 KB table stays in cache far better than 1 MB of int16 did
   * (the votes' share of a profile 6.8 % → 3.6 %). A vote needs no more than 8 bits: the held-out figures stayed equal.
   */
  private readonly interleaved: Int8Array;
  private readonly step8: number[];
  private readonly sums = new Float64Array(CATEGORIES.length);
  private readonly z = new Float64Array(CATEGORIES.length);
  private readonly chars: Int16Array;

  constructor(
    readonly manifest: ComplaintModelManifest,
    weights: Int16Array,
  ) {
    this.heads = manifest.heads.map((_, h) => weights.subarray(h * COMPLAINT_DIM, (h + 1) * COMPLAINT_DIM));
    const charsAt = manifest.heads.length * COMPLAINT_DIM;
    this.chars = weights.subarray(charsAt, charsAt + CHARS_DIM);
    this.dense = this.heads.map((w, h) =>
      Float64Array.from(w.subarray(0, DENSE), (q) => q * manifest.quantum[h]),
    );
    const k = CATEGORIES.length;
    this.interleaved = new Int8Array(COMPLAINT_DIM * k);
    this.step8 = CATEGORIES.map((_, c) => {
      const w = this.heads[c + 1];
      let max = 0;
      for (let i = DENSE; i < COMPLAINT_DIM; i++) max = Math.max(max, Math.abs(w[i]));
      const per = max > 0 ? max / 127 : 1; // int16 units per int8 step
      for (let i = 0; i < COMPLAINT_DIM; i++) this.interleaved[i * k + c] = Math.round(w[i] / per);
      return per * manifest.quantum[c + 1];
    });
  }

  get version(): string {
    return this.manifest.version;
  }

  /**
   * Log-odds that the item is a complaint about the authority. `features`: the tone model's of this document (its
   * lastFeatures()), so they are not computed twice; without them they are computed from the rule tone, which must
   * not yet carry the tone model's verdict (the features read the rules' own).
   */
  margin(doc: Doc, tone: ToneResult, features?: FeatureBuffer): number {
    const { mix } = this.manifest.chars;
    const words = this.logit(0, features ?? this.features(doc, tone));
    return mix > 0 ? (1 - mix) * words + mix * this.charsLogit(doc.text) : words;
  }

  /** The chars head's log-odds: bias + Σ weights of the text's character pairs and trigrams × 1/√n. */
  charsLogit(text: string): number {
    const { bias, quantum } = this.manifest.chars;
    const n = charGramCount(text.length);
    return n ? bias + (charGramSum(text, this.chars) * quantum) / Math.sqrt(n) : bias;
  }

  /**
   * Log-odds that the item is about the tax authority's work (the relevance head). Read before the tone model's
   * verdict or after it alike: the features carry the rule tone only.
   */
  relevanceMargin(doc: Doc, tone: ToneResult, features?: FeatureBuffer): number {
    return this.logit(RELEVANT_HEAD, features ?? this.features(doc, tone));
  }

  /**
   * categoryWeight × the softmax of the category heads, for categorise()'s votes; `features` as for margin(). Rounded
   * to 10⁻⁴ as the category prior's votes are: float noise must not break a tie of cue scores.
   */
  categoryVotes(doc: Doc, tone: ToneResult, features?: FeatureBuffer): Partial<Record<Category, number>> {
    const f = features ?? this.features(doc, tone);
    const s = this.headSums(f);
    const { bias } = this.manifest;
    const k = CATEGORIES.length;
    // Loops, not map/reduce/spread: the same values in the same order (exp, then the sum from 0 in category order),
    // without four arrays and closures an item.
    const z = this.z;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let v = bias[c + 1] + s[c] * this.step8[c] * f.scale;
      const d = this.dense[c + 1];
      for (let i = 0; i < DENSE; i++) v += d[i] * f.dense[i];
      z[c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
    const out: Partial<Record<Category, number>> = {};
    for (let c = 0; c < k; c++)
      out[CATEGORIES[c]] = Math.round((1e4 * this.manifest.categoryWeight * z[c]) / sum) / 1e4;
    return out;
  }

  /**
   * Σ int8 weights per category head over the hashed features. Eight running sums in locals (registers), not in a
   * Float64Array: 8 loads and stores a feature fewer (with categoryVotes' loops: 7.5 → 3.2 µs an item). Integer
   * sums, exact in any order.
   */
  private headSums(f: FeatureBuffer): Float64Array {
    const s = this.sums.fill(0);
    const w = this.interleaved;
    const h = f.hashed;
    const k = CATEGORIES.length;
    if (k !== 8) {
      for (let i = 0; i < f.count; i++) {
        const base = (DENSE + ((h[i] - DENSE) & FOLD)) * k;
        for (let c = 0; c < k; c++) s[c] += w[base + c];
      }
      return s;
    }
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0;
    for (let i = 0; i < f.count; i++) {
      const b = (DENSE + ((h[i] - DENSE) & FOLD)) * 8;
      s0 += w[b];
      s1 += w[b + 1];
      s2 += w[b + 2];
      s3 += w[b + 3];
      s4 += w[b + 4];
      s5 += w[b + 5];
      s6 += w[b + 6];
      s7 += w[b + 7];
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    s[4] = s4;
    s[5] = s5;
    s[6] = s6;
    s[7] = s7;
    return s;
  }

  /** The words features of a document and its rule tone, in this model's own buffer (when no tone model gives them). */
  features(doc: Doc, tone: ToneResult): FeatureBuffer {
    toneFeatures(doc, tone, this.own);
    return this.own;
  }

  private logit(head: number, f: FeatureBuffer): number {
    const w = this.heads[head];
    const d = this.dense[head];
    let z = this.manifest.bias[head];
    for (let i = 0; i < DENSE; i++) z += d[i] * f.dense[i];
    const h = f.hashed;
    let s = 0;
    for (let i = 0; i < f.count; i++) s += w[DENSE + ((h[i] - DENSE) & FOLD)];
    return z + s * this.manifest.quantum[head] * f.scale;
  }
}

/** What the target stage adds to its margin for a model margin `m` (> 0: a complaint): weighted, within the cap. */
export function complaintVote(m: number): number {
  return TARGET.learnedWeight * Math.max(-TARGET.learnedCap, Math.min(TARGET.learnedCap, m));
}
