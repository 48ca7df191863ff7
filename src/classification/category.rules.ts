import { CATEGORIES, Category, Reason } from './classification.types';
import { Doc, negatedBefore } from './document';
import { DomainHits, groupHits } from './domain.hits';
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
  scores: Partial<Record<Category, number>>;
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
  if (!relevant) return { category: null, secondaryCategories: [], scores: {}, reasons: [] };
  const scores = new Map<Category, number>();
  // What fired, as (category, match) pairs: reasons are built only for the categories chosen.
  const fired: { c: Category; m: TermMatch }[] = [];
  const seen = new Set<string>();
  const add = (c: Category, w: number, m: TermMatch) => {
    scores.set(c, (scores.get(c) ?? 0) + w);
    fired.push({ c, m });
  };
  for (const m of hits.categoryCues) {
    if (negatedBefore(doc, m)) continue;
    const repeat = seen.has(m.info.term);
    seen.add(m.info.term);
    for (const c of m.info.categories) add(c.category, repeat ? c.weight * 0.3 : c.weight, m);
  }
  for (const [group, category, factor] of GROUP_CATEGORY) {
    const gh = groupHits(hits, group);
    if (!gh.length) continue;
    const terms = new Set<string>();
    for (const h of gh) {
      if (terms.has(h.match.info.term)) continue;
      terms.add(h.match.info.term);
      add(category, factor * h.weight, h.match);
    }
  }
  for (const [c, w] of Object.entries(adjust ?? {}))
    if (w) scores.set(c as Category, (scores.get(c as Category) ?? 0) + w);
  const ranked = [...scores.entries()].filter(([c]) => c !== '其他').sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked[0][1] < CATEGORY.minPrimary) {
    return result('其他', [], scores, []);
  }
  const [primary, top] = ranked[0];
  const secondary = ranked
    .slice(1)
    .filter(([, s]) => s >= CATEGORY.minPrimary && s >= top * CATEGORY.secondaryFraction)
    .slice(0, CATEGORY.maxSecondary)
    .map(([c]) => c);
  const reasons: Reason[] = [];
  for (const f of fired) {
    if (f.c === primary || secondary.includes(f.c)) reasons.push(reason(RULE[f.c], f.m, doc.text));
  }
  sortByStart(reasons);
  return result(primary, secondary, scores, reasons);
}

/** `scores` is for diagnostics: built only when read (converting the map for every item cost about a microsecond). */
function result(
  category: Category,
  secondaryCategories: Category[],
  scores: Map<Category, number>,
  reasons: Reason[],
): CategoryResult {
  return {
    category,
    secondaryCategories,
    get scores() {
      return Object.fromEntries(scores) as Partial<Record<Category, number>>;
    },
    reasons,
  };
}
