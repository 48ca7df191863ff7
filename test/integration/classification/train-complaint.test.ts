import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COMPLAINT_MODEL_PATH } from '../../../src/classification/classification.config';
import { docOf, projectClassifier } from '../../../src/classification/classification.spec-support';
import { scoreTone } from '../../../src/classification/rules/tone.scorer';
import { heldOutHalves } from '../../../src/classification/category-model/category.trainer';
import { loadComplaintModel } from '../../../src/classification/complaint-model/complaint-model.file';
import {
  alertFigures,
  CHARS_MIX,
  devRealPosts,
  HEADS_LOGISTIC,
  REAL_POSTS_REPEAT,
  RELEVANCE_LOGISTIC,
} from '../../../src/classification/complaint-model/complaint.trainer';
import type { RealPost } from '../../../src/classification/eval/real-posts.eval';
import { teamTrainingSets } from '../../../src/classification/category-model/category.trainer';
import {
  DomainLine,
  independentPart,
  readCases,
  TRAINING_CASE_FILES,
} from '../../../src/classification/eval/team-sets.eval';
import { CATEGORIES } from '../../../src/classification/classification.types';
import { projectRoot } from '../../../src/classification/lexicon/lexicon.loader';
import { buildBureauCatalog } from '../../../src/organisation/bureau-catalog';
import { cli } from '../../support/cli';
import { SHARED_DIR } from '../../support/shared';

type Figures = { items: number; precision: number; recall: number; f1: number; alertCategory: number };

/**
 * `classifier:train-complaint`: the shipped config/models/complaint.json is what the command makes from the team's
 * cases (same version), it was trained on no held-out case, and the figures it records are the classifier's own.
 */
describe('classifier:train-complaint (CLI, no database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'complaint-train-'));
  const out = join(dir, 'complaint.json');
  let summary: {
    complaintModel: string;
    measured: Record<string, { rulesOnly: Figures; withModel: Figures }>;
  };

  beforeAll(async () => {
    const {
      code,
      out: stdout,
      err,
    } = await cli(['classifier:train-complaint', '--out', out, '--shared', SHARED_DIR]);
    expect(err).toBe('');
    expect(code).toBe(0);
    summary = JSON.parse(stdout);
  }, 120_000);

  it('reproduces the shipped model: the same version from the same cases', () => {
    expect(loadComplaintModel(out).version).toBe(summary.complaintModel);
    expect(summary.complaintModel).toBe(loadComplaintModel(DEFAULT_COMPLAINT_MODEL_PATH).version);
  });

  it("was trained on no held-out case: the first set, the independent sets' dev halves, the training sets", () => {
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    const files = manifest.training.files.map((f: { file: string }) => f.file);
    expect(files).toEqual(expect.arrayContaining(['domain-cases.jsonl', 'training-cases-g.jsonl']));
    const ids = teamTrainingSets().flatMap((s) => s.cases.map((c) => c.id));
    const independent = ids.filter((id) => 'bdefyzHIJKLMNOW'.includes(id[0]));
    expect(independent.length).toBeGreaterThan(0);
    expect(independent.filter((id) => independentPart(id) === 'held-out')).toEqual([]);
  });

  it("learned from the real posts' dev part only, each shown REAL_POSTS_REPEAT times", () => {
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    const dev = devRealPosts(SHARED_DIR);
    expect(manifest.training.realPosts).toEqual({
      file: 'xiaohongshu_tax_posts_glm_labels.csv',
      part: 'dev',
      posts: dev.posts.length,
      complaints: 2,
      repeat: REAL_POSTS_REPEAT,
    });
    expect(dev.posts.length).toBeGreaterThan(250);
    expect(dev.posts.every((p) => (p as RealPost).part === 'dev')).toBe(true);
  });

  it('records its learners: the complaint and category heads fitted further than the relevance head (rules-19)', () => {
    const { learner } = JSON.parse(readFileSync(out, 'utf8')).training;
    expect(learner.complaintAndCategoryHeads).toEqual(HEADS_LOGISTIC);
    expect(learner.relevanceHead).toEqual(RELEVANCE_LOGISTIC);
    expect(HEADS_LOGISTIC.epochs * HEADS_LOGISTIC.rate).toBeGreaterThan(
      RELEVANCE_LOGISTIC.epochs * RELEVANCE_LOGISTIC.rate,
    );
    expect(learner.charsHead).toMatchObject({ ...HEADS_LOGISTIC, mix: CHARS_MIX });
  });

  it('mixes a chars head into the complaint margin, and the mix is its own: words alone is another decision', () => {
    const model = loadComplaintModel(out);
    expect(model.manifest.chars).toMatchObject({ bits: 18, mix: CHARS_MIX });
    const c = projectClassifier();
    const doc = docOf(c, '个税申报老是提示身份信息有误，改了三次还是不行');
    const tone = scoreTone(doc);
    const chars = model.charsLogit(doc.text);
    const words = (model.margin(doc, tone) - CHARS_MIX * chars) / (1 - CHARS_MIX);
    // the two readings agree on this complaint, and each is a reading of its own (not a copy of the other)
    expect(chars).toBeGreaterThan(0);
    expect(words).toBeGreaterThan(0);
    expect(Math.abs(chars - words)).toBeGreaterThan(0.01);
  });

  it('leaves a question about how a tax works alone (the model without the real posts alerted both)', () => {
    const c = projectClassifier();
    for (const text of [
      '增值税本来就是按售价收的吧？跟成本没关系，能扣成本的是企业所得税',
      '社保费不是税务局在收吗？为啥还要去社保局',
    ])
      expect(c.classify({ id: '1', title: '', text }).alert).toBe(false);
  });

  it.each(Object.entries(heldOutHalves()))(
    'records the figures of the %s as the classifier gets them',
    (name, cases) => {
      const c = projectClassifier().withComplaintModel(loadComplaintModel(out));
      expect(alertFigures(c, cases)).toEqual(summary.measured[name].withModel);
      expect(alertFigures(c.withComplaintModel(null), cases)).toEqual(summary.measured[name].rulesOnly);
    },
  );

  it('helps on the held-out halves taken together (cases never trained on)', () => {
    const all = Object.values(summary.measured);
    const mean = (pick: (m: (typeof all)[number]) => Figures) =>
      all.reduce((s, m) => s + pick(m).f1, 0) / all.length;
    expect(mean((m) => m.withModel)).toBeGreaterThan(mean((m) => m.rulesOnly) + 0.02);
    // and the category heads, beside the cue words and the category prior, the category of the alerts
    const category = (pick: (m: (typeof all)[number]) => Figures) =>
      all.reduce((s, m) => s + pick(m).alertCategory, 0) / all.length;
    expect(category((m) => m.withModel)).toBeGreaterThan(category((m) => m.rulesOnly) + 0.03);
  });

  it('reads a complaint in plain words that no rule marks, and names itself as the reason', () => {
    const c = projectClassifier();
    const text = '个税申报老是提示身份信息有误，改了三次还是不行';
    const r = c.classify({ id: '1', title: '', text });
    expect(r).toMatchObject({ alert: true, category: '系统故障' });
    const start = `\n${text}`.indexOf('申报'); // offsets index title + '\n' + text
    expect(r.reasons.filter((x) => x.rule === 'target.learned')).toEqual([
      { rule: 'target.learned', term: '申报', start, end: start + 2 },
    ]);
    // Without the model: about tax work, negative, but no rule sees it aimed at the authority.
    expect(c.withComplaintModel(null).classify({ id: '1', title: '', text })).toMatchObject({
      relevant: true,
      alert: false,
    });
  });

  it('learned relevance from the team’s cases and from texts about anything else (the shared training corpora)', () => {
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    expect(manifest.heads.at(-1)).toBe('relevant');
    expect(manifest.training.background.files).toEqual([
      'chnsenticorp_train.csv',
      'weibo_covid_nlpcc2020_7emo.csv',
    ]);
    expect(manifest.training.background.texts).toBeGreaterThan(1000);
  });

  it('makes relevant an item whose tax words the rules weigh too lightly, naming the evidence it built on', () => {
    const c = projectClassifier();
    const text = '申报期最后一天系统崩了，逾期了算谁的';
    const r = c.classify({ id: '1', title: '', text });
    expect(r).toMatchObject({ relevant: true, alert: true, category: '系统故障' });
    const start = `\n${text}`.indexOf('申报期');
    expect(r.reasons.filter((x) => x.rule === 'relevance.learned')).toEqual([
      { rule: 'relevance.learned', term: '申报期', start, end: start + 3 },
    ]);
    expect(c.withComplaintModel(null).classify({ id: '1', title: '', text }).relevant).toBe(false);
  });

  it('leaves a shop’s invoice and a counter with no tax word where the rules put them: not relevant', () => {
    const c = projectClassifier();
    for (const text of [
      '这家店不给开发票，太差了',
      '酒店前台说发票要等一周才能开，服务太差',
      '医院挂号窗口排了一上午，工作人员爱答不理',
    ])
      expect(c.classify({ id: '1', title: '', text }).relevant).toBe(false);
  });

  it('never makes an alert of what the rules read as a notice or a help request: it may only lower those', () => {
    const c = projectClassifier();
    for (const text of [
      '区税务局温馨提示：系统升级期间给您带来不便，敬请谅解。',
      '请问个税汇算显示要补税两千多，这正常吗？税务局会不会查？',
    ])
      expect(c.classify({ id: '1', title: '', text }).alert).toBe(false);
  });
});

describe('the training sets (test/fixtures/classification/training-cases-*.jsonl)', () => {
  it.each(TRAINING_CASE_FILES)(
    '%s: 300 cases in id order, alerts relevant with a category, known bureau codes',
    (file) => {
      const cases = readCases(join(projectRoot(), file));
      const prefix = cases[0].id[0];
      expect(cases.map((c) => c.id)).toEqual(
        cases.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`),
      );
      expect(cases).toHaveLength(300);
      const codes = new Set(buildBureauCatalog().map((b) => b.code));
      const problems = cases.flatMap((c) => {
        const e = c.expect as DomainLine['expect'] & { bureau?: string | null };
        return [
          ...(e.bureau && !codes.has(e.bureau) ? [`${c.id}: bureau ${e.bureau}`] : []),
          ...(e.alert && (!e.relevant || !CATEGORIES.includes(e.category as never))
            ? [`${c.id}: alert`]
            : []),
        ];
      });
      expect(problems).toEqual([]);
    },
  );
});
