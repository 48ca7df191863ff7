import type { Reason } from './classification.types';
import { Doc, negatedBefore } from './document';
import { DomainHits, groupHits } from './domain.hits';
import { TARGET } from './rules.params';
import { reason, sortByStart } from './classification.reasons';
import type { ToneResult } from './tone.scorer';
import type { TermMatch } from './term.index';

export interface TargetResult {
  againstAuthority: boolean;
  /** Opinion attributed to the authority (negative = against it). */
  score: number;
  /** > 0 when against the authority. */
  margin: number;
  reasons: Reason[];
}

const AUTHORITY_GROUPS = ['authority', 'service', 'etax', 'policy', 'fees', 'target'] as const;
const TGT = 1,
  COMPLAINT = 2,
  VERB = 4,
  OBJECT = 8,
  OFFICIAL = 16,
  SCAM = 32,
  FIRST = 64;
const FIRST_PERSON = new Set([
  '我',
  '我们',
  '俺',
  '俺们',
  '咱',
  '咱们',
  '本人',
  '我家',
  '我店',
  '我司',
  '我公司',
]);

/**
 * Is the negativity aimed at the tax authority? Opinion counts fully in sentences that name the authority, its staff,
 * systems or work, and less elsewhere. Sentences in which the authority acts (某市税务局查处虚开发票团伙), speaks
 * (税务局提醒 …) or warns of scams are enforcement news, not criticism: their negative words are about the offenders —
 * unless complaint vocabulary (暴力执法, 乱罚款) says the action itself is criticised.
 */
export function judgeTarget(doc: Doc, hits: DomainHits, tone: ToneResult, relevant: boolean): TargetResult {
  // Not about the authority: nothing can be aimed at it (and most items a worker sees are not).
  if (!relevant)
    return {
      againstAuthority: false,
      score: 0,
      margin: -TARGET.threshold,
      reasons: [],
    };
  const n = doc.sentenceCount;
  const sentenceOf = doc.sentenceOf;
  // One bit mask per sentence: what it contains.
  const has = new Array<number>(n).fill(0);
  for (const g of AUTHORITY_GROUPS) for (const h of groupHits(hits, g)) has[sentenceOf[h.match.tok]] |= TGT;
  for (const m of hits.bureaus) has[sentenceOf[m.tok]] |= TGT;
  for (const h of groupHits(hits, 'complaint')) has[sentenceOf[h.match.tok]] |= COMPLAINT;
  for (const h of groupHits(hits, 'integrity')) has[sentenceOf[h.match.tok]] |= COMPLAINT;
  for (const h of groupHits(hits, 'official')) has[sentenceOf[h.match.tok]] |= OFFICIAL;
  for (const h of groupHits(hits, 'scam')) has[sentenceOf[h.match.tok]] |= SCAM;
  for (const m of hits.enforcementVerbs) has[sentenceOf[m.tok]] |= VERB;
  for (const m of hits.enforcementObjects) has[sentenceOf[m.tok]] |= OBJECT;
  // First person only matters where a sentence would otherwise read as enforcement news: look only there.
  if (hits.enforcementVerbs.length) {
    for (let k = 0; k < doc.tokens.length; k++) {
      if (has[sentenceOf[k]] & VERB && FIRST_PERSON.has(doc.tokens[k])) has[sentenceOf[k]] |= FIRST;
    }
  }
  const neutral = new Array<number>(n).fill(0);
  const reasons: Reason[] = [];
  for (let s = 0; s < n; s++) {
    const h = has[s];
    if (h & COMPLAINT) continue;
    // Enforcement news names an offence (查处 … 虚开发票团伙); 税务局查处我店 is someone's own account, not news.
    const enforcement = h & VERB && h & OBJECT && !(h & FIRST);
    if (enforcement || h & OFFICIAL || h & SCAM) neutral[s] = 1;
  }
  // (an empty title is a sentence of its own: don't count it)
  const sentences = doc.text.startsWith('\n') ? n - 1 : n;
  const short = sentences <= TARGET.shortSentences;
  // In a long text that names the authority somewhere, opinion in other sentences is about other things.
  let anyTarget = false;
  for (let s = 0; s < n; s++) if (has[s] & TGT) anyTarget = true;
  const elsewhere = short ? TARGET.shortTextElsewhere : anyTarget ? 0 : TARGET.longTextElsewhere;
  // Integrity vocabulary (收受红包, 吃拿卡要) accuses the authority's people as plainly as a complaint does.
  const complaintHits = groupHits(hits, 'complaint');
  const integrityHits = groupHits(hits, 'integrity');
  const complaints = integrityHits.length ? [...complaintHits, ...integrityHits] : complaintHits;
  let score = 0;
  // Reasons are built only if the verdict is "against": keep the matches and values meanwhile.
  const attributed: { value: number; m: TermMatch; complaint: boolean }[] = [];
  for (const c of tone.contributions) {
    if (neutral[c.sentence]) continue;
    let isComplaint = false;
    for (let k = 0; k < complaints.length && !isComplaint; k++) isComplaint = complaints[k].match === c.match;
    const factor = isComplaint
      ? TARGET.complaint
      : has[c.sentence] & TGT
        ? TARGET.inTargetSentence
        : elsewhere;
    score += factor * c.value;
    if (c.value < 0) attributed.push({ value: factor * c.value, m: c.match, complaint: isComplaint });
  }
  // Complaint vocabulary that is not also an opinion term still counts (negated: 并非不作为 → mildly positive).
  for (let k = 0; k < complaints.length; k++) {
    const h = complaints[k];
    if (neutral[sentenceOf[h.match.tok]] || complaints.findIndex((o) => o.match.start === h.match.start) < k)
      continue;
    if (tone.contributions.some((c) => c.match.start === h.match.start)) continue;
    const value = negatedBefore(doc, h.match) ? h.weight * 0.5 : -h.weight;
    score += value;
    if (value < 0) attributed.push({ value, m: h.match, complaint: true });
  }
  const margin = -score - TARGET.threshold;
  const againstAuthority = relevant && margin >= 0;
  if (againstAuthority) {
    sortByValue(attributed);
    for (let k = 0; k < attributed.length && k < 12; k++) {
      const a = attributed[k];
      reasons.push(reason(a.complaint ? 'target.complaint' : 'target.authority', a.m, doc.text));
    }
  }
  if (relevant && !againstAuthority) {
    for (const m of hits.enforcementVerbs)
      if (neutral[sentenceOf[m.tok]]) reasons.push(reason('target.enforcement-news', m, doc.text));
    for (const h of groupHits(hits, 'official'))
      if (neutral[sentenceOf[h.match.tok]]) reasons.push(reason('target.official', h.match, doc.text));
    for (const h of groupHits(hits, 'scam'))
      if (neutral[sentenceOf[h.match.tok]]) reasons.push(reason('target.scam-warning', h.match, doc.text));
  }
  return {
    againstAuthority,
    score,
    margin,
    reasons: sortByStart(reasons),
  };
}

/** Most negative first, stable (as the built-in sort, without its per-call work buffers); the lists are short. */
function sortByValue(xs: { value: number }[]): void {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    let j = i - 1;
    for (; j >= 0 && xs[j].value > x.value; j--) xs[j + 1] = xs[j];
    xs[j + 1] = x;
  }
}
