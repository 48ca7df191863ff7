import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoryFeatures, logPosteriors, trainNaiveBayes } from '../naive-bayes';
import { CategoryModelFileError, loadCategoryModel, saveCategoryModel } from './category.model';

/** Pure mechanics of the category prior's file and votes (a tiny model trained here, so the outcome is known). */
describe('category model file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'category-model-'));
  const docs = [
    { tokens: categoryFeatures(['系统', '崩', '了']), label: '系统故障' },
    { tokens: categoryFeatures(['系统', '登', '不上']), label: '系统故障' },
    { tokens: categoryFeatures(['收', '红包']), label: '廉政问题' },
    { tokens: categoryFeatures(['送', '礼', '红包']), label: '廉政问题' },
  ];
  const params = trainNaiveBayes(docs, { alpha: 0.3 });
  const fields = {
    weight: 1.5,
    training: { files: [{ file: 'x.jsonl', part: 'all', cases: 4 }], alpha: 0.3, maxVocabulary: 4000 },
    measured: {},
    params,
  };

  it('round-trips, and votes weight × posterior for the category the wording resembles', () => {
    const path = join(dir, 'ok.json');
    const saved = saveCategoryModel(path, fields);
    const loaded = loadCategoryModel(path);
    expect(loaded.version).toBe(saved.version);
    expect(loaded.version).toMatch(/^category-[0-9a-f]{8}$/);
    const v = loaded.votes(['系统', '又', '崩', '了']);
    expect(v['系统故障']!).toBeGreaterThan(v['廉政问题']!);
    expect(v['系统故障']! + v['廉政问题']!).toBeCloseTo(1.5, 6);
    // Character pairs carry what the tokens alone miss: 红包 cut as 红 + 包 still reads as 红包.
    const w = loaded.votes(['收', '了', '红', '包']);
    expect(w['廉政问题']!).toBeGreaterThan(w['系统故障']!);
  });

  it('votes as the naive Bayes of naive-bayes.ts over categoryFeatures (the fast path changes nothing)', () => {
    const train = [
      { tokens: ['APP', '又', '崩', '了', '，', '系统', '登', '不上'], label: '系统故障' },
      { tokens: ['ＡＰＰ', '闪退', '，', '系统', '报错', '\n', '税务局'], label: '系统故障' },
      { tokens: ['专管员', '收', '红包', '，', '红包', '不', '给', '不办'], label: '廉政问题' },
      { tokens: ['窗口', '态度', '差', '，', '推诿', '扯皮'], label: '服务态度与效率' },
    ].map((d) => ({ tokens: categoryFeatures(d.tokens), label: d.label }));
    const p = trainNaiveBayes(train, { alpha: 0.3 });
    const model = saveCategoryModel(join(dir, 'eq.json'), { ...fields, weight: 2, params: p });
    for (const tokens of [
      ['App', '又', '崩', '了'],
      ['ＡＰＰ', '报错', '红包', '红包', '系统', '系统'],
      ['专管员', '\n', '窗口', '态度', '差', '，', '推诿'],
      [],
    ]) {
      const lp = logPosteriors(p, categoryFeatures(tokens));
      const v = model.votes(tokens);
      p.classes.forEach((c, i) => expect(v[c as '系统故障']).toBeCloseTo(2 * Math.exp(lp[i]), 4));
    }
  });

  const broken: [string, (m: Record<string, unknown>) => unknown, RegExp][] = [
    [
      'an edited parameter',
      (m) => ({ ...m, params: { ...(m.params as object), logPrior: [0, 0] } }),
      /version/,
    ],
    ['another format', (m) => ({ ...m, format: 'yuqing-category-model/0' }), /format/],
    [
      'a class that is no category',
      (m) => ({ ...m, params: { ...(m.params as object), classes: ['x', 'y'] } }),
      /classes/,
    ],
    ['a weight out of range', (m) => ({ ...m, weight: 50 }), /weight/],
  ];

  it.each(broken)('refuses a file with %s', (_, edit, why) => {
    const path = join(dir, 'ok.json');
    saveCategoryModel(path, fields);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')))));
    expect(() => loadCategoryModel(bad)).toThrow(CategoryModelFileError);
    expect(() => loadCategoryModel(bad)).toThrow(why);
  });

  it('refuses a missing file and one that is not JSON, naming the command that writes it', () => {
    expect(() => loadCategoryModel(join(dir, 'none.json'))).toThrow(/classifier:train-category/);
    writeFileSync(join(dir, 'text.json'), 'not json');
    expect(() => loadCategoryModel(join(dir, 'text.json'))).toThrow(/not JSON/);
  });
});
