import type { Reason } from '../classification.types';
import { Doc, negatedBefore } from '../text/document';
import { DomainHits, groupHits } from '../text/domain.hits';
import { GENRE, TARGET } from './rules.params';
import { GenreResult, insideAdvice, isAdviceTerm } from './genre.rules';
import { sortByStart, sortByValue } from '../classification.reasons';
import type { ToneResult } from './tone.scorer';
import { resolvedAt } from './tone.modifiers';
import { zeroedBytes, zeroedFloats } from './scratch.tables';
import type { TermMatch } from '../text/term.index';
import {
  cannotAnswer,
  coercion,
  FIRST,
  lawOnly,
  NAMED,
  namedHit,
  shortPostSubject,
  supportedEnforcement,
  framingReasons,
  modelVote,
  relayedComplaint,
  TGT,
  TOPIC,
} from './target.anchors';
import { sentenceMasks } from './target.sentences';

export interface TargetResult {
  againstAuthority: boolean;
  /** Opinion attributed to the authority (negative = against it). */
  score: number;
  /** > 0 when against the authority. */
  margin: number;
  /**
   * The rules read the item as news, a notice, a warning, an approval of enforcement or an explainer, advert or help
   * request: the complaint model's vote may then only lower the margin (it never learned those shapes apart).
   */
  framed: boolean;
  reasons: Reason[];
}

/**
 * Is the negativity aimed at the tax authority? Opinion counts fully in sentences that name the authority, its staff,
 * systems or work, and less elsewhere. Sentences in which the authority acts (某市税务局查处虚开发票团伙), speaks
 * (税务局提醒 …) or warns of scams are enforcement news, not criticism: their negative words are about the offenders —
 * unless complaint vocabulary (暴力执法, 乱罚款) says the action itself is criticised. In an explainer, advert or help
 * request (genre.rules.ts) only sentences naming the authority itself count fully: 踩坑, 血亏, 被罚款 there are advice.
 */
export function judgeTarget(
  doc: Doc,
  hits: DomainHits,
  tone: ToneResult,
  relevant: boolean,
  genre: GenreResult,
  channel = false,
  /** The complaint model's vote (complaint-model/): > 0 for a complaint, added to the margin. */
  learned = 0,
): TargetResult {
  // Not about the authority: nothing can be aimed at it (and most items a worker sees are not).
  if (!relevant)
    return {
      againstAuthority: false,
      score: 0,
      margin: -TARGET.threshold,
      framed: false,
      reasons: [],
    };
  const n = doc.sentenceCount;
  const sentenceOf = doc.sentenceOf;
  const { has, neutral } = sentenceMasks(doc, hits, tone, genre);
  const reasons: Reason[] = [];
  // 明星偷税…活该！支持严查: the writer approves of the enforcement, so the post's negative words are at the offender.
  const support = supportedEnforcement(doc, hits, has, neutral);
  // (an empty title is a sentence of its own: don't count it)
  const sentences = doc.text.startsWith('\n') ? n - 1 : n;
  const short = sentences <= TARGET.shortSentences;
  // In a long text that names the authority somewhere, opinion in other sentences is about other things.
  let anyTarget = false;
  for (let s = 0; s < n; s++) if (has[s] & (TGT | TOPIC)) anyTarget = true;
  const elsewhere = short ? TARGET.shortTextElsewhere : anyTarget ? 0 : TARGET.longTextElsewhere;
  const topic = Math.max(TARGET.topicSentence, elsewhere);
  // Sentences whose opinion is anchored on the authority: those naming it or who is criticised; and, when the post
  // names the authority itself, those about its tax work.
  let named = false;
  for (let s = 0; s < n; s++) if (has[s] & NAMED) named = true;
  const anchor = named ? TGT | TOPIC : TGT;
  // Integrity vocabulary (收受红包, 吃拿卡要) accuses the authority's people as plainly as a complaint does.
  const complaintHits = groupHits(hits, 'complaint');
  const integrityHits = groupHits(hits, 'integrity');
  const complaints = integrityHits.length ? [...complaintHits, ...integrityHits] : complaintHits;
  let score = 0;
  // The part of it anchored on the authority: opinion in sentences naming it or who is criticised (工作人员, 系统), and
  // complaint vocabulary aimed at authorities by nature (推诿, 刁难, 乱收费). Burden words (太贵, 不合理, 坑) alone
  // criticise a tax or a price, not the authority: a tax explainer or a gripe about a tax rate is no complaint.
  let anchored = 0;
  // Reasons are built only if the verdict is "against": keep the matches and values meanwhile.
  const attributed: { value: number; start: number; end: number; complaint: boolean }[] = [];
  // Looked up by match and by start, not searched: a hostile text repeats a complaint word thousands of times.
  const complaintWeight = new Map<TermMatch, number>();
  for (const h of complaints) if (!complaintWeight.has(h.match)) complaintWeight.set(h.match, h.weight);
  const toneStarts = new Set<number>();
  if (complaints.length) for (const c of tone.contributions) toneStarts.add(c.match.start);
  const complaintStarts = new Set<number>();
  // An emoticon closing a post that names the authority (…请问是要等到明年吗[微笑]) is the writer's face at the whole
  // post, not at its last sentence: it counts as beside the name — unless the post holds news, a notice or a warning.
  const closing = named && !neutral.includes(1) ? n - 1 : -1;
  // Chinese drops a subject already given: sentences after one naming the authority (龙华区税务局给我开了罚单。…事先连个
  // 提醒都没有) go on about it, a chain that a sentence of praise (窗口很快就办好了。晚上又下大雨…: the story moved on) or
  // one naming another tax subject ends — not in news, notices or warnings.
  const carried = zeroedBytes(1, n);
  if (!short && named && !neutral.includes(1)) {
    const praise = zeroedFloats(n);
    for (const c of tone.contributions) praise[c.sentence] += c.value;
    for (let s = 1; s < n; s++)
      if ((has[s - 1] & NAMED || carried[s - 1]) && praise[s - 1] <= 0 && !(has[s] & (TGT | TOPIC)))
        carried[s] = 1;
  }
  for (const c of tone.contributions) {
    if (neutral[c.sentence] || (genre.advice && insideAdvice(genre, c.match))) continue;
    const face = c.kind === 'emoticon' && c.sentence === closing && !(has[c.sentence] & (TGT | TOPIC));
    const w = complaintWeight.get(c.match);
    const isComplaint = w !== undefined;
    const strong = isComplaint && w >= TARGET.strongComplaint;
    const h = has[c.sentence];
    // An advice post criticises the authority only beside its name, in complaint words (窗口推诿) or an own account
    // (我今天被约谈了); its 血亏, 被罚款, 越来越严 are warnings to the reader.
    const factor =
      genre.advice && !(h & NAMED && (isComplaint || h & FIRST))
        ? GENRE.elsewhere
        : isComplaint
          ? TARGET.complaint
          : h & TGT || face
            ? TARGET.inTargetSentence
            : h & TOPIC
              ? topic
              : carried[c.sentence]
                ? TARGET.carriedOver
                : elsewhere;
    score += factor * c.value;
    if (c.value < 0) {
      attributed.push({
        value: factor * c.value,
        start: c.match.start,
        end: c.match.end,
        complaint: isComplaint,
      });
      if (strong || h & anchor || face || carried[c.sentence]) anchored += factor * c.value;
    }
  }
  // Complaint vocabulary that is not also an opinion term still counts (negated: 并非不作为 → mildly positive).
  for (let k = 0; k < complaints.length; k++) {
    const h = complaints[k];
    const repeated = complaintStarts.has(h.match.start); // an earlier complaint hit at the same place
    complaintStarts.add(h.match.start);
    if (neutral[sentenceOf[h.match.tok]] || repeated || resolvedAt(doc, tone.resolved, h.match)) continue;
    if (toneStarts.has(h.match.start)) continue;
    if (genre.advice && (insideAdvice(genre, h.match) || isAdviceTerm(genre, h.match))) continue;
    const f = genre.advice && !(has[sentenceOf[h.match.tok]] & NAMED) ? GENRE.elsewhere : 1;
    const value = f * (negatedBefore(doc, h.match) ? h.weight * 0.5 : -h.weight);
    score += value;
    if (value < 0) {
      attributed.push({ value, start: h.match.start, end: h.match.end, complaint: true });
      if (h.weight >= TARGET.strongComplaint || has[sentenceOf[h.match.tok]] & anchor) anchored += value;
    }
  }
  // 问了专管员也不知道: the authority's people could not answer, a service complaint worded without opinion words.
  const k = cannotAnswer(doc, hits, has);
  if (k >= 0 && !neutral[sentenceOf[k]]) {
    score -= TARGET.cannotAnswer;
    anchored -= TARGET.cannotAnswer;
    const start = doc.tokStart[k];
    attributed.push({
      value: -TARGET.cannotAnswer,
      start,
      end: start + doc.tokens[k].length,
      complaint: true,
    });
  }
  // 不送就等着穿小鞋: a demand under threat, a complaint without opinion words (not in a notice, news or advice post).
  const threat = genre.advice ? null : coercion(doc, has);
  if (threat && !neutral[sentenceOf[threat.from]]) {
    score -= TARGET.coercion;
    anchored -= TARGET.coercion;
    const start = doc.tokStart[threat.from];
    attributed.push({ value: -TARGET.coercion, start, end: doc.tokStart[threat.then + 1], complaint: true });
  }
  // 有家长反映…: news relaying the public's complaint, however neutral its wording (not in a notice or enforcement news).
  const relayed = relayedComplaint(doc);
  if (relayed >= 0 && !neutral[sentenceOf[relayed]]) {
    score -= TARGET.relayed;
    anchored -= TARGET.relayed;
    const start = doc.tokStart[relayed];
    attributed.push({ value: -TARGET.relayed, start, end: start + 2, complaint: true });
  }
  // The tone model reads negativity the lexicons miss (送过礼, 收十块钱工本费, 排长队): when it finds the text negative,
  // the authority is named and no sentence is news, a notice or a scam warning, its verdict counts beside that name.
  const vote = modelVote(tone, genre);
  const law = short && lawOnly(hits, has, channel);
  if (vote < 0) {
    const m = namedHit(doc, hits, has, neutral);
    // A short post is about its subject as a whole (below): there the verdict needs no name (效率也太低了吧！代开一张
    // 专票花了三个小时) — unless the subject is a tax law alone.
    const at = m ?? (short && !law && !neutral.includes(1) ? shortPostSubject(doc, hits) : null);
    if (at) {
      score += vote;
      if (m) anchored += vote;
      attributed.push({ value: vote, start: at.start, end: at.end, complaint: false });
    }
  }
  // A short post is about its subject as a whole (the relevance stage found it is the authority's work) — unless
  // that subject is a tax law alone: no authority, staff, system, procedure or fee named, and no channel of a bureau
  // (增值税13%的税率还是偏高). Then, as in a long post, only complaint words or opinion beside who is criticised count.
  const rules =
    short && !law
      ? -score - TARGET.threshold
      : Math.min(-score - TARGET.threshold, -anchored - TARGET.anchor);
  // The complaint model's vote moves the rules' verdict either way (complaints in words no rule reads, and the
  // opposite) — only down where the rules found the item framed as news, a notice, a warning, an approval of
  // enforcement or advice (区税务局温馨提示：…给您带来不便; 请问…税务局会不会查？), and where the tone model reads the
  // text as clearly not negative (个税现在满二就没有了吧): an alert is a negative opinion, and the complaint model
  // learned which words complaints use, not their tone. It is named where it made the verdict.
  const framed = genre.advice || neutral.includes(1);
  const calm = tone.modelMargin !== undefined && tone.modelMargin < -TARGET.learnedCalm;
  const margin = rules + (framed || calm ? Math.min(0, learned) : learned);
  const againstAuthority = relevant && margin >= 0;
  if (againstAuthority && rules < 0) {
    const at = namedHit(doc, hits, has, neutral) ?? shortPostSubject(doc, hits);
    const { start, end } = at; // (a term match carries more than a reason may)
    reasons.push({ rule: 'target.learned', term: doc.text.slice(start, end), start, end });
  }
  if (againstAuthority) {
    sortByValue(attributed);
    for (let k = 0; k < attributed.length && k < 12; k++) {
      const a = attributed[k];
      const rule = a.complaint ? 'target.complaint' : 'target.authority';
      reasons.push({ rule, term: doc.text.slice(a.start, a.end), start: a.start, end: a.end });
    }
  }
  if (relevant && !againstAuthority) framingReasons(doc, hits, neutral, support, reasons);
  return {
    againstAuthority,
    score,
    margin,
    framed,
    reasons: sortByStart(reasons),
  };
}
