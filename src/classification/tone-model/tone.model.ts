import type { Doc } from '../document';
import type { ToneResult } from '../tone.scorer';
import { DENSE, FeatureBuffer, toneFeatures } from './tone.features';

/** What `classifier:train-tone` records beside the weights (config/models/<name>.json). */
export interface ToneModelManifest {
  format: 'yuqing-tone-model/1';
  /** `tone-` and the first 8 hex digits of the weights' SHA-256: the same training gives the same version. */
  version: string;
  /** The .bin file beside the manifest: int16 weights, little-endian. */
  weightsFile: string;
  weightsSha256: string;
  dim: number;
  hashBits: number;
  dense: number;
  /** weight = int16 × quantum. */
  quantum: number;
  bias: number;
  /** Log-odds at or above which an item is negative (chosen on the development split). */
  threshold: number;
  rulesVersion: string;
  /** Training files, rows used per split, and options. */
  training: Record<string, unknown>;
  /** Negative-class figures on the held-apart split of each file (never used for training or the threshold). */
  heldApart: Record<string, { items: number; precision: number; recall: number; f1: number }>;
}

/** Scratch features for prediction (classification is synchronous: one buffer per process). */
const SCRATCH = new FeatureBuffer();

/**
 * The learned tone decision: a logistic regression over words, character pairs and the rule stages' outputs. The
 * weights stay int16 in memory (2 MB, not 4 MB as floats): the sum reads ~600 random buckets per item and each cache
 * miss avoided is worth more than the one multiplication by the quantum at the end.
 */
export class ToneModel {
  private readonly dense: Float64Array;

  constructor(
    readonly manifest: ToneModelManifest,
    readonly weights: Int16Array,
  ) {
    this.dense = Float64Array.from(weights.subarray(0, DENSE), (q) => q * manifest.quantum);
  }

  get version(): string {
    return this.manifest.version;
  }

  /** Log-odds that the text is negative, minus the threshold: ≥ 0 means negative. */
  margin(doc: Doc, tone: ToneResult): number {
    toneFeatures(doc, tone, SCRATCH);
    return this.logit(SCRATCH) - this.manifest.threshold;
  }

  logit(f: FeatureBuffer): number {
    let z = this.manifest.bias;
    for (let i = 0; i < DENSE; i++) z += this.dense[i] * f.dense[i];
    const w = this.weights;
    const h = f.hashed;
    let s = 0; // an exact integer sum
    for (let i = 0; i < f.count; i++) s += w[h[i]];
    return z + s * this.manifest.quantum * f.scale;
  }

  /** Weight of bucket i (as trained, within half a quantum). */
  weight(i: number): number {
    return this.weights[i] * this.manifest.quantum;
  }
}
