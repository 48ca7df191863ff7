import { calledScams } from './scam.called';
import type { Doc } from './document';
import {
  DOMAIN_GROUPS,
  DomainGroup,
  TERM_BUREAU,
  TERM_CATEGORIES,
  TERM_DOMAIN,
  TERM_ENFORCEMENT,
  TERM_FOREIGN,
  TERM_GRADES,
  TERM_GROUPS,
  TERM_PLACE,
  TERM_STEM,
} from '../lexicon/lexicon.types';
import { firstMatchFrom } from './match.search';
import type { TermMatch } from './term.index';

const GROUP_INDEX = Object.fromEntries(DOMAIN_GROUPS.map((g, i) => [g, i])) as Record<DomainGroup, number>;

export interface GroupHit {
  match: TermMatch;
  group: DomainGroup;
  weight: number;
}

/** Domain evidence of one document, with foreign-office mentions already separated out. */
export interface DomainHits {
  /** Hits per group, indexed by the group's position in DOMAIN_GROUPS; a term in several groups appears in each. */
  byGroup: GroupHit[][];
  /** Bureau-name matches not about a foreign office. */
  bureaus: TermMatch[];
  /** Place-name matches (深圳市, 朝阳区, 广东 …). */
  places: TermMatch[];
  /** County names without their suffix (晋江, 北仑): used only right after a place containing them. */
  stems: TermMatch[];
  /** Authority/bureau mentions discarded because they are about another jurisdiction (美国国税局, 香港税务局). */
  foreignSuppressed: TermMatch[];
  /** Another jurisdiction is named anywhere in the text (美国, 英国政府, 香港). */
  foreignNamed: boolean;
  enforcementVerbs: TermMatch[];
  enforcementObjects: TermMatch[];
  categoryCues: TermMatch[];
  gradeCues: TermMatch[];
  /** Impersonation verbs followed by the authority (冒充深圳市南山区税务局的工作人员, 自称是稽查局的). */
  impersonation: TermMatch[];
  /** Scam words said of the authority (税务局简直是骗子): an insult, taken out of the scam group and cues. */
  calledScams: TermMatch[];
}

/**
 * The shared empty group list. Not frozen (a frozen array has its own elements kind, and for-of loops over the lists
 * then fell back to the generic iterator, allocating a result per element); only collectHits writes the lists.
 */
const NO_HITS: GroupHit[] = [];

/** Groups whose terms name the tax authority (or its systems and work), i.e. what a foreign prefix can disown. */
const AUTHORITY_LIKE = new Set<DomainGroup>(['authority', 'service', 'etax', 'policy', 'fees']);

/** Tokens between a jurisdiction (美国, 香港) and an authority word for the latter to be read as that jurisdiction's. */
const FOREIGN_REACH = 3;

export function collectHits(doc: Doc): DomainHits {
  // Most groups have no hit in an item: they share one empty list until their first hit.
  const byGroup: GroupHit[][] = new Array<GroupHit[]>(DOMAIN_GROUPS.length).fill(NO_HITS);
  const hits: DomainHits = {
    byGroup,
    bureaus: [],
    places: [],
    stems: [],
    foreignSuppressed: [],
    foreignNamed: false,
    enforcementVerbs: [],
    enforcementObjects: [],
    categoryCues: [],
    gradeCues: [],
    impersonation: [],
    calledScams: [],
  };
  const foreign: TermMatch[] = [];
  for (const m of doc.matches) if (m.flags & TERM_FOREIGN) foreign.push(m);
  hits.foreignNamed = foreign.length > 0;
  // A foreign name containing m, or ending within reach before it: only those starting at most a term's span of
  // tokens before m can (foreign is in text order; a scan of all of them per match was quadratic on hostile texts).
  const isForeign = (m: TermMatch): boolean => {
    for (
      let k = firstMatchFrom(foreign, 'tok', m.tok - FOREIGN_REACH - NAME_TOKENS);
      k < foreign.length;
      k++
    ) {
      const f = foreign[k];
      if (f.tok > m.tok) break;
      if (
        f !== m &&
        ((f.start <= m.start && f.end >= m.end) ||
          (f.end <= m.start &&
            doc.clauseOf[f.tok] === doc.clauseOf[m.tok] &&
            m.tok - f.tokEnd < FOREIGN_REACH))
      )
        return true;
    }
    return false;
  };
  for (const m of doc.matches) {
    const f = m.flags; // summary bits: TermInfo fields are read only when set
    if (!(f & TERM_DOMAIN)) continue;
    if (f & TERM_BUREAU) {
      if (isForeign(m)) hits.foreignSuppressed.push(m);
      else hits.bureaus.push(m);
    }
    if (f & TERM_PLACE) hits.places.push(m);
    if (f & TERM_STEM) hits.stems.push(m);
    if (f & TERM_ENFORCEMENT) {
      if (m.info.enforcement === 'verb') hits.enforcementVerbs.push(m);
      else hits.enforcementObjects.push(m);
    }
    if (f & TERM_CATEGORIES) hits.categoryCues.push(m);
    if (f & TERM_GRADES) hits.gradeCues.push(m);
    if (!(f & TERM_GROUPS)) continue;
    const groups = m.info.groups;
    for (let j = 0; j < groups.length; j++) {
      const g = groups[j];
      if (foreign.length && AUTHORITY_LIKE.has(g.group) && isForeign(m)) {
        hits.foreignSuppressed.push(m);
        continue;
      }
      const gi = GROUP_INDEX[g.group];
      if (byGroup[gi] === NO_HITS) byGroup[gi] = [];
      byGroup[gi].push({ match: m, group: g.group, weight: g.weight });
    }
  }
  // 崩了 inside 又崩了 is the same evidence: keep only the longest match of a group, category or signal.
  for (let g = 0; g < byGroup.length; g++) {
    if (byGroup[g].length > 1) {
      byGroup[g] = outermost(byGroup[g], hitMatch, heavierOuter);
    }
  }
  // 税务局简直是骗子: an insult aimed at the authority, not a scam (scam.called.ts)
  const scams = byGroup[GROUP_INDEX.scam];
  if (scams.length && byGroup[GROUP_INDEX.authority].length) {
    const called = calledScams(doc, scams, byGroup[GROUP_INDEX.authority]);
    if (called.length) {
      hits.calledScams = called.map((h) => h.match);
      const insults = new Set(hits.calledScams);
      byGroup[GROUP_INDEX.scam] = scams.filter((h) => !insults.has(h.match));
      hits.categoryCues = hits.categoryCues.filter(
        (m) => !insults.has(m) || m.info.categories.some((c) => c.category !== '涉税诈骗'),
      );
    }
  }
  if (hits.categoryCues.length > 1) hits.categoryCues = outermost(hits.categoryCues, itself);
  if (hits.gradeCues.length > 1) hits.gradeCues = outermost(hits.gradeCues, itself);
  const verbs = byGroup[GROUP_INDEX.impersonation];
  if (verbs.length) hits.impersonation = impersonations(doc, verbs, hits);
  return hits;
}

/** Tokens after an impersonation verb within which the authority must be named. */
const IMPERSONATION_REACH = 6;
const NAME_FIRST = new Set(['名义', '以名义', '旗号']);

function impersonations(doc: Doc, verbs: GroupHit[], hits: DomainHits): TermMatch[] {
  const named: TermMatch[] = [...hits.bureaus];
  for (const g of AUTHORITY_LIKE) for (const h of groupHits(hits, g)) named.push(h.match);
  // By token, so each verb looks only at the names within reach of it (a hostile text repeats 冒充税务局 thousands of
  // times; comparing every verb with every name was quadratic).
  named.sort((a, b) => a.tok - b.tok);
  const out: TermMatch[] = [];
  for (const { match: v } of verbs) {
    const first = NAME_FIRST.has(v.info.term);
    // 以“XX税务局”名义: the name ends at most REACH tokens before 名义 (a name spans at most NAME_TOKENS tokens);
    // 冒充XX税务局: it starts at most REACH tokens after the verb.
    const from = first ? v.tok - IMPERSONATION_REACH - NAME_TOKENS : v.tokEnd - 1;
    const to = first ? v.tok : v.tokEnd + IMPERSONATION_REACH;
    for (let k = firstMatchFrom(named, 'tok', from); k < named.length && named[k].tok <= to; k++) {
      const a = named[k];
      if (doc.sentenceOf[a.tok] !== doc.sentenceOf[v.tok]) continue;
      const near = first
        ? a.end <= v.start &&
          v.tok - a.tokEnd <= IMPERSONATION_REACH &&
          !phraseOpensAfter(doc, a.tokEnd, v.tok)
        : a.start >= v.end && a.tok - v.tokEnd <= IMPERSONATION_REACH;
      if (near) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

/** Words that open a 以…名义 phrase: 以“税务局”名义, 打着税务局的旗号. */
const PHRASE_OPENERS = new Set(['以', '打着', '借', '假借', '借用', '盗用']);

/**
 * Whether a 以…名义 phrase opens between a name and 名义: then the name is the actor, not the name used.
 * 某县税务局以“协税护税经费”名义摊派 is the bureau's own act; 以税务局名义 names the bureau inside the phrase.
 */
function phraseOpensAfter(doc: Doc, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (PHRASE_OPENERS.has(doc.tokens[k])) return true;
  return false;
}

/** Tokens a lexicon term spans at most (国家税务总局某某省税务局稽查局第一稽查局 is about ten). */
const NAME_TOKENS = 24;

// Accessors for outermost, defined once: arrow functions written at the call would be allocated for every item.
const hitMatch = (h: GroupHit) => h.match;
const heavierOuter = (inner: GroupHit, outer: GroupHit) => outer.weight >= inner.weight;
const itself = (m: TermMatch) => m;

/**
 * Drops entries inside a longer one (that also `covers` it: 税务局窗口 weighs less than the 税务局 inside it). An entry
 * can only lie inside one that starts at most the longest entry's length before it, so with the list in text order
 * (matches are found left to right) only that window is searched: linear in the list, however many hits a hostile
 * text repeats (求助 × 10,000 took 0.8 s when every pair was compared). Plain loops: filter/some allocated closures.
 */
function outermost<T>(list: T[], m: (t: T) => TermMatch, covers?: (inner: T, outer: T) => boolean): T[] {
  let longest = 0;
  let ordered = true;
  for (let i = 0; i < list.length; i++) {
    const x = m(list[i]);
    if (x.end - x.start > longest) longest = x.end - x.start;
    if (i > 0 && x.start < m(list[i - 1]).start) ordered = false;
  }
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    const x = m(a);
    let inside = false;
    // In text order: entries from `longest` before x up to the last one starting where x starts; else all of them.
    let j = ordered ? i : 0;
    while (ordered && j > 0 && m(list[j - 1]).start >= x.end - longest) j--;
    for (; j < list.length && !inside; j++) {
      const b = list[j];
      const y = m(b);
      if (ordered && y.start > x.start) break;
      inside =
        y !== x &&
        y.start <= x.start &&
        y.end >= x.end &&
        y.end - y.start > x.end - x.start &&
        (!covers || covers(a, b));
    }
    if (!inside) out.push(a);
  }
  return out;
}

export function groupHits(h: DomainHits, group: DomainGroup): GroupHit[] {
  return h.byGroup[GROUP_INDEX[group]];
}

/**
 * Sum of weights counting each distinct term once, at its highest weight (repetition is not extra evidence). Summed
 * in order of first occurrence; nested loops rather than a Map: the lists hold a handful of hits.
 */
export function distinctWeight(hits: GroupHit[]): number {
  // A hostile text repeats terms thousands of times: the loops below are quadratic, a Map (insertion order is first
  // occurrence, so the sum is the same) is not.
  if (hits.length > 16) return distinctWeightByMap(hits);
  let s = 0;
  outer: for (let k = 0; k < hits.length; k++) {
    const term = hits[k].match.info.term;
    for (let j = 0; j < k; j++) if (hits[j].match.info.term === term) continue outer;
    let w = 0;
    for (let j = k; j < hits.length; j++)
      if (hits[j].match.info.term === term) w = Math.max(w, hits[j].weight);
    s += w;
  }
  return s;
}

function distinctWeightByMap(hits: GroupHit[]): number {
  const best = new Map<string, number>();
  for (const h of hits) {
    const w = best.get(h.match.info.term);
    if (w === undefined || h.weight > w) best.set(h.match.info.term, h.weight);
  }
  let s = 0;
  for (const w of best.values()) s += w;
  return s;
}
