import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '../../../src/classification/classifier';
import { projectClassifier } from '../../../src/classification/classification.spec-support';
import { TONE_EXCLUDED_TRAINING_KEYS } from '../../../src/classification/eval/team-sets.eval';
import { loadToneModel } from '../../../src/classification/tone-model/tone-model.file';
import { cli } from '../../support/cli';
import { SHARED_DIR } from '../../support/shared';

const TRAINING = join(SHARED_DIR, 'fixtures/training');

/**
 * `classifier:train-tone` on a small sample of the shared training files (1 row in 25: seconds, not minutes): the
 * model file is written, loads, and decides tone sensibly; `classifier:eval` then measures with it.
 */
describe('classifier:train-tone (CLI, no database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tone-train-'));
  const out = join(dir, 'tone.json');
  const files = ['chnsenticorp_train.csv', 'weibo_covid_nlpcc2020_7emo.csv'].map((f) => join(TRAINING, f));
  let summary: { toneModel: string; heldApart: Record<string, { items: number; f1: number }> };

  beforeAll(async () => {
    const {
      code,
      out: stdout,
      err,
    } = await cli(['classifier:train-tone', ...files, '--every', '25', '--out', out]);
    expect(err).toBe('');
    expect(code).toBe(0);
    summary = JSON.parse(stdout);
  });

  it('writes a manifest and weights that load, with what it was trained on and its held-apart figures', () => {
    expect(existsSync(join(dir, 'tone.bin'))).toBe(true);
    const model = loadToneModel(out);
    expect(model.version).toBe(summary.toneModel);
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    expect(manifest.training.files.map((f: { file: string }) => f.file)).toEqual([
      'chnsenticorp_train.csv',
      'weibo_covid_nlpcc2020_7emo.csv',
    ]);
    expect(manifest.training.every).toBe(25);
    // Held-apart rows of a 1-in-25 sample (about 80 and 130 texts): a model trained on 600 texts is already useful.
    expect(summary.heldApart.chnsenticorp_train.items).toBeGreaterThan(50);
    expect(summary.heldApart.chnsenticorp_train.f1).toBeGreaterThan(0.6);
    expect(summary.heldApart.weibo_covid_nlpcc2020_7emo.f1).toBeGreaterThan(0.6);
  });

  it('the classifier with the new model scores plain cases and reports the model version', () => {
    const base = projectClassifier();
    const c = new Classifier(base.resources, null, loadToneModel(out));
    const negative = c.classify({
      id: '1',
      title: '',
      text: '房间又脏又小，服务态度很差，再也不会来了，太失望了',
    });
    const positive = c.classify({
      id: '2',
      title: '',
      text: '房间干净，服务热情周到，早餐丰富，非常满意，下次还来',
    });
    expect(negative).toMatchObject({ negative: true, toneModel: summary.toneModel });
    expect(negative.toneScore).toBeLessThan(0);
    expect(positive).toMatchObject({ negative: false, toneModel: summary.toneModel });
    expect(positive.toneScore).toBeGreaterThan(0);
  });

  it('retraining on the same rows gives the same model (same version)', async () => {
    const again = join(dir, 'again.json');
    const { code, out: stdout } = await cli([
      'classifier:train-tone',
      ...files,
      '--every',
      '25',
      '--out',
      again,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).toneModel).toBe(summary.toneModel);
  });

  it("--team-cases adds the team's written cases as one train-only source, never the independent sets", async () => {
    const withCases = join(dir, 'cases.json');
    // The bare flag first: the file after it stays a file.
    const { code, out: stdout } = await cli([
      'classifier:train-tone',
      '--team-cases',
      files[0],
      '--every',
      '25',
      '--out',
      withCases,
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.heldApart['team-cases'].items).toBeGreaterThan(10);
    const [csv, cases] = JSON.parse(readFileSync(withCases, 'utf8')).training.files;
    expect(csv).toMatchObject({ file: 'chnsenticorp_train.csv', labels: 'people' });
    expect(cases).toMatchObject({
      scheme: 'cases',
      labels: 'people, written by the team (trained on, not used for the threshold)',
    });
    const names = cases.file.split(' ');
    expect(names).toEqual(expect.arrayContaining(['domain-cases.jsonl', 'training-cases-g.jsonl']));
    expect(names.filter((n: string) => /^domain-cases-/.test(n))).toEqual([]);
    // the training sets P…V teach the prior and the complaint model, not tone (TONE_EXCLUDED_TRAINING_KEYS)
    expect(names).toContain('training-cases-x.jsonl');
    const excluded = [...TONE_EXCLUDED_TRAINING_KEYS].map((k) => `training-cases-${k}.jsonl`);
    expect(excluded).toContain('training-cases-P-policy.jsonl');
    expect(names.filter((n: string) => excluded.includes(n))).toEqual([]);
    expect(cases.train + cases.dev + cases.heldApart).toBeGreaterThan(100);
  });

  it('refuses no file, an unreadable file or a wrong header with a usage error (exit 2)', async () => {
    expect((await cli(['classifier:train-tone'])).code).toBe(2);
    const missing = await cli(['classifier:train-tone', '/nonexistent.csv', '--out', join(dir, 'x.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/nonexistent.csv/);
  });

  it('refuses a file too small to train on, and leaves the model already at --out as it was', async () => {
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, 'label,text\n0,房间太脏了\n1,服务很好\n');
    const before = readFileSync(out);
    const { code, err } = await cli(['classifier:train-tone', tiny, '--out', out]);
    expect(code).toBe(2);
    expect(err).toMatch(/too few labelled rows to train a tone model/);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(loadToneModel(out).version).toBe(summary.toneModel);
  });
});
