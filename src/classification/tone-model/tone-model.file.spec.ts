import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charTrigramFeatures, DIM, FeatureBuffer, trigramBuffer, TRIGRAM_DIM } from './tone.features';
import { loadToneModel, saveToneModel, ToneModelFileError } from './tone-model.file';

function saved(dir = join(mkdtempSync(join(tmpdir(), 'tone-file-')), 'models'), threshold = 0.1) {
  const words = new Float32Array(DIM);
  const chars = new Float32Array(TRIGRAM_DIM);
  for (let i = 0; i < DIM; i += 97) words[i] = Math.sin(i) * 3;
  for (let i = 5; i < TRIGRAM_DIM; i += 89) chars[i] = Math.cos(i) / 2;
  const path = join(dir, 'tone.json');
  const model = saveToneModel(
    path,
    { words: { weights: words, bias: -0.25 }, chars: { weights: chars, bias: 0.5 } },
    { mix: 0.6, threshold, rulesVersion: 'rules-1', training: { files: [] }, heldApart: {} },
  );
  return { dir, path, words, chars, model };
}

describe('tone model file', () => {
  it('round-trips both parts: the loaded weights are the saved ones within one int16 step of their part', () => {
    const { path, words, chars, model } = saved();
    const loaded = loadToneModel(path);
    expect(loaded.version).toBe(model.version);
    expect(loaded.version).toMatch(/^tone-[0-9a-f]{8}$/);
    expect(loaded.manifest).toMatchObject({
      mix: 0.6,
      threshold: 0.1,
      weightsFile: 'tone.bin',
      parts: { words: { bias: -0.25 }, chars: { bias: 0.5 } },
    });
    const { parts } = loaded.manifest;
    // Each part has its own step: the chars weights (≤ 0.5) keep their precision beside the words weights (≤ 3).
    expect(parts.chars.quantum).toBeLessThan(parts.words.quantum / 5);
    for (let i = 0; i < DIM; i += 97)
      expect(Math.abs(loaded.weight('words', i) - words[i])).toBeLessThanOrEqual(
        parts.words.quantum / 2 + 1e-7,
      );
    for (let i = 5; i < TRIGRAM_DIM; i += 89)
      expect(Math.abs(loaded.weight('chars', i) - chars[i])).toBeLessThanOrEqual(
        parts.chars.quantum / 2 + 1e-7,
      );
    expect(saved().model.version).toBe(model.version);
  });

  it('names the decision: the same weights with another threshold are another version, with the same weights file', () => {
    const a = saved();
    const b = saved(undefined, 0.35);
    expect(b.model.version).not.toBe(a.model.version);
    expect(b.model.manifest.weightsSha256).toBe(a.model.manifest.weightsSha256);
  });

  it('mixes the parts: log-odds = mix × words + (1 − mix) × chars', () => {
    const { path, chars } = saved();
    const model = loadToneModel(path);
    const w = new FeatureBuffer(); // no features: the words part is its bias
    w.count = 0;
    const c = trigramBuffer();
    charTrigramFeatures('\n税务局很差', c);
    expect(c.count).toBe(4);
    let sum = 0;
    for (let i = 0; i < c.count; i++) sum += chars[c.hashed[i]];
    const expected = 0.6 * -0.25 + 0.4 * (0.5 + sum * c.scale);
    expect(model.logit(w, c)).toBeCloseTo(expected, 3);
  });

  it('refuses a missing file, a changed weights file, an old format and a foreign manifest, naming the file', () => {
    expect(() => loadToneModel('/nonexistent/tone.json')).toThrow(
      /tone model \/nonexistent\/tone.json: file not found/,
    );
    const { dir, path } = saved();
    const bin = readFileSync(join(dir, 'tone.bin'));
    bin[10] ^= 1;
    writeFileSync(join(dir, 'tone.bin'), bin);
    expect(() => loadToneModel(path)).toThrow(ToneModelFileError);
    expect(() => loadToneModel(path)).toThrow(/does not match the checksum/);
    const other = saved();
    const manifest = JSON.parse(readFileSync(other.path, 'utf8'));
    writeFileSync(other.path, JSON.stringify({ ...manifest, format: 'yuqing-tone-model/1' }));
    expect(() => loadToneModel(other.path)).toThrow(/unknown format .*retrain it/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, dim: 1024 }));
    expect(() => loadToneModel(other.path)).toThrow(/do not match this build/);
    writeFileSync(other.path, JSON.stringify({ ...manifest, mix: 1.5 }));
    expect(() => loadToneModel(other.path)).toThrow(/mix is missing or not a number/);
    writeFileSync(other.path, '{"format":');
    expect(() => loadToneModel(other.path)).toThrow(/cannot read the manifest/);
  });
});
