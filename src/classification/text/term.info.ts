import * as F from '../lexicon/lexicon.types';
import type { TermInfo } from '../lexicon/lexicon.types';

/** The same TermInfo with one fixed property order (one hidden class for all terms). */
export function canonical(i: TermInfo): TermInfo {
  return {
    term: i.term,
    sentiment: i.sentiment,
    degree: i.degree,
    leadingDegree: i.leadingDegree,
    negation: i.negation,
    contrast: i.contrast,
    emoticon: i.emoticon,
    irony: i.irony,
    ironyPraise: i.ironyPraise,
    rhetorical: i.rhetorical,
    denial: i.denial,
    enforcement: i.enforcement,
    groups: i.groups,
    categories: i.categories,
    grades: i.grades,
    bureaus: i.bureaus,
    places: i.places,
    stemOf: i.stemOf,
    flags: 0,
  };
}

/** Carries tone: opinion, emoticon, irony, rhetoric, denial, negation, degree or contrast. */
export function isToneTerm(i: TermInfo): boolean {
  return !!(
    i.sentiment ||
    i.emoticon ||
    i.irony ||
    i.rhetorical ||
    i.denial ||
    i.negation ||
    i.degree ||
    i.contrast
  );
}

/** Carries tone and nothing else (no domain meaning). */
export function isPureTone(i: TermInfo): boolean {
  return isToneTerm(i) && !hasDomainMeaning(i);
}

/** A group, category, grade signal, bureau, place, county stem or enforcement role. */
export function hasDomainMeaning(i: TermInfo): boolean {
  return !!(
    i.groups.length ||
    i.categories.length ||
    i.grades.length ||
    i.bureaus.length ||
    i.places.length ||
    i.stemOf.length ||
    i.enforcement
  );
}

/** TermInfo.flags for a term (see TERM_* in lexicon.types). */
export function summaryFlags(i: TermInfo): number {
  const bit = (on: unknown, b: number) => (on ? b : 0);
  return (
    bit(hasDomainMeaning(i), F.TERM_DOMAIN) |
    bit(
      i.groups.some((g) => g.group === 'foreign'),
      F.TERM_FOREIGN,
    ) |
    bit(isToneTerm(i), F.TERM_TONE) |
    bit(i.negation, F.TERM_NEGATION) |
    bit(i.sentiment, F.TERM_SENTIMENT) |
    bit(i.degree, F.TERM_DEGREE) |
    bit(i.emoticon, F.TERM_EMOTICON) |
    bit(i.irony, F.TERM_IRONY) |
    bit(i.rhetorical, F.TERM_RHETORICAL) |
    bit(i.denial, F.TERM_DENIAL) |
    bit(i.contrast, F.TERM_CONTRAST) |
    bit(i.bureaus.length, F.TERM_BUREAU) |
    bit(i.places.length, F.TERM_PLACE) |
    bit(i.stemOf.length, F.TERM_STEM) |
    bit(i.groups.length, F.TERM_GROUPS) |
    bit(i.categories.length, F.TERM_CATEGORIES) |
    bit(i.grades.length, F.TERM_GRADES) |
    bit(i.enforcement, F.TERM_ENFORCEMENT)
  );
}

/** Two entries for one folded key (APP / app): annotations combined. */
export function mergeInfo(a: TermInfo, b: TermInfo): TermInfo {
  return {
    ...a,
    ...Object.fromEntries(
      Object.entries(b).filter(([, v]) => v !== 0 && v !== null && v !== false && !Array.isArray(v)),
    ),
    term: a.term,
    groups: [...a.groups, ...b.groups],
    categories: [...a.categories, ...b.categories],
    grades: [...a.grades, ...b.grades],
    bureaus: [...new Set([...a.bureaus, ...b.bureaus])],
    places: [...new Set([...a.places, ...b.places])],
    stemOf: [...new Set([...a.stemOf, ...b.stemOf])],
  } as TermInfo;
}
