import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Classifier } from '../classifier';
import type { AuthorityTier, Category, ClassifyInput } from '../classification.types';
import { projectRoot } from '../lexicon/lexicon.loader';
import { CategoryPair, categoryConfusion, formatConfusion } from './category-confusion';
import {
  alertsOnUnlabelled,
  evaluateRealPosts,
  formatRealPosts,
  formatUnlabelled,
  loadRealPosts,
  loadUnlabelledPosts,
  XHS_LABELS_FILE,
} from './real-posts.eval';

/** `classifier:eval --sets`: the team's labelled sets, with their category confusions. */
export const DOMAIN_CASES_FILE = 'test/fixtures/classification/domain-cases.jsonl';
/**
 * Domain cases written by authors who never saw the rules, the lexicons or the other sets: odd ids are dev (their
 * failures may be read), even ids held out (only their figures are looked at). test/fixtures/classification/README.md.
 * The third to fifteenth sets (domain-cases-c.jsonl … -o) were each measured whole before any change was made from
 * them.
 */
export const INDEPENDENT_CASES_FILE = 'test/fixtures/classification/domain-cases-b.jsonl';
export const THIRD_CASES_FILE = 'test/fixtures/classification/domain-cases-c.jsonl';
export const FOURTH_CASES_FILE = 'test/fixtures/classification/domain-cases-d.jsonl';
export const FIFTH_CASES_FILE = 'test/fixtures/classification/domain-cases-e.jsonl';
export const SIXTH_CASES_FILE = 'test/fixtures/classification/domain-cases-f.jsonl';
export const SEVENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-g.jsonl';
export const EIGHTH_CASES_FILE = 'test/fixtures/classification/domain-cases-h.jsonl';
export const NINTH_CASES_FILE = 'test/fixtures/classification/domain-cases-i.jsonl';
export const TENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-j.jsonl';
export const ELEVENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-k.jsonl';
export const TWELFTH_CASES_FILE = 'test/fixtures/classification/domain-cases-l.jsonl';
export const THIRTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-m.jsonl';
export const FOURTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-n.jsonl';
export const FIFTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-o.jsonl';
export const SIXTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-p.jsonl';
export const SEVENTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-q.jsonl';
export const EIGHTEENTH_CASES_FILE = 'test/fixtures/classification/domain-cases-r.jsonl';
export const INDEPENDENT_SETS = [
  { file: INDEPENDENT_CASES_FILE, name: 'independent set', report: 'independent domain set' },
  { file: THIRD_CASES_FILE, name: 'third set', report: 'third domain set' },
  { file: FOURTH_CASES_FILE, name: 'fourth set', report: 'fourth domain set' },
  { file: FIFTH_CASES_FILE, name: 'fifth set', report: 'fifth domain set' },
  { file: SIXTH_CASES_FILE, name: 'sixth set', report: 'sixth domain set' },
  { file: SEVENTH_CASES_FILE, name: 'seventh set', report: 'seventh domain set' },
  { file: EIGHTH_CASES_FILE, name: 'eighth set', report: 'eighth domain set' },
  { file: NINTH_CASES_FILE, name: 'ninth set', report: 'ninth domain set' },
  { file: TENTH_CASES_FILE, name: 'tenth set', report: 'tenth domain set' },
  { file: ELEVENTH_CASES_FILE, name: 'eleventh set', report: 'eleventh domain set' },
  { file: TWELFTH_CASES_FILE, name: 'twelfth set', report: 'twelfth domain set' },
  { file: THIRTEENTH_CASES_FILE, name: 'thirteenth set', report: 'thirteenth domain set' },
  { file: FOURTEENTH_CASES_FILE, name: 'fourteenth set', report: 'fourteenth domain set' },
  { file: FIFTEENTH_CASES_FILE, name: 'fifteenth set', report: 'fifteenth domain set' },
  { file: SIXTEENTH_CASES_FILE, name: 'sixteenth set', report: 'sixteenth domain set' },
  { file: SEVENTEENTH_CASES_FILE, name: 'seventeenth set', report: 'seventeenth domain set' },
  { file: EIGHTEENTH_CASES_FILE, name: 'eighteenth set', report: 'eighteenth domain set' },
] as const;
/**
 * Independent sets that measure only: neither half trains the category prior or the complaint model. The fourteenth
 * and fifteenth joined the training on trial and their dev halves said no (each left out in turn, the other twelve's
 * alert F1 0.9588 → 0.9568; two more false alerts on the real posts nobody labelled), so they stay unread and untrained
 * on: 480 cases out of sample on both halves. The sixteenth (ids W…), the seventeenth (ids A…, plain everyday
 * posts; 2026-12-07) and the eighteenth (ids Y…, a month's mix; 2026-12-07 at night) were written to measure only.
 */
export const MEASURE_ONLY_SETS: ReadonlySet<string> = new Set([
  FOURTEENTH_CASES_FILE,
  FIFTEENTH_CASES_FILE,
  SIXTEENTH_CASES_FILE,
  SEVENTEENTH_CASES_FILE,
  EIGHTEENTH_CASES_FILE,
]);
/**
 * The training sets written on 2026-12-07 (ids P… to V…), named by their theme as well, so that no two file names
 * differ only in case (a clone on a case-insensitive file system). They train the category prior and the complaint
 * model, not the tone model: with P…S the tone model's own choice (mean F1 on the people-labelled development rows)
 * fell 0.9267 → 0.9238, and its held-apart ChnSentiCorp and NLPCC Weibo figures with it (0.8905 → 0.8897, 0.9194 →
 * 0.9141); with T…V 0.9267 → 0.9255 (NLPCC Weibo 0.9140). Their tone labels are sound; the review and Weibo rows did
 * not gain from more text about tax.
 */
const THEMED_TRAINING_KEYS = [
  'P-policy',
  'Q-plain',
  'R-categories',
  'S-shapes',
  'T-procedures',
  'U-reasoned',
  'V-long',
] as const;
/** Keys of the training sets' files (`training-cases-<key>.jsonl`). */
export const TRAINING_CASE_KEYS = [...'ghijklmnopqrstuvwx', ...THEMED_TRAINING_KEYS] as const;
/**
 * Cases written to train the category prior and the complaint model (complaint-model/), by twenty-five more authors
 * under the same rules as the independent sets: never measured on, so their figures say nothing.
 * test/fixtures/classification/README.md.
 */
export const TRAINING_CASE_FILES = TRAINING_CASE_KEYS.map(trainingCaseFile);
/** Training sets the tone model does not learn tone from (THEMED_TRAINING_KEYS says why). */
export const TONE_EXCLUDED_TRAINING_KEYS: ReadonlySet<string> = new Set(THEMED_TRAINING_KEYS);

function trainingCaseFile(key: string): string {
  return `test/fixtures/classification/training-cases-${key}.jsonl`;
}
/**
 * The team's case files the tone model may learn tone from (`classifier:train-tone --team-cases`): the first set, the
 * training sets (but TONE_EXCLUDED_TRAINING_KEYS) and the neutral posts, as paths. Never the independent sets: their
 * dev halves choose, and their held-out halves measure, the category prior and the complaint model, and a tone model
 * that had seen them would make both figures in-sample. Never the neutral posts' measuring files either.
 */
export function teamCaseFiles(root = projectRoot()): string[] {
  const training = TRAINING_CASE_KEYS.filter((k) => !TONE_EXCLUDED_TRAINING_KEYS.has(k)).map(
    trainingCaseFile,
  );
  return [DOMAIN_CASES_FILE, ...training, ...NEUTRAL_POST_FILES].map((f) => join(root, f));
}

/**
 * Weibo-style posts with no emotion, written by six helpers to train the tone model (test/fixtures/classification/
 * README.md): the review and Weibo files hold opinions only. Two more helpers' files, NEUTRAL_MEASURE_FILES (one from
 * the same brief, one from a brief of its own), are never trained on: they measure how many such posts the model calls
 * negative.
 */
export const NEUTRAL_POST_FILES = ['a', 'b', 'c', 'd', 'e', 'f'].map(
  (k) => `test/fixtures/classification/neutral-posts-${k}.jsonl`,
);
export const NEUTRAL_MEASURE_FILES = ['measure', 'measure-2'].map(
  (k) => `test/fixtures/classification/neutral-posts-${k}.jsonl`,
);

export const independentPart = (id: string): 'dev' | 'held-out' =>
  Number(id.slice(1)) % 2 === 1 ? 'dev' : 'held-out';

/** A labelled case of the team's sets (test/fixtures/classification/README.md), as evaluation and training read it. */
export interface DomainLine {
  id: string;
  title?: string;
  text: string;
  source?: { regionCode?: string; bureauCode?: string; tier?: AuthorityTier };
  expect: { alert: boolean; relevant?: boolean; category?: Category | null };
}

/** The cases of a JSONL file of the team's sets. */
export function readCases(path: string): DomainLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DomainLine);
}

/** What `classify` gets for a case. */
export function caseInput(c: DomainLine): ClassifyInput {
  return {
    id: c.id,
    title: c.title ?? '',
    text: c.text,
    source: c.source
      ? {
          regionCode: c.source.regionCode ?? null,
          bureauCode: c.source.bureauCode ?? null,
          authorityTier: c.source.tier,
        }
      : null,
  };
}

/** Alert precision/recall/F1 and the category confusion on the domain set (its README says what is asserted). */
export function domainSetReport(
  classifier: Classifier,
  path: string,
  name = DOMAIN_CASES_FILE,
  pick: (id: string) => boolean = () => true,
): string {
  const cases = readCases(path).filter((c) => pick(c.id));
  let tp = 0,
    fp = 0,
    fn = 0,
    alertCategories = 0,
    alertCategoriesRight = 0;
  const pairs: CategoryPair[] = [];
  for (const c of cases) {
    const r = classifier.classify(caseInput(c));
    if (r.alert && c.expect.alert) tp++;
    else if (r.alert) fp++;
    else if (c.expect.alert) fn++;
    if (c.expect.category !== undefined) pairs.push([c.expect.category, r.category]);
    if (c.expect.alert) {
      alertCategories++;
      if (r.category === c.expect.category) alertCategoriesRight++;
    }
  }
  const p = tp + fp ? tp / (tp + fp) : 1;
  const rc = tp + fn ? tp / (tp + fn) : 1;
  const f1 = p + rc ? (2 * p * rc) / (p + rc) : 0;
  return [
    `${name}: ${cases.length} cases`,
    `  alert P ${p.toFixed(3)} R ${rc.toFixed(3)} F1 ${f1.toFixed(3)} (tp ${tp} fp ${fp} fn ${fn})`,
    `  category of the alerts ${alertCategoriesRight}/${alertCategories} = ${(alertCategoriesRight / Math.max(1, alertCategories)).toFixed(3)}; with null for items not relevant:`,
    formatConfusion(categoryConfusion(pairs)).replace(/^/gm, '  '),
  ].join('\n');
}

/** The shared fixtures (read in place, never copied): SHARED_DIR, or ../shared beside the project. */
export function sharedDir(): string {
  return process.env.SHARED_DIR || join(projectRoot(), '..', 'shared');
}

/** Both sets; the real-post set by part (held-out is the one to judge changes by). */
export function teamSetsReport(classifier: Classifier, shared = sharedDir()): string {
  const root = projectRoot();
  const out = [
    domainSetReport(classifier, join(root, DOMAIN_CASES_FILE), `domain set (${DOMAIN_CASES_FILE})`),
  ];
  for (const set of INDEPENDENT_SETS)
    for (const part of ['held-out', 'dev'] as const)
      out.push(
        domainSetReport(
          classifier,
          join(root, set.file),
          `${set.report}, ${part} (${set.file})`,
          (id) => independentPart(id) === part,
        ),
      );
  const labels = join(root, XHS_LABELS_FILE);
  if (!existsSync(labels)) throw new Error(`${labels} is missing`);
  const posts = loadRealPosts(shared, labels);
  const classify = classifier.classify.bind(classifier);
  for (const [name, part] of [
    ['real posts, held-out', posts.filter((p) => p.part === 'held-out')],
    ['real posts, dev', posts.filter((p) => p.part === 'dev')],
    ['real posts, all', posts],
  ] as const)
    out.push(formatRealPosts(`${name} (${XHS_LABELS_FILE})`, evaluateRealPosts(part, classify)));
  out.push(
    formatUnlabelled(
      'real posts not labelled',
      alertsOnUnlabelled(loadUnlabelledPosts(shared, labels), classify),
    ),
  );
  return out.join('\n\n');
}
