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

/** The learned tone decision: a logistic regression over words, character pairs and the rule stages' outputs. */
export class ToneModel {
  constructor(
    readonly manifest: ToneModelManifest,
    readonly weights: Float32Array,
  ) {}

  get version(): string {
    return this.manifest.version;
  }

  /** Log-odds that the text is negative, minus the threshold: ≥ 0 means negative. */
  margin(doc: Doc, tone: ToneResult): number {
    toneFeatures(doc, tone, SCRATCH);
    return this.logit(SCRATCH) - this.manifest.threshold;
  }

  logit(f: FeatureBuffer): number {
    const w = this.weights;
    let z = this.manifest.bias;
    for (let i = 0; i < DENSE; i++) z += w[i] * f.dense[i];
    let s = 0;
    const h = f.hashed;
    for (let i = 0; i < f.count; i++) s += w[h[i]];
    return z + s * f.scale;
  }
}
