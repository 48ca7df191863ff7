import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIM } from './tone.features';
import { loadToneModel, saveToneModel, ToneModelFileError } from './tone-model.file';

function saved(dir = join(mkdtempSync(join(tmpdir(), 'tone-file-')), 'models')) {
  const w = new Float32Array(DIM);
  for (let i = 0; i < DIM; i += 97) w[i] = Math.sin(i) * 3;
  const path = join(dir, 'tone.json');
  const model = saveToneModel(path, w, {
    bias: -0.25,
    threshold: 0.1,
    rulesVersion: 'rules-1',
    training: { files: [] },
    heldApart: {},
  });
  return { dir, path, w, model };
}

describe('tone model file', () => {
  it('round-trips: the loaded weights are the saved ones within one int16 step; the version names the weights', () => {
    const { path, w, model } = saved();
    const loaded = loadToneModel(path);
    expect(loaded.version).toBe(model.version);
    expect(loaded.version).toMatch(/^tone-[0-9a-f]{8}$/);
    expect(loaded.manifest).toMatchObject({ bias: -0.25, threshold: 0.1, weightsFile: 'tone.bin' });
    const step = loaded.manifest.quantum;
    for (let i = 0; i < DIM; i += 97)
      expect(Math.abs(loaded.weight(i) - w[i])).toBeLessThanOrEqual(step / 2 + 1e-7);
    expect(saved().model.version).toBe(model.version);
  });

  it('refuses a missing file, a changed weights file and a foreign manifest, naming the file', () => {
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
    writeFileSync(other.path, JSON.stringify({ ...manifest, dim: 1024 }));
    expect(() => loadToneModel(other.path)).toThrow(/do not match this build/);
    writeFileSync(other.path, '{"format":');
    expect(() => loadToneModel(other.path)).toThrow(/cannot read the manifest/);
  });
});
