import type { Doc } from '../text/document';
import { distinctWeight, DomainHits, groupHits } from '../text/domain.hits';
import { GENRE, TARGET } from './rules.params';
import type { TermMatch } from '../text/term.index';
import { firstMatchFrom } from '../text/match.search';
import type { ToneResult } from './tone.scorer';

export interface GenreResult {
  /** The post teaches, sells or asks (an explainer, an advert, a help request) rather than complains. */
  advice: boolean;
  score: number;
  /** Advice terms in text order: opinion words inside them (坑 in 避坑指南) are advice, not criticism. */
  terms: TermMatch[];
  /** Length of the longest advice term: how far before a match one containing it can start. */
  longest: number;
}

/** advice.txt words that ask for help; with a question in the post they weigh GENRE.helpRequest more. */
const HELP_REQUEST = new Set([
  '请问',
  '想问',
  '想问一下',
  '问一下',
  '求助',
  '求教',
  '求解答',
  '不懂就问',
  '有没有人',
  '有人知道',
]);

/** Chinese numerals that open a list item when followed by 、 (一、二、). */
const LIST_NUMERALS = new Set([...'一二三四五六七八九十']);

/**
 * Most tax posts on social platforms are accountants' explainers, agents' adverts and questions. They carry negative
 * words (踩坑, 血亏, 麻烦, 被罚款) without a complaint about the authority. Their marks: advice vocabulary
 * (advice.txt: 干货, 划重点, 私信, 请问), topic hashtags (#增值税#) and list markers (1️⃣, ①, 一、). One linear scan.
 */
export function judgeGenre(doc: Doc, hits: DomainHits, tone: ToneResult): GenreResult {
  const adviceHits = groupHits(hits, 'advice');
  let hashes = 0,
    listMarks = 0;
  const t = doc.text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x23 || c === 0xff03) hashes++;
    // keycap digits (1️⃣), circled digits (①), 一、二、
    else if (c === 0x20e3 || (c >= 0x2460 && c <= 0x2473)) listMarks++;
    else if (c === 0x3001 && i > 0 && LIST_NUMERALS.has(t[i - 1])) listMarks++;
  }
  let helpAt = -1; // where the first help-request word stands
  for (let k = 0; k < adviceHits.length && helpAt < 0; k++)
    if (HELP_REQUEST.has(adviceHits[k].match.info.term)) helpAt = adviceHits[k].match.start;
  const help = helpAt >= 0;
  // A help-request word in a post that asks something (请问…这正常吗？) is a question. With complaint words, or
  // criticism outside its questions or before the asking begins (一个注销手续拖了半年，请问…效率就是这样的吗？), it is
  // a rhetorical complaint.
  let asks = !groupHits(hits, 'complaint').some((h) => h.weight >= TARGET.strongComplaint);
  for (let k = 0; k < tone.contributions.length && asks; k++) {
    const c = tone.contributions[k];
    if (c.value < 0 && (!doc.question[c.sentence] || (help && c.match.start < helpAt))) asks = false;
  }
  let question = false;
  for (let s = 0; s < doc.sentenceCount && !question; s++) question = doc.question[s];
  asks = asks && question;
  // #话题# takes two marks: two topics or more is a tagged post, not a single stray #
  const score =
    distinctWeight(adviceHits) +
    (asks && help ? GENRE.helpRequest : 0) +
    (hashes >= 2 * GENRE.hashtags ? GENRE.markWeight : 0) +
    (listMarks >= GENRE.listMarkers ? GENRE.markWeight : 0);
  const terms: TermMatch[] = [];
  let longest = 0;
  for (let k = 0; k < adviceHits.length; k++) {
    const m = adviceHits[k].match;
    terms.push(m);
    if (m.end - m.start > longest) longest = m.end - m.start;
  }
  terms.sort((a, b) => a.start - b.start); // found left to right already; sorted to be sure of it
  return { advice: score >= GENRE.threshold, score, terms, longest };
}

/** The match is itself an advice term: 求助 that made a post a help request does not also appeal against anyone. */
export function isAdviceTerm(g: GenreResult, m: TermMatch): boolean {
  for (
    let k = firstMatchFrom(g.terms, 'start', m.start);
    k < g.terms.length && g.terms[k].start === m.start;
    k++
  )
    if (g.terms[k].end === m.end) return true;
  return false;
}

/** The match lies inside an advice term (坑 in 避坑指南, 罚款 is not inside anything). */
export function insideAdvice(g: GenreResult, m: TermMatch): boolean {
  // Only a term starting at most `longest` before the match's end can contain it.
  for (
    let k = firstMatchFrom(g.terms, 'start', m.end - g.longest);
    k < g.terms.length && g.terms[k].start <= m.start;
    k++
  ) {
    const a = g.terms[k];
    if (a !== m && a.end >= m.end && a.end - a.start > m.end - m.start) return true;
  }
  return false;
}
