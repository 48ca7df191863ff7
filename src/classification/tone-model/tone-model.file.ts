import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DENSE, DIM, HASH_BITS } from './tone.features';
import { ToneModel, ToneModelManifest } from './tone.model';

/** A tone model file that cannot be used: start-up stops with this message (the service never guesses a tone). */
export class ToneModelFileError extends Error {}

const INT16_MAX = 32767;

/**
 * Writes `<path>` (JSON manifest) and the int16 weights beside it (`<name>.bin`). int16 with one quantum halves the
 * file (2 MB for 2^20 buckets); the rounding moves a log-odds by far less than any threshold step.
 */
export function saveToneModel(
  path: string,
  weights: Float32Array,
  fields: Omit<
    ToneModelManifest,
    'format' | 'version' | 'weightsFile' | 'weightsSha256' | 'dim' | 'hashBits' | 'dense' | 'quantum'
  >,
): ToneModel {
  let max = 0;
  for (const x of weights) max = Math.max(max, Math.abs(x));
  const quantum = max > 0 ? max / INT16_MAX : 1;
  const q = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] / quantum);
  const bytes = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const weightsFile = `${basename(path).replace(/\.json$/, '')}.bin`;
  const manifest: ToneModelManifest = {
    format: 'yuqing-tone-model/1',
    version: `tone-${sha.slice(0, 8)}`,
    weightsFile,
    weightsSha256: sha,
    dim: weights.length,
    hashBits: HASH_BITS,
    dense: DENSE,
    quantum,
    ...fields,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(join(dirname(path), weightsFile), bytes);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return new ToneModel(manifest, q);
}

/** Reads and checks a model written by saveToneModel; any mismatch is a ToneModelFileError naming the file. */
export function loadToneModel(path: string): ToneModel {
  const fail = (why: string): never => {
    throw new ToneModelFileError(`tone model ${path}: ${why}`);
  };
  if (!existsSync(path)) fail('file not found (train one with classifier:train-tone)');
  let manifest: ToneModelManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as ToneModelManifest;
  } catch (e) {
    return fail(`cannot read the manifest (${(e as Error).message})`);
  }
  if (manifest?.format !== 'yuqing-tone-model/1') fail(`unknown format ${JSON.stringify(manifest?.format)}`);
  if (manifest.dim !== DIM || manifest.hashBits !== HASH_BITS || manifest.dense !== DENSE)
    fail(
      `features ${manifest.dim}/${manifest.hashBits}/${manifest.dense} do not match this build (${DIM}/${HASH_BITS}/${DENSE}); retrain it`,
    );
  if (![manifest.quantum, manifest.bias, manifest.threshold].every(Number.isFinite))
    fail('bias, threshold or quantum is not a number');
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dirname(path), basename(manifest.weightsFile)));
  } catch (e) {
    return fail(`cannot read the weights (${(e as Error).message})`);
  }
  if (bytes.length !== DIM * 2) fail(`weights file has ${bytes.length} bytes, expected ${DIM * 2}`);
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.weightsSha256)
    fail('weights file does not match the checksum in the manifest');
  // One copy into an aligned buffer; the file is little-endian, as every host this runs on (x86-64, arm64).
  const q = new Int16Array(DIM);
  new Uint8Array(q.buffer).set(bytes);
  return new ToneModel(manifest, q);
}
