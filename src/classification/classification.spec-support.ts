import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassificationResult, SourceContext } from './classification.types';
import { Classifier, loadResources } from './classifier';
import { buildDoc, Doc } from './text/document';
import { projectRoot } from './lexicon/lexicon.loader';
import {
  DEFAULT_CATEGORY_MODEL_PATH,
  DEFAULT_COMPLAINT_MODEL_PATH,
  DEFAULT_TONE_MODEL_PATH,
} from './classification.config';
import { loadComplaintModel } from './complaint-model/complaint-model.file';
import { loadToneModel } from './tone-model/tone-model.file';
import { loadCategoryModel } from './category-model/category.model';
import { RULES_VERSION } from './rules/rules.params';

/** modelVersion of the project classifier without a triage model: the rules and the shipped category prior. */
export function shippedModelVersion(): string {
  return [
    RULES_VERSION,
    loadCategoryModel(DEFAULT_CATEGORY_MODEL_PATH).version,
    loadComplaintModel(DEFAULT_COMPLAINT_MODEL_PATH).version,
  ].join('+');
}

/** For specs: the project's own lexicons, tone model and category prior (what production runs). */
export function projectClassifier(): Classifier {
  const base = join(projectRoot(), 'config', 'lexicon');
  return new Classifier(
    loadResources([join(base, 'general'), join(base, 'domain')]),
    null,
    loadToneModel(DEFAULT_TONE_MODEL_PATH),
    loadCategoryModel(DEFAULT_CATEGORY_MODEL_PATH),
    loadComplaintModel(DEFAULT_COMPLAINT_MODEL_PATH),
  );
}

/** For specs of mechanics: a lexicon written by the test, so weights are known exactly. */
export function lexiconDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-lexicon-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function classifierFor(dirs: string[]): Classifier {
  return new Classifier(loadResources(dirs));
}

export function docOf(c: Classifier, text: string, title = ''): Doc {
  return buildDoc(title, text, c.resources.segmenter, c.resources.index);
}

export function classify(
  c: Classifier,
  text: string,
  source?: SourceContext,
  title = '',
): ClassificationResult {
  return c.classify({ id: 't', title, text, source });
}

/** Rules that fired, as "rule:term" strings (readable assertions on explanations). */
export function fired(r: ClassificationResult, prefix = ''): string[] {
  return r.reasons.filter((x) => x.rule.startsWith(prefix)).map((x) => `${x.rule}:${x.term}`);
}

/** The keys of one `classify` output line, in order: the stable interface of issue #4, written out on purpose. */
export const CLASSIFY_OUTPUT_KEYS = [
  'id',
  'relevant',
  'negative',
  'toneScore',
  'againstAuthority',
  'alert',
  'bureau',
  'region',
  'category',
  'secondaryCategories',
  'gradeHint',
  'reasons',
  'modelVersion',
  'toneModel',
];

/**
 * Repetitions outside input may send (classifier.hostile.spec.ts holds what each is classified as; the classification
 * benchmark times each at 20,000 and 200,000 characters: every stage must stay linear in the hits).
 */
export const HOSTILE_PATTERNS = [
  '求助',
  '求助税务局推诿',
  '[怒]😡',
  '反腐败',
  '税务局态度差！',
  '税务局态度差，推诿扯皮！',
  '，就是',
  '这不是乱收费是什么？',
  '没有一个人不满意',
  '冒充税务局',
  '朝阳区鼓楼区',
  '美国税务局',
  '虽然',
  '？但是#资金链断裂😡',
  '我里应外合个税app吵闹不',
  '没有@难道。12366',
  '税务局不送就补税',
  '市民反映税务局',
  '大厅很宽敞，但是',
  '税务局罚了我。太不近人情。',
  '冒充税务局骗走186万元，四十多名受害人聚集',
  '税务局推诿，阅读量超5亿',
  '税务局是骗子',
] as const;

/** `pattern` repeated to exactly `n` characters. */
export function repeatTo(pattern: string, n: number): string {
  return pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n);
}
