import type { TermInfo } from './lexicon/lexicon.types';

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

/** Carries tone and nothing else (no domain meaning). */
export function isPureTone(i: TermInfo): boolean {
  const tone =
    i.sentiment || i.degree || i.negation || i.contrast || i.emoticon || i.irony || i.rhetorical || i.denial;
  const domain =
    i.groups.length ||
    i.categories.length ||
    i.grades.length ||
    i.bureaus.length ||
    i.places.length ||
    i.stemOf.length ||
    i.enforcement;
  return !!tone && !domain;
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
