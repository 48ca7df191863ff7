import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Doc } from '../document';
import { TARGET } from '../rules.params';
import type { ToneResult } from '../tone.scorer';
import type { LogisticModel } from '../tone-model/logistic';
import { DENSE, FeatureBuffer, toneFeatures } from '../tone-model/tone.features';

export const COMPLAINT_MODEL_FORMAT = 'yuqing-complaint-model/1';
/**
 * Buckets of the hashed features, folded from the tone model's 2^20 (the low bits of the same hash): a few thousand
 * cases use far fewer, and 128 KB of int16 stays in cache beside the tone model's 2.5 MB (the full size cost 40 µs an
 * item, this ~5). Measured on the dev halves, each scored by a model trained without it: 2^16 as good as 2^20, 2^14
 * lower.
 */
export const COMPLAINT_BITS = 16;
export const COMPLAINT_DIM = DENSE + (1 << COMPLAINT_BITS);
const FOLD = (1 << COMPLAINT_BITS) - 1;

/** A hashed feature index of the tone features (tone.features.ts) in the complaint model's folded space. */
export const foldIndex = (i: number): number => (i < DENSE ? i : DENSE + ((i - DENSE) & FOLD));

export interface ComplaintModelManifest {
  format: typeof COMPLAINT_MODEL_FORMAT;
  /** `complaint-` and the first 8 hex digits of the weights' SHA-256. */
  version: string;
  weightsFile: string;
  weightsSha256: string;
  hashBits: number;
  dense: number;
  bias: number;
  /** weight = int16 × quantum. */
  quantum: number;
  rulesVersion: string;
  training: Record<string, unknown>;
  /** Alert figures on cases never trained on, without the model and with it. */
  measured: Record<string, { rulesOnly: AlertFigures; withModel: AlertFigures }>;
}

export interface AlertFigures {
  items: number;
  precision: number;
  recall: number;
  f1: number;
}

/** A complaint model file that cannot be used: start-up stops with this message. */
export class ComplaintModelFileError extends Error {}

/**
 * Is a relevant item a negative opinion aimed at the tax authority (an alert)? A logistic regression over the tone
 * model's words features (tone.features.ts: jieba words and pairs, character pairs, lexicon terms with the polarity
 * the rules gave them, the rule stages' outputs), fitted on the team's labelled domain cases instead of sentiment
 * corpora (complaint.trainer.ts). The target stage adds its vote to the rules' margin: the rules were written from a
 * few hundred cases and fit them; the model weighs thousands of cues at once and carried to cases nobody here had read.
 */
export class ComplaintModel {
  private readonly own = new FeatureBuffer();
  private readonly dense: Float64Array;

  constructor(
    readonly manifest: ComplaintModelManifest,
    private readonly weights: Int16Array,
  ) {
    this.dense = Float64Array.from(weights.subarray(0, DENSE), (q) => q * manifest.quantum);
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
    let f = features;
    if (!f) toneFeatures(doc, tone, (f = this.own));
    const w = this.weights;
    let z = this.manifest.bias;
    for (let i = 0; i < DENSE; i++) z += this.dense[i] * f.dense[i];
    const h = f.hashed;
    let s = 0;
    for (let i = 0; i < f.count; i++) s += w[DENSE + ((h[i] - DENSE) & FOLD)];
    return z + s * this.manifest.quantum * f.scale;
  }
}

/** What the target stage adds to its margin for a model margin `m` (> 0: a complaint): weighted, within the cap. */
export function complaintVote(m: number): number {
  return TARGET.learnedWeight * Math.max(-TARGET.learnedCap, Math.min(TARGET.learnedCap, m));
}

const INT16_MAX = 32767;

/** Writes `<path>` (JSON manifest) and the int16 weights beside it (`<name>.bin`). */
export function saveComplaintModel(
  path: string,
  model: LogisticModel,
  fields: Pick<ComplaintModelManifest, 'rulesVersion' | 'training' | 'measured'>,
): ComplaintModel {
  if (model.weights.length !== COMPLAINT_DIM)
    throw new ComplaintModelFileError(`complaint model ${path}: expected ${COMPLAINT_DIM} weights`);
  let max = 0;
  for (const x of model.weights) max = Math.max(max, Math.abs(x));
  const quantum = max > 0 ? max / INT16_MAX : 1;
  const q = Int16Array.from(model.weights, (x) => Math.round(x / quantum));
  const bytes = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const manifest: ComplaintModelManifest = {
    format: COMPLAINT_MODEL_FORMAT,
    version: `complaint-${sha.slice(0, 8)}`,
    weightsFile: `${basename(path).replace(/\.json$/, '')}.bin`,
    weightsSha256: sha,
    hashBits: COMPLAINT_BITS,
    dense: DENSE,
    bias: model.bias,
    quantum,
    ...fields,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(join(dirname(path), manifest.weightsFile), bytes);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return new ComplaintModel(manifest, q);
}

/** Reads and checks a model written by saveComplaintModel; any mismatch is a ComplaintModelFileError naming the file. */
export function loadComplaintModel(path: string): ComplaintModel {
  const fail = (why: string): never => {
    throw new ComplaintModelFileError(`complaint model ${path}: ${why}`);
  };
  if (!existsSync(path)) fail('file not found (train one with classifier:train-complaint)');
  let m: ComplaintModelManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as ComplaintModelManifest;
  } catch (e) {
    return fail(`cannot read the manifest (${(e as Error).message})`);
  }
  if (m?.format !== COMPLAINT_MODEL_FORMAT)
    fail(
      `unknown format ${JSON.stringify(m?.format)} (this build reads ${COMPLAINT_MODEL_FORMAT}; retrain it)`,
    );
  if (m.hashBits !== COMPLAINT_BITS || m.dense !== DENSE)
    fail(
      `features ${m.hashBits}/${m.dense} do not match this build (${COMPLAINT_BITS}/${DENSE}); retrain it`,
    );
  if (![m.bias, m.quantum].every(Number.isFinite)) fail('the bias or quantum is missing or not a number');
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dirname(path), basename(String(m.weightsFile))));
  } catch (e) {
    return fail(`cannot read the weights (${(e as Error).message})`);
  }
  if (bytes.length !== COMPLAINT_DIM * 2)
    fail(`weights file has ${bytes.length} bytes, expected ${COMPLAINT_DIM * 2}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== m.weightsSha256 || m.version !== `complaint-${sha.slice(0, 8)}`)
    fail('weights file does not match the checksum and version in the manifest');
  const q = new Int16Array(COMPLAINT_DIM);
  new Uint8Array(q.buffer).set(bytes);
  return new ComplaintModel(m, q);
}
