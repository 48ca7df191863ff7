import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DENSE, DIM, HASH_BITS, TRIGRAM_BITS, TRIGRAM_DIM } from './tone.features';
import type { LogisticModel } from './logistic';
import { quantizeInto, readManifest } from '../model-manifest';
import { TONE_MODEL_FORMAT, ToneModel, ToneModelManifest } from './tone.model';

/** A tone model file that cannot be used: start-up stops with this message (the service never guesses a tone). */
export class ToneModelFileError extends Error {}

/**
 * Writes `<path>` (JSON manifest) and the int16 weights of both parts beside it (`<name>.bin`, words then chars).
 * int16 with one quantum per part halves the file (2.5 MB for 2^20 + 2^18 buckets); the rounding moves a log-odds by
 * far less than any threshold step.
 */
export function saveToneModel(
  path: string,
  weights: { words: LogisticModel; chars: LogisticModel },
  fields: Omit<
    ToneModelManifest,
    | 'format'
    | 'version'
    | 'weightsFile'
    | 'weightsSha256'
    | 'dim'
    | 'hashBits'
    | 'charsDim'
    | 'charsHashBits'
    | 'dense'
    | 'parts'
  >,
): ToneModel {
  if (weights.words.weights.length !== DIM || weights.chars.weights.length !== TRIGRAM_DIM)
    throw new ToneModelFileError(`tone model ${path}: the parts must have ${DIM} and ${TRIGRAM_DIM} weights`);
  const all = new Int16Array(DIM + TRIGRAM_DIM);
  const wordsQuantum = quantizeInto(weights.words.weights, all);
  const charsQuantum = quantizeInto(weights.chars.weights, all, DIM);
  const bytes = Buffer.from(all.buffer, all.byteOffset, all.byteLength);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const weightsFile = `${basename(path).replace(/\.json$/, '')}.bin`;
  const parts = {
    words: { bias: weights.words.bias, quantum: wordsQuantum },
    chars: { bias: weights.chars.bias, quantum: charsQuantum },
  };
  // The version names the decision, not only the weights: the same weights with another mix or threshold (chosen on
  // other development rows) decide differently, and every stored classification names the model that decided it.
  const decision = JSON.stringify({
    weightsSha256: sha,
    parts,
    mix: fields.mix,
    threshold: fields.threshold,
  });
  const manifest: ToneModelManifest = {
    format: TONE_MODEL_FORMAT,
    version: `tone-${createHash('sha256').update(decision).digest('hex').slice(0, 8)}`,
    weightsFile,
    weightsSha256: sha,
    dim: DIM,
    hashBits: HASH_BITS,
    charsDim: TRIGRAM_DIM,
    charsHashBits: TRIGRAM_BITS,
    dense: DENSE,
    parts,
    ...fields,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(join(dirname(path), weightsFile), bytes);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return new ToneModel(manifest, all.subarray(0, DIM), all.subarray(DIM));
}

/** Reads and checks a model written by saveToneModel; any mismatch is a ToneModelFileError naming the file. */
export function loadToneModel(path: string): ToneModel {
  const fail = (why: string): never => {
    throw new ToneModelFileError(`tone model ${path}: ${why}`);
  };
  const manifest = readManifest<ToneModelManifest>(path, TONE_MODEL_FORMAT, 'classifier:train-tone', fail);
  const shape = (m: Partial<ToneModelManifest>) =>
    [m.dim, m.hashBits, m.charsDim, m.charsHashBits, m.dense].join('/');
  const build = [DIM, HASH_BITS, TRIGRAM_DIM, TRIGRAM_BITS, DENSE].join('/');
  if (shape(manifest) !== build)
    fail(`features ${shape(manifest)} do not match this build (${build}); retrain it`);
  const { words, chars } = manifest.parts ?? {};
  const numbers = [
    words?.bias,
    words?.quantum,
    chars?.bias,
    chars?.quantum,
    manifest.threshold,
    manifest.mix,
  ];
  if (!numbers.every(Number.isFinite) || manifest.mix < 0 || manifest.mix > 1)
    fail('a bias, quantum, threshold or mix is missing or not a number');
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dirname(path), basename(manifest.weightsFile)));
  } catch (e) {
    return fail(`cannot read the weights (${(e as Error).message})`);
  }
  const size = (DIM + TRIGRAM_DIM) * 2;
  if (bytes.length !== size) fail(`weights file has ${bytes.length} bytes, expected ${size}`);
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.weightsSha256)
    fail('weights file does not match the checksum in the manifest');
  // One copy into an aligned buffer; the file is little-endian, as every host this runs on (x86-64, arm64).
  const q = new Int16Array(DIM + TRIGRAM_DIM);
  new Uint8Array(q.buffer).set(bytes);
  return new ToneModel(manifest, q.subarray(0, DIM), q.subarray(DIM));
}
