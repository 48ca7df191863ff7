import { CATEGORIES, Category, Reason } from '../classification.types';
import { Doc, negatedBefore } from '../text/document';
import { DomainHits, groupHits } from '../text/domain.hits';
import type { DomainGroup } from '../lexicon/lexicon.types';
import { CATEGORY } from './rules.params';
import { reason, sortByStart } from '../classification.reasons';
import type { TermMatch } from '../text/term.index';

const RULE = Object.fromEntries(CATEGORIES.map((c) => [c, `category.${c}`])) as Record<Category, string>;

/** CATEGORY.groupCategory as a list, built once (this runs for every relevant item). */
const GROUP_CATEGORY = Object.entries(CATEGORY.groupCategory).map(
  ([g, [c, f]]) => [g as DomainGroup, c as Category, f as number] as const,
);

/** Models' votes per category (the category prior, the triage model), computed only when they could matter. */
export interface CategoryVotes {
  /** The most any one category can get. */
  max: number;
  get(): Partial<Record<Category, number>>;
}

export interface CategoryResult {
  category: Category | null;
  secondaryCategories: Category[];
  reasons: Reason[];
}

/**
 * One primary category and up to two secondary ones from weighted cue words (category.txt) and the domain groups
 * that imply a category (a scam term → 涉税诈骗). A cue under negation (没有乱收费) does not count. `votes` carries a
 * trained model's votes. Irrelevant items get no category; relevant ones without a clear cue get 其他.
 */
export function categorise(
  doc: Doc,
  hits: DomainHits,
  relevant: boolean,
  votes?: CategoryVotes,
): CategoryResult {
  if (!relevant) return { category: null, secondaryCategories: [], reasons: [] };
  // Scores per category in order of first evidence (ties keep that order), as parallel lists: a handful of entries.
  const cats: Category[] = [];
  const scores: number[] = [];
  // The cue words' part of each score: secondary categories are judged on it alone, so a model's vote for the
  // primary does not push the others out.
  const cueScores: number[] = [];
  const score = (c: Category, w: number, cue = true) => {
    let i = cats.indexOf(c);
    if (i < 0) {
      i = cats.push(c) - 1;
      scores.push(0);
      cueScores.push(0);
    }
    scores[i] += w;
    if (cue) cueScores[i] += w;
  };
  // What fired, as parallel (category, match) lists: reasons are built only for the categories chosen.
  const firedCategory: Category[] = [];
  const firedMatch: TermMatch[] = [];
  const add = (c: Category, w: number, m: TermMatch) => {
    score(c, w);
    firedCategory.push(c);
    firedMatch.push(m);
  };
  // terms of the cues counted so far, made at the first cue: many items have none (with the lazy Set in relevance.rules,
  // Set construction fell from 2.2 to 1.6 % of the bytes a classify() allocates, heap sampler)
  let seen: Set<string> | undefined;
  let ruleNamed: boolean | undefined; // looked up once, at the first back-tax demand
  for (const m of hits.categoryCues) {
    if (negatedBefore(doc, m)) continue;
    seen ??= new Set<string>();
    const repeat = seen.has(m.info.term);
    seen.add(m.info.term);
    const backTax = CATEGORY.backTax.cues.has(m.info.term);
    if (backTax) ruleNamed ??= namesRule(doc.text);
    for (const c of m.info.categories) {
      const category = backTax && ruleNamed && c.category === '执法争议' ? '政策争议' : c.category;
      add(category, repeat ? c.weight * 0.3 : c.weight, m);
    }
  }
  // Indexed, not destructured: destructuring in for-of allocated iterator results for every item.
  for (let g = 0; g < GROUP_CATEGORY.length; g++) {
    const gh = groupHits(hits, GROUP_CATEGORY[g][0]);
    // each term counted once, at its first hit
    const counted = gh.length > 1 ? new Set<string>() : null;
    for (let k = 0; k < gh.length; k++) {
      const term = gh[k].match.info.term;
      if (counted?.has(term)) continue;
      counted?.add(term);
      add(GROUP_CATEGORY[g][1], GROUP_CATEGORY[g][2] * gh[k].weight, gh[k].match);
    }
  }
  // When the cue words leave the top category ahead by more than any vote, the votes cannot change the outcome (the
  // secondaries are judged on cues alone): they are not computed (the category prior costs ~10 µs an item).
  if (votes && !settledByCues(cats, cueScores, votes.max)) {
    const adjust = votes.get();
    for (const c in adjust) if (adjust[c as Category]) score(c as Category, adjust[c as Category]!, false);
  }
  // Highest score first, stable (insertion sort: the built-in sort allocated per call).
  const ranked: number[] = [];
  for (let i = 0; i < cats.length; i++) {
    // 其他 competes only on its own cue words (形式主义, 宣传片, 酒驾): a model's vote alone never makes an item 其他,
    // and without cues it is what is left when nothing specific was said.
    if (cats[i] === '其他' && cueScores[i] < CATEGORY.minPrimary) continue;
    // Where the authority itself was called a swindler (税务局简直是骗子: domain.hits.ts), 涉税诈骗 needs a word of its
    // own: the models learned 骗子 as scam vocabulary and would vote the insult into a scam.
    if (cats[i] === '涉税诈骗' && cueScores[i] <= 0 && hits.calledScams.length) continue;
    let j = ranked.length;
    ranked.push(i);
    for (; j > 0 && scores[ranked[j - 1]] < scores[i]; j--) ranked[j] = ranked[j - 1];
    ranked[j] = i;
  }
  if (!ranked.length || scores[ranked[0]] < CATEGORY.minPrimary) {
    return { category: '其他', secondaryCategories: [], reasons: [] };
  }
  const primary = cats[ranked[0]];
  const top = cueScores[ranked[0]];
  const secondary: Category[] = [];
  for (let r = 1; r < ranked.length && secondary.length < CATEGORY.maxSecondary; r++) {
    const s = cueScores[ranked[r]];
    if (s >= CATEGORY.minPrimary && s >= top * CATEGORY.secondaryFraction) secondary.push(cats[ranked[r]]);
  }
  const reasons: Reason[] = [];
  for (let k = 0; k < firedCategory.length; k++) {
    const c = firedCategory[k];
    if (c === primary || secondary.includes(c)) reasons.push(reason(RULE[c], firedMatch[k], doc.text));
  }
  sortByStart(reasons);
  return { category: primary, secondaryCategories: secondary, reasons };
}

/** The best cue score reaches minPrimary and leads every other category (one without cues scores 0) by more than `max`. */
function settledByCues(cats: Category[], cueScores: number[], max: number): boolean {
  let top = 0,
    second = 0;
  for (let i = 0; i < cats.length; i++) {
    if (cats[i] === '其他') continue;
    const s = cueScores[i];
    if (s > top) {
      second = top;
      top = s;
    } else if (s > second) second = s;
  }
  return top >= CATEGORY.minPrimary && top - second > max;
}

/** Does the text name a rule (政策, 规定, 设计 …)? One pass per word: linear in the text. */
function namesRule(text: string): boolean {
  for (const w of CATEGORY.backTax.ruleWords) if (text.includes(w)) return true;
  return false;
}
