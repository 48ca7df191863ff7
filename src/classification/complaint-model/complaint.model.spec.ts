import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docOf, projectClassifier } from '../classification.spec-support';
import { TARGET } from '../rules/rules.params';
import { scoreTone } from '../rules/tone.scorer';
import { DENSE, FeatureBuffer, toneFeatures } from '../tone-model/tone.features';
import { CATEGORIES } from '../classification.types';
import { charTrigramFeatures, trigramBuffer } from '../tone-model/tone.features';
import { charGramCount, charGramFeatures, charGramSum } from './chars.features';
import { CHARS_DIM, COMPLAINT_DIM, COMPLAINT_HEADS, complaintVote, foldIndex } from './complaint.model';
import {
  ComplaintModelFileError,
  complaintVersion,
  loadComplaintModel,
  saveComplaintModel,
} from './complaint-model.file';

/**
 * A model whose head h has weights `weights(i, h)` and bias `bias(h)`, and whose chars head has weights `chars(i)`,
 * bias 0.5 and the share `mix` of the complaint margin.
 */
function written(
  weights: (i: number, h: number) => number,
  bias = (h: number) => 0.25 * h,
  chars = (i: number) => ((i * 104729) % 17) / 17 - 0.5,
  mix = 0,
) {
  const dir = mkdtempSync(join(tmpdir(), 'complaint-model-'));
  const path = join(dir, 'complaint.json');
  const model = saveComplaintModel(
    path,
    COMPLAINT_HEADS.map((_, h) => ({
      weights: Float32Array.from({ length: COMPLAINT_DIM }, (_, i) => weights(i, h)),
      bias: bias(h),
    })),
    { model: { weights: Float32Array.from({ length: CHARS_DIM }, (_, i) => chars(i)), bias: 0.5 }, mix },
    { rulesVersion: 'test', training: {}, measured: {}, categoryWeight: 2 },
  );
  return { dir, path, model };
}

describe('the complaint model file', () => {
  it('round-trips: the loaded model scores as the saved one, and the version names the weights', () => {
    const { path, model } = written((i, h) => (((i + h) * 7919) % 13) / 13 - 0.5, undefined, undefined, 0.6);
    const loaded = loadComplaintModel(path);
    expect(loaded.version).toBe(model.version);
    expect(loaded.version).toMatch(/^complaint-[0-9a-f]{8}$/);
    const c = projectClassifier();
    const doc = docOf(c, '办税服务厅的窗口排了三个小时');
    const tone = scoreTone(doc);
    expect(loaded.margin(doc, tone)).toBeCloseTo(model.margin(doc, tone), 9);
    expect(loaded.categoryVotes(doc, tone)).toEqual(model.categoryVotes(doc, tone));
  });

  it('names the decision: the same weights with another category weight or chars mix are another version', () => {
    const { path, model } = written((i, h) => (((i + h) * 7919) % 13) / 13 - 0.5);
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    expect(model.version).toBe(complaintVersion(manifest.weightsSha256, 2, 0));
    expect(complaintVersion(manifest.weightsSha256, 3, 0)).not.toBe(model.version);
    expect(complaintVersion(manifest.weightsSha256, 2, 0.8)).not.toBe(model.version);
    // a manifest whose weight or mix was edited by hand no longer matches its version
    writeFileSync(path, JSON.stringify({ ...manifest, categoryWeight: 3 }));
    expect(() => loadComplaintModel(path)).toThrow(ComplaintModelFileError);
    writeFileSync(path, JSON.stringify({ ...manifest, chars: { ...manifest.chars, mix: 0.5 } }));
    expect(() => loadComplaintModel(path)).toThrow(/does not match the checksum and version/);
  });

  it('mixes the chars head into the complaint margin: (1 − mix) × words + mix × chars (pairs and trigrams)', () => {
    // Words: every weight 0, so the words logit is the head's bias 0. Chars: every bucket 1, bias 0.5, so the chars
    // logit is 0.5 + n × 1/√n over the n character pairs and trigrams of the document text.
    const c = projectClassifier();
    const doc = docOf(c, '办税服务厅踢皮球，办不了');
    const tone = scoreTone(doc);
    const n = 2 * doc.text.length - 3;
    expect(charGramCount(doc.text.length)).toBe(n);
    const chars = 0.5 + Math.sqrt(n);
    const words = written(
      () => 0,
      () => 0,
      () => 1,
      0,
    ).model;
    expect(words.margin(doc, tone)).toBeCloseTo(0, 6);
    const mixed = written(
      () => 0,
      () => 0,
      () => 1,
      0.8,
    ).model;
    expect(mixed.charsLogit(doc.text)).toBeCloseTo(chars, 3);
    expect(mixed.margin(doc, tone)).toBeCloseTo(0.8 * chars, 3);
    // the trigrams are the tone model's chars part: one weight on one trigram's bucket moves only texts that hold it
    const buf = trigramBuffer();
    charTrigramFeatures('踢皮球', buf);
    const bucket = buf.hashed[0];
    const one = written(
      () => 0,
      () => 0,
      (i) => (i === bucket ? 2 : 0),
      1,
    ).model;
    expect(one.charsLogit(doc.text)).toBeCloseTo(0.5 + 2 / Math.sqrt(n), 3);
    expect(one.charsLogit('\n办税服务厅排队两小时')).toBeCloseTo(0.5, 6);
  });

  it('sums the chars features as they are hashed, equal to the buffered form the trainer fits on', () => {
    const weights = Int16Array.from({ length: CHARS_DIM }, (_, i) => ((i * 7919) % 201) - 100);
    const buf = trigramBuffer();
    for (const text of ['', '税', '税务', '\n办税服务厅踢皮球，办不了', '𠮷税务局'.repeat(50)]) {
      charGramFeatures(text, buf);
      let sum = 0;
      for (let i = 0; i < buf.count; i++) sum += weights[buf.hashed[i]];
      expect(buf.count).toBe(charGramCount(text.length));
      expect(charGramSum(text, weights)).toBe(sum);
    }
  });

  it('votes for the categories by the softmax of their heads, times categoryWeight', () => {
    // Hashed weights 0 and no dense weight: each head's logit is its bias, 0.25 × h.
    const { model } = written(() => 0);
    const c = projectClassifier();
    const doc = docOf(c, '电子税务局又崩了');
    const votes = model.categoryVotes(doc, scoreTone(doc));
    const e = CATEGORIES.map((_, i) => Math.exp(0.25 * (i + 1)));
    const sum = e.reduce((a, b) => a + b, 0);
    CATEGORIES.forEach((cat, i) => expect(votes[cat]).toBeCloseTo((2 * e[i]) / sum, 3));
    expect(Object.values(votes).reduce((a, b) => a + b, 0)).toBeCloseTo(2, 3);
  });

  it('computes bias + Σ dense + the folded hashed weights scaled by 1/√n (the features as the tone model computes them)', () => {
    // Every hashed bucket weighs 1 and every dense slot 0: the sum is the feature count × 1/√count = √count.
    const { model } = written(
      (i) => (i < DENSE ? 0 : 1),
      () => 0,
    );
    const c = projectClassifier();
    const doc = docOf(c, '电子税务局又崩了');
    const tone = scoreTone(doc);
    const f = new FeatureBuffer();
    toneFeatures(doc, tone, f);
    expect(model.margin(doc, tone)).toBeCloseTo(Math.sqrt(f.count), 3);
    // The tone model's buffer is read as it is, not computed again.
    expect(model.margin(doc, tone, f)).toBeCloseTo(Math.sqrt(f.count), 3);
    expect(foldIndex(3)).toBe(3);
    expect(foldIndex(DENSE + (1 << 16) + 5)).toBe(DENSE + 5);
  });

  it('refuses a missing, altered or foreign file, naming it', () => {
    expect(() => loadComplaintModel('/nonexistent/complaint.json')).toThrow(
      /complaint model \/nonexistent\/complaint.json: file not found .*classifier:train-complaint/,
    );
    const { dir, path } = written(() => 0.1);
    const bin = join(dir, 'complaint.bin');
    const bytes = readFileSync(bin);
    bytes[100] ^= 1;
    writeFileSync(bin, bytes);
    expect(() => loadComplaintModel(path)).toThrow(ComplaintModelFileError);
    expect(() => loadComplaintModel(path)).toThrow(/does not match the checksum/);
    const other = written(() => 0.1);
    const manifest = JSON.parse(readFileSync(other.path, 'utf8'));
    writeFileSync(other.path, JSON.stringify({ ...manifest, format: 'yuqing-tone-model/2' }));
    expect(() => loadComplaintModel(other.path)).toThrow(/unknown format .*retrain it/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, hashBits: 20 }));
    expect(() => loadComplaintModel(other.path)).toThrow(/do not match this build/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, heads: ['complaint'] }));
    expect(() => loadComplaintModel(other.path)).toThrow(/do not match this build/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, categoryWeight: 'x' }));
    expect(() => loadComplaintModel(other.path)).toThrow(/category weight or the chars head is missing/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, chars: { ...manifest.chars, bits: 16 } }));
    expect(() => loadComplaintModel(other.path)).toThrow(/do not match this build/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, chars: { ...manifest.chars, mix: 2 } }));
    expect(() => loadComplaintModel(other.path)).toThrow(/mix 2 is not within 0 … 1/);
    writeFileSync(other.path, '{');
    expect(() => loadComplaintModel(other.path)).toThrow(/cannot read the manifest/);
  });
});

describe('the vote', () => {
  it('is the margin times learnedWeight, within ±learnedCap', () => {
    expect(complaintVote(0.5)).toBeCloseTo(0.5 * TARGET.learnedWeight);
    expect(complaintVote(100)).toBeCloseTo(TARGET.learnedCap * TARGET.learnedWeight);
    expect(complaintVote(-100)).toBeCloseTo(-TARGET.learnedCap * TARGET.learnedWeight);
  });
});
