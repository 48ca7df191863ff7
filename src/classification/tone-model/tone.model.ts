import type { Doc } from '../text/document';
import type { ToneResult } from '../rules/tone.scorer';
import {
  bucketSum,
  charTrigramBuckets,
  charTrigramCount,
  DENSE,
  FeatureBuffer,
  toneFeatures,
} from './tone.features';

export const TONE_MODEL_FORMAT = 'yuqing-tone-model/2';

/** One of the two logistic regressions (tone.ensemble.ts): its bias and its int16 step. */
export interface ToneModelPart {
  bias: number;
  /** weight = int16 × quantum. */
  quantum: number;
}

/** What `classifier:train-tone` records beside the weights (config/models/<name>.json). */
export interface ToneModelManifest {
  format: typeof TONE_MODEL_FORMAT;
  /**
   * `tone-` and the first 8 hex digits of the SHA-256 of the decision (the weights' checksum, each part's bias and
   * step, the mix and the threshold): the same training gives the same version, another threshold another one.
   */
  version: string;
  /** The .bin file beside the manifest: int16 weights, little-endian, the words part's `dim`, then `charsDim`. */
  weightsFile: string;
  weightsSha256: string;
  /** Weights of the words part, and of the chars part (`charsDim`). */
  dim: number;
  charsDim: number;
  charsHashBits: number;
  hashBits: number;
  dense: number;
  parts: { words: ToneModelPart; chars: ToneModelPart };
  /** Weight of the words part's log-odds (the chars part gets 1 − mix), chosen on the development split. */
  mix: number;
  /** Log-odds of the mix at or above which an item is negative (chosen on the development split). */
  threshold: number;
  rulesVersion: string;
  /** Training files, rows used per split, and options. */
  training: Record<string, unknown>;
  /** Negative-class figures on the held-apart split of each file (never used for training or the threshold). */
  heldApart: Record<string, { items: number; precision: number; recall: number; f1: number }>;
}

/** Scratch features for prediction (classification is synchronous: one buffer per process). */
const WORDS = new FeatureBuffer();

/**
 * The learned tone decision: two logistic regressions, one over words, character pairs and the rule stages' outputs,
 * one over character trigrams, their log-odds mixed (tone.ensemble.ts). The weights stay int16 in memory (2 MB and
 * 0.5 MB, not twice that as floats): each sum reads hundreds of random buckets and each cache miss avoided is worth
 * more than the one multiplication by the quantum at the end.
 */
export class ToneModel {
  private readonly dense: Float64Array;

  constructor(
    readonly manifest: ToneModelManifest,
    /** The words part's weights (dense slots first), then the chars part's. */
    readonly words: Int16Array,
    readonly chars: Int16Array,
  ) {
    this.dense = Float64Array.from(words.subarray(0, DENSE), (q) => q * manifest.parts.words.quantum);
  }

  get version(): string {
    return this.manifest.version;
  }

  /** Log-odds that the text is negative, minus the threshold: ≥ 0 means negative. */
  margin(doc: Doc, tone: ToneResult): number {
    toneFeatures(doc, tone, WORDS);
    // The chars part from the shared trigram buckets (the complaint model's chars head reads them again, unhashed).
    const n = charTrigramCount(doc.text.length);
    const chars = this.charsFrom(
      bucketSum(charTrigramBuckets(doc.text), n, this.chars),
      n ? 1 / Math.sqrt(n) : 0,
    );
    return this.mixed(this.wordsLogit(WORDS), chars) - this.manifest.threshold;
  }

  /**
   * The words features the last margin() call computed (the document and its rule tone): the complaint model reads
   * them instead of computing them again. Overwritten by the next call.
   */
  lastFeatures(): FeatureBuffer {
    return WORDS;
  }

  /** Log-odds of the mix for features in buffers (as training and evaluation see them). */
  logit(words: FeatureBuffer, chars: FeatureBuffer): number {
    return this.mixed(this.wordsLogit(words), this.charsFrom(sum(this.chars, chars), chars.scale));
  }

  private wordsLogit(f: FeatureBuffer): number {
    const { words } = this.manifest.parts;
    let z = words.bias;
    for (let i = 0; i < DENSE; i++) z += this.dense[i] * f.dense[i];
    return z + sum(this.words, f) * words.quantum * f.scale;
  }

  private charsFrom(intSum: number, scale: number): number {
    const { chars } = this.manifest.parts;
    return chars.bias + intSum * chars.quantum * scale;
  }

  private mixed(words: number, chars: number): number {
    const { mix } = this.manifest;
    return mix * words + (1 - mix) * chars;
  }

  /** Weight of bucket i of a part (as trained, within half a quantum). */
  weight(part: 'words' | 'chars', i: number): number {
    return this[part][i] * this.manifest.parts[part].quantum;
  }
}

/** An exact integer sum of the int16 weights of the hashed features. */
function sum(w: Int16Array, f: FeatureBuffer): number {
  const h = f.hashed;
  let s = 0;
  for (let i = 0; i < f.count; i++) s += w[h[i]];
  return s;
}
