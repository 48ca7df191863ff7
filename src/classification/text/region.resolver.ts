import type { BureauLevel, BureauRecord } from '../../organisation/bureau-catalog';
import type { Reason, SourceContext } from '../classification.types';
import type { Doc } from './document';
import { DomainHits, groupHits } from './domain.hits';
import type { Gazetteer } from './bureau.gazetteer';
import { reason, sortByStart } from '../classification.reasons';
import type { TermMatch } from './term.index';

export interface RegionResult {
  bureau: { code: string; name: string } | null;
  region: { code: string; name: string; level: BureauLevel } | null;
  /** 'text' (named in the item), 'source' (the source's bureau or region) or null (unassigned: HQ triage). */
  basis: 'text' | 'source' | null;
  reasons: Reason[];
}

interface Mention {
  match: TermMatch;
  candidates: string[];
  strength: number;
  resolved: string | null;
}

const DEPTH: Record<BureauLevel, number> = { national: 0, provincial: 1, prefecture: 2, county: 3 };

/**
 * The most specific bureau the text is about. Bureau names count more than place names, and a place right before an
 * authority word (广东的税务局) more than one merely mentioned. A name shared by several places (朝阳区 in Beijing and in
 * Changchun; 鼓楼区 in four cities) is resolved by the other places mentioned, then by the source's region; if it stays
 * ambiguous it is dropped. Without any usable mention the source's bureau is used; failing that, null (HQ triage).
 */
export function resolveRegion(
  doc: Doc,
  hits: DomainHits,
  gaz: Gazetteer,
  source?: SourceContext | null,
): RegionResult {
  const related = (a: string, b: string) => a === b || gaz.lineage(a).has(b) || gaz.lineage(b).has(a);
  const sourceBureau = sourceBureauOf(gaz, source);
  const mentions = hits.bureaus.length || hits.places.length ? collectMentions(doc, hits) : [];
  if (!mentions.length) return bySource(source, sourceBureau, []);
  for (const m of mentions) m.resolved = resolveMention(m, mentions, related, sourceBureau);
  const reasons: Reason[] = [];
  for (const m of mentions) if (!m.resolved) reasons.push(reason('region.ambiguous', m.match, doc.text));
  const resolved = mentions.filter((m) => m.resolved);
  // A bureau named (青岛市税务局稽查局) or a place right before an authority word outranks places merely mentioned
  // (a court's district in 青岛市黄岛区人民法院): those only disambiguate, and decide when nothing stronger is named.
  const strong = resolved.filter((m) => m.strength >= 2);
  let best: { code: string; score: number; depth: number; first: number } | null = null;
  for (const m of strong.length ? strong : resolved) {
    const code = m.resolved!;
    let score = 0;
    for (const o of resolved) if (related(o.resolved!, code)) score += o.strength;
    const bureau = gaz.bureaus.get(code)!;
    const depth = DEPTH[bureau.level] + (code.length > 2 && bureau.separatelyPlanned ? 1 : 0);
    const first = m.match.start;
    if (
      !best ||
      score > best.score ||
      (score === best.score && (depth > best.depth || (depth === best.depth && first < best.first)))
    ) {
      best = { code, score, depth, first };
    }
  }
  if (best) {
    for (const m of resolved) {
      if (related(m.resolved!, best.code))
        reasons.push(
          reason(m.match.info.bureaus.length ? 'region.bureau' : 'region.place', m.match, doc.text),
        );
    }
    return result(gaz.bureaus.get(best.code)!, 'text', sortByStart(reasons));
  }
  return bySource(source, sourceBureau, reasons);
}

/** Nothing in the text decides: the source's bureau or region, else unassigned (HQ triage). */
function bySource(
  source: SourceContext | null | undefined,
  sourceBureau: BureauRecord | null,
  reasons: Reason[],
): RegionResult {
  if (sourceBureau) {
    reasons.push({ rule: 'region.source', term: source?.name ?? sourceBureau.name, start: 0, end: 0 });
    return result(sourceBureau, 'source', reasons);
  }
  return { bureau: null, region: null, basis: null, reasons };
}

function result(b: BureauRecord, basis: RegionResult['basis'], reasons: Reason[]): RegionResult {
  return {
    bureau: { code: b.code, name: b.name },
    region: b.regionCode ? { code: b.regionCode, name: b.placeName, level: b.level } : null,
    basis,
    reasons,
  };
}

function sourceBureauOf(gaz: Gazetteer, source?: SourceContext | null): BureauRecord | null {
  if (source?.bureauCode) {
    const b = gaz.bureaus.get(source.bureauCode);
    if (b) return b;
  }
  return source?.regionCode ? gaz.bureauForRegion(source.regionCode) : null;
}

/**
 * Bureau names, place names and bare county names read, each in text order: an item naming more is a list or a
 * hostile repetition, and every mention is weighed against every other (朝阳区鼓楼区 × 3,000 took 7 s).
 */
const MAX_MENTIONS = 100;

function collectMentions(doc: Doc, hits: DomainHits): Mention[] {
  const authorityStarts = groupHits(hits, 'authority').map((h) => h.match);
  const named = hits.bureaus.slice(0, MAX_MENTIONS);
  // A bureau name inside a longer one (南山区税务局 in 深圳市南山区税务局) is the same mention.
  const bureaus = named.filter(
    (m) =>
      !named.some(
        (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
      ) &&
      !hqPrefix(doc, m, hits) &&
      !taxWordRun(doc, m),
  );
  const out: Mention[] = bureaus.map((m) => ({
    match: m,
    candidates: m.info.bureaus,
    strength: 2,
    resolved: null,
  }));
  for (const p of hits.places.slice(0, MAX_MENTIONS)) {
    // A place inside a bureau name (深圳市 in 深圳市南山区税务局) adds nothing the name does not say.
    if (named.some((b) => b.start <= p.start && b.end >= p.end)) continue;
    const nearAuthority = authorityStarts.some(
      (a) => a.start >= p.end && doc.clauseOf[a.tok] === doc.clauseOf[p.tok] && a.tok - p.tokEnd <= 1,
    );
    out.push({ match: p, candidates: p.info.places, strength: nearAuthority ? 2 : 1, resolved: null });
  }
  // 福建晋江, 浙江宁波北仑: a county's bare name counts right after a place that contains it.
  for (const st of hits.stems.slice(0, MAX_MENTIONS)) {
    const before = out.filter((o) => o.match.end <= st.start && st.tok - o.match.tokEnd <= 1);
    const candidates = st.info.stemOf.filter((c) =>
      before.some((o) => o.candidates.some((p) => p !== c && isWithin(c, p))),
    );
    if (candidates.length) out.push({ match: st, candidates, strength: 1, resolved: null });
  }
  return out;
}

/** 县 code 350582 is within 35 (and 3505): codes nest by prefix, HQ 00 contains everything. */
function isWithin(code: string, parent: string): boolean {
  return parent === '00' || (code.length > parent.length && code.startsWith(parent));
}

/**
 * 国家税务总局某市税务局局长, 以“国家税务总局某省税务局稽查局”名义: HQ's name as the official prefix of an unnamed lower
 * bureau does not make the item about HQ.
 */
function hqPrefix(doc: Doc, m: TermMatch, hits: DomainHits): boolean {
  if (!m.info.bureaus.includes('00') || m.info.bureaus.length > 1) return false;
  const next = doc.tokens[m.tokEnd] ?? '';
  return (
    /^某|^[省市县区]/.test(next) ||
    groupHits(hits, 'authority').some((a) => a.match.start === m.end && a.match !== m)
  );
}

/** 警方会同税务部门: a county alias ending in 税务 (会同税务) running into 部门/机关/人员 is not that county's name. */
function taxWordRun(doc: Doc, m: TermMatch): boolean {
  return (
    m.info.term.endsWith('税务') && /^[部机人干系工稽总执检登筹师]/.test(doc.text.slice(m.end, m.end + 1))
  );
}

function resolveMention(
  m: Mention,
  all: Mention[],
  related: (a: string, b: string) => boolean,
  sourceBureau: BureauRecord | null,
): string | null {
  if (m.candidates.length === 1) return m.candidates[0];
  const scored = m.candidates.map((c) => {
    let support = 0;
    for (const o of all) {
      if (o === m || o.candidates.every((x) => m.candidates.includes(x))) continue;
      if (o.candidates.some((x) => related(c, x))) support += o.strength / o.candidates.length;
    }
    if (sourceBureau && related(c, sourceBureau.code)) support += 0.5;
    return { c, support };
  });
  const top = Math.max(...scored.map((s) => s.support));
  const tied = scored.filter((s) => s.support === top).map((s) => s.c);
  if (tied.length === 1) return tied[0];
  // 长沙税务局, 承德税务局 (the city, or 长沙县 / 承德县 in it): a name shared by a unit and units inside it reads as the
  // larger one; the county is written with its 县.
  const outer = tied.filter((c) => tied.every((o) => o === c || isWithin(o, c)));
  if (outer.length === 1) return outer[0];
  // 吉林 (the province, or 吉林市 in it), 河北税务 (Hebei, or Tianjin's 河北区): with nothing else to go on, a province's
  // name reads as the province.
  const provincial = tied.filter((c) => c.length === 2);
  return provincial.length === 1 ? provincial[0] : null;
}
