import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LogisticModel } from '../tone-model/logistic';
import { DENSE } from '../tone-model/tone.features';
import { quantizeInto, readManifest } from '../model-manifest';
import {
  CHARS_BITS,
  CHARS_DIM,
  COMPLAINT_BITS,
  COMPLAINT_DIM,
  COMPLAINT_HEADS,
  COMPLAINT_MODEL_FORMAT,
  COMPLAINT_WEIGHTS,
  ComplaintModel,
  ComplaintModelManifest,
} from './complaint.model';

/** A complaint model file that cannot be used: start-up stops with this message. */
export class ComplaintModelFileError extends Error {}

/**
 * `complaint-` and 8 hex digits of the SHA-256 of the decision: the weights' checksum, the category heads' weight and
 * the chars head's mix. Both change what the classifier decides, so a retune with the same weights is another version.
 */
export function complaintVersion(weightsSha256: string, categoryWeight: number, charsMix: number): string {
  const sha = createHash('sha256').update(`${weightsSha256}|${categoryWeight}|${charsMix}`).digest('hex');
  return `complaint-${sha.slice(0, 8)}`;
}

/**
 * Writes `<path>` (JSON manifest) and the int16 weights beside it (`<name>.bin`): the heads in COMPLAINT_HEADS order,
 * then the chars head (its logit mixed into the complaint head's at `chars.mix`).
 */
export function saveComplaintModel(
  path: string,
  models: LogisticModel[],
  chars: { model: LogisticModel; mix: number },
  fields: Pick<ComplaintModelManifest, 'rulesVersion' | 'training' | 'measured' | 'categoryWeight'>,
): ComplaintModel {
  if (
    models.length !== COMPLAINT_HEADS.length ||
    models.some((m) => m.weights.length !== COMPLAINT_DIM) ||
    chars.model.weights.length !== CHARS_DIM
  )
    throw new ComplaintModelFileError(
      `complaint model ${path}: expected ${COMPLAINT_HEADS.length} heads of ${COMPLAINT_DIM} weights and a chars head of ${CHARS_DIM}`,
    );
  const q = new Int16Array(COMPLAINT_WEIGHTS);
  const quantum = models.map((m, h) => quantizeInto(m.weights, q, h * COMPLAINT_DIM));
  const charsQuantum = quantizeInto(chars.model.weights, q, models.length * COMPLAINT_DIM);
  const bytes = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const manifest: ComplaintModelManifest = {
    format: COMPLAINT_MODEL_FORMAT,
    version: complaintVersion(sha, fields.categoryWeight, chars.mix),
    weightsFile: `${basename(path).replace(/\.json$/, '')}.bin`,
    weightsSha256: sha,
    hashBits: COMPLAINT_BITS,
    dense: DENSE,
    heads: [...COMPLAINT_HEADS],
    bias: models.map((m) => m.bias),
    quantum,
    chars: { bits: CHARS_BITS, bias: chars.model.bias, quantum: charsQuantum, mix: chars.mix },
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
  const m = readManifest<ComplaintModelManifest>(
    path,
    COMPLAINT_MODEL_FORMAT,
    'classifier:train-complaint',
    fail,
  );
  if (
    m.hashBits !== COMPLAINT_BITS ||
    m.chars?.bits !== CHARS_BITS ||
    m.dense !== DENSE ||
    JSON.stringify(m.heads) !== JSON.stringify(COMPLAINT_HEADS)
  )
    fail(
      `features or heads do not match this build (${COMPLAINT_BITS} bits, chars ${CHARS_BITS} bits, ${DENSE} dense, ${COMPLAINT_HEADS}); retrain it`,
    );
  const n = COMPLAINT_HEADS.length;
  const { chars } = m;
  const numbers = [
    ...(m.bias ?? []),
    ...(m.quantum ?? []),
    m.categoryWeight,
    chars.bias,
    chars.quantum,
    chars.mix,
  ];
  if (m.bias?.length !== n || m.quantum?.length !== n || !numbers.every(Number.isFinite))
    fail('a bias, quantum, the category weight or the chars head is missing or not a number');
  if (chars.mix < 0 || chars.mix > 1) fail(`the chars head's mix ${chars.mix} is not within 0 … 1`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dirname(path), basename(String(m.weightsFile))));
  } catch (e) {
    return fail(`cannot read the weights (${(e as Error).message})`);
  }
  const size = COMPLAINT_WEIGHTS * 2;
  if (bytes.length !== size) fail(`weights file has ${bytes.length} bytes, expected ${size}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== m.weightsSha256 || m.version !== complaintVersion(sha, m.categoryWeight, chars.mix))
    fail('weights file does not match the checksum and version in the manifest');
  // One copy into an aligned buffer; the file is little-endian, as every host this runs on (x86-64, arm64).
  const q = new Int16Array(COMPLAINT_WEIGHTS);
  new Uint8Array(q.buffer).set(bytes);
  return new ComplaintModel(m, q);
}
