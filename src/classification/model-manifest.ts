import { existsSync, readFileSync } from 'node:fs';

/**
 * The part every model loader shares (tone, category prior, complaint model): the manifest at `path` must exist, be
 * JSON and carry this build's `format`; otherwise `fail` names the file's problem and the command that writes it
 * (start-up stops with that message: the service never guesses with a model it cannot read). The loader checks the
 * rest, which differs per model.
 */
export function readManifest<T extends { format: string }>(
  path: string,
  format: string,
  command: string,
  fail: (why: string) => never,
): T {
  if (!existsSync(path)) fail(`file not found (train one with ${command})`);
  let m: T;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    return fail(`cannot read the manifest (not JSON: ${(e as Error).message})`);
  }
  if (m?.format !== format)
    fail(
      `unknown format ${JSON.stringify(m?.format)} (this build reads ${format}; retrain it with ${command})`,
    );
  return m;
}

const INT16_MAX = 32767;

/**
 * Writes `weights` into `out` from `at` as int16 steps of max|w| / 32767 (the largest weight maps to ±32767) and
 * returns the step, the quantum the manifest records (weight = int16 × quantum). The tone and complaint model files
 * store their weights so: half the size of float32, and the rounding moves a log-odds by far less than any threshold
 * step.
 */
export function quantizeInto(weights: Float32Array, out: Int16Array, at = 0): number {
  let max = 0;
  for (const x of weights) max = Math.max(max, Math.abs(x));
  const quantum = max > 0 ? max / INT16_MAX : 1;
  for (let i = 0; i < weights.length; i++) out[at + i] = Math.round(weights[i] / quantum);
  return quantum;
}
