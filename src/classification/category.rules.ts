import { CATEGORIES, Category, Reason } from './classification.types';
import { Doc, negatedBefore } from './document';
import { DomainHits, GroupHit, groupHits } from './domain.hits';
import type { DomainGroup } from './lexicon/lexicon.types';
import { CATEGORY } from './rules.params';
import { reason, sortByStart } from './classification.reasons';
import type { TermMatch } from './term.index';

const RULE = Object.fromEntries(CATEGORIES.map((c) => [c, `category.${c}`])) as Record<Category, string>;

/** CATEGORY.groupCategory as a list, built once (this runs for every relevant item). */
const GROUP_CATEGORY = Object.entries(CATEGORY.groupCategory).map(
  ([g, [c, f]]) => [g as DomainGroup, c as Category, f as number] as const,
);

export interface CategoryResult {
  category: Category | null;
  secondaryCategories: Category[];
  reasons: Reason[];
}

/**
 * One primary category and up to two secondary ones from weighted cue words (category.txt) and the domain groups
 * that imply a category (a scam term → 涉税诈骗). A cue under negation (没有乱收费) does not count. `adjust` carries a
 * trained model's votes. Irrelevant items get no category; relevant ones without a clear cue get 其他.
 */
export function categorise(
  doc: Doc,
  hits: DomainHits,
  relevant: boolean,
  adjust?: Partial<Record<Category, number>>,
): CategoryResult {
  if (!relevant) return { category: null, secondaryCategories: [], reasons: [] };
  const scores = new Map<Category, number>();
  // What fired, as parallel (category, match) lists: reasons are built only for the categories chosen.
  const firedCategory: Category[] = [];
  const firedMatch: TermMatch[] = [];
  const add = (c: Category, w: number, m: TermMatch) => {
    scores.set(c, (scores.get(c) ?? 0) + w);
    firedCategory.push(c);
    firedMatch.push(m);
  };
  const seen: string[] = []; // terms of the cues counted so far (a handful: a list, not a Set)
  for (const m of hits.categoryCues) {
    if (negatedBefore(doc, m)) continue;
    const repeat = seen.includes(m.info.term);
    seen.push(m.info.term);
    for (const c of m.info.categories) add(c.category, repeat ? c.weight * 0.3 : c.weight, m);
  }
  for (const [group, category, factor] of GROUP_CATEGORY) {
    const gh = groupHits(hits, group);
    for (let k = 0; k < gh.length; k++) {
      if (!termBefore(gh, k)) add(category, factor * gh[k].weight, gh[k].match);
    }
  }
  for (const [c, w] of Object.entries(adjust ?? {}))
    if (w) scores.set(c as Category, (scores.get(c as Category) ?? 0) + w);
  const ranked = [...scores.entries()].filter(([c]) => c !== '其他').sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked[0][1] < CATEGORY.minPrimary) {
    return { category: '其他', secondaryCategories: [], reasons: [] };
  }
  const [primary, top] = ranked[0];
  const secondary = ranked
    .slice(1)
    .filter(([, s]) => s >= CATEGORY.minPrimary && s >= top * CATEGORY.secondaryFraction)
    .slice(0, CATEGORY.maxSecondary)
    .map(([c]) => c);
  const reasons: Reason[] = [];
  for (let k = 0; k < firedCategory.length; k++) {
    const c = firedCategory[k];
    if (c === primary || secondary.includes(c)) reasons.push(reason(RULE[c], firedMatch[k], doc.text));
  }
  sortByStart(reasons);
  return { category: primary, secondaryCategories: secondary, reasons };
}

/** A hit before `k` has the same term (counted once). Linear: these lists hold a handful. */
function termBefore(list: GroupHit[], k: number): boolean {
  const term = list[k].match.info.term;
  for (let j = 0; j < k; j++) if (list[j].match.info.term === term) return true;
  return false;
}
