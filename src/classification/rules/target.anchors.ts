import { Doc, negatedBefore } from '../text/document';
import { DomainHits, groupHits } from '../text/domain.hits';
import { TARGET } from './rules.params';
import type { Reason } from '../classification.types';
import { reason } from '../classification.reasons';
import type { GenreResult } from './genre.rules';
import type { ToneResult } from './tone.scorer';
import type { TermMatch } from '../text/term.index';

/**
 * What each sentence contains, as bits (target.rules.ts), and the tests built on them: who is named, whether the item
 * is about a tax law alone, staff who cannot answer.
 */

/**
 * Groups naming the authority itself (税务局, 专管员, 电子税务局); those naming only its subject, the tax (增值税, 发票,
 * 个税); and the `target` words saying who or what is criticised (工作人员, 窗口, 系统, 政策).
 */
export const NAMING_GROUPS = ['authority', 'etax'] as const;
export const TOPIC_GROUPS = ['service', 'policy', 'fees'] as const;
export const TGT = 1,
  COMPLAINT = 2,
  VERB = 4,
  OBJECT = 8,
  OFFICIAL = 16,
  SCAM = 32,
  FIRST = 64,
  TOPIC = 128,
  NAMED = 256,
  INTEGRITY = 512;

/**
 * The item's tax evidence is the law itself (policy.txt: tax kinds, rates, deductions) and the plain vocabulary of
 * taxpaying (纳税人, 申报, 发票): no authority, system or staff, no service of the authority (办税, 一次性告知, 个税汇算:
 * service.txt's terms of TARGET.serviceNamed weight), no fee it collects, no channel of a bureau.
 */
export function lawOnly(hits: DomainHits, has: number[], channel: boolean): boolean {
  if (channel || !groupHits(hits, 'policy').length || groupHits(hits, 'fees').length) return false;
  for (const h of groupHits(hits, 'service')) if (h.weight >= TARGET.serviceNamed) return false;
  for (let s = 0; s < has.length; s++) if (has[s] & TGT) return false;
  return true;
}

/**
 * The first hit naming the authority itself, or null when any sentence is enforcement news, a notice or a scam
 * warning: there the model's negativity is about the offenders (税务部门强调，将持续保持高压态势).
 */
export function namedHit(doc: Doc, hits: DomainHits, has: number[], neutral: number[]): TermMatch | null {
  if (neutral.includes(1)) return null;
  const ok = (m: TermMatch) => has[doc.sentenceOf[m.tok]] & NAMED;
  for (const m of hits.bureaus) if (ok(m)) return m;
  for (const g of NAMING_GROUPS) for (const h of groupHits(hits, g)) if (ok(h.match)) return h.match;
  return null;
}

/**
 * Where a verdict stands in a post naming nobody (the tone model's in a short post, the complaint model's reason): its
 * first tax-work term (代开, 个税汇算, 社保费), else (a post on a bureau's channel) its first clause.
 */
export function shortPostSubject(doc: Doc, hits: DomainHits): { start: number; end: number } {
  for (const g of TOPIC_GROUPS) {
    const h = groupHits(hits, g)[0];
    if (h) return h.match;
  }
  const n = doc.tokens.length;
  let k = 0;
  while (k < n && doc.tokens[k].trim() === '') k++;
  let end = k;
  while (end < n && doc.clauseOf[end] === doc.clauseOf[k]) end++;
  return { start: k < n ? doc.tokStart[k] : 0, end: doc.tokStart[end] };
}

/** Words by which the writer speaks of themselves (a first-person account, not a report). */
export const FIRST_PERSON = new Set([
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
 * 某区税务局发布核定定额通知: an authority's announcement told as a headline — a verb of issuing, then the kind of
 * document it issued (a word ending in 通知, 公告…), in one sentence. The sentence is official voice, like a term of
 * official.txt; neither word alone is (网友发布视频称…, 收到通知要补税). Returns a mask per sentence (null: none); one
 * pass over the tokens.
 */
const ISSUE_VERBS = new Set(['发布', '印发', '下发', '发出', '公布', '发文']);
const ISSUED_DOCUMENTS = new Set(['通知', '公告', '通告', '公示']);
export function announcedSentences(doc: Doc): Uint8Array | null {
  // Most items hold none of the verbs: a few native scans of the text instead of a walk of the tokens.
  let any = false;
  for (const v of ISSUE_VERBS) any ||= doc.text.includes(v);
  if (!any) return null;
  const issued = new Uint8Array(doc.sentenceCount);
  const announced = new Uint8Array(doc.sentenceCount);
  for (let k = 0; k < doc.tokens.length; k++) {
    const s = doc.sentenceOf[k];
    if (ISSUE_VERBS.has(doc.tokens[k])) issued[s] = 1;
    // by the word's end: jieba keeps 缴费通知 and 停机公告 whole
    else if (issued[s] && ISSUED_DOCUMENTS.has(doc.tokens[k].slice(-2))) announced[s] = 1;
  }
  return announced;
}

/**
 * 明星偷税…活该！支持严查: approval of enforcement (support.txt, not negated) in a post naming an offence or an
 * enforcement act, with no complaint or integrity vocabulary. Returns the first such approval (else null) and marks
 * neutral the sentences telling of the offence, the enforcement or the approval — not a later gripe of the writer's own
 * (可我们小店晚报一天就被罚款，这不是双标吗？): not a first-person account nor a question.
 */
export function supportedEnforcement(
  doc: Doc,
  hits: DomainHits,
  has: number[],
  neutral: number[],
): TermMatch | null {
  const support = groupHits(hits, 'support');
  if (!support.length || !(hits.enforcementVerbs.length || hits.enforcementObjects.length)) return null;
  if (groupHits(hits, 'complaint').length || groupHits(hits, 'integrity').length) return null;
  const approval = support.find((h) => !negatedBefore(doc, h.match))?.match ?? null;
  if (!approval) return null;
  const told = new Uint8Array(has.length);
  for (const m of hits.enforcementVerbs) told[doc.sentenceOf[m.tok]] = 1;
  for (const m of hits.enforcementObjects) told[doc.sentenceOf[m.tok]] = 1;
  for (const h of support) told[doc.sentenceOf[h.match.tok]] = 1;
  // The writer's own account (我们小店也被当成偷税的了) or a question (这不是双标吗？) is a view, not the report.
  for (let k = 0; k < doc.tokens.length; k++)
    if (FIRST_PERSON.has(doc.tokens[k])) told[doc.sentenceOf[k]] = 0;
  for (let s = 0; s < has.length; s++) if (told[s] && !doc.question[s]) neutral[s] = 1;
  return approval;
}

const CANNOT_ANSWER = new Set([
  '不知道',
  '也不知道',
  '都不知道',
  '不清楚',
  '也不清楚',
  '说不清',
  '说不清楚',
  '搞不清',
  '搞不清楚',
  '答不上来',
]);
/** Their first characters: most tokens are turned away by one table read, without hashing the token string. */
const CANNOT_FIRST = new Uint8Array(65536);
for (const w of CANNOT_ANSWER) CANNOT_FIRST[w.charCodeAt(0)] = 1;

/** First token saying "does not know" after the authority or its people are named in the same sentence, or -1. */
export function cannotAnswer(doc: Doc, hits: DomainHits, has: number[]): number {
  if (!has.some((h) => h & NAMED)) return -1;
  for (let k = 0; k < doc.tokens.length; k++) {
    const t = doc.tokens[k];
    if (!CANNOT_FIRST[t.charCodeAt(0)] || !CANNOT_ANSWER.has(t) || !(has[doc.sentenceOf[k]] & NAMED))
      continue;
    for (const g of NAMING_GROUPS)
      for (const h of groupHits(hits, g))
        if (h.match.tokEnd <= k && doc.sentenceOf[h.match.tok] === doc.sentenceOf[k]) return k;
  }
  return -1;
}

/** What someone is made to give or do (不送就…, 不订就…, 不投就…): the verbs of a coerced demand. */
const DEMANDED = new Set([
  '给',
  '送',
  '交',
  '缴',
  '买',
  '订',
  '投',
  '用',
  '签',
  '填',
  '转',
  '转发',
  '关注',
  '下载',
  '配合',
  '参加',
  '表示',
]);

/**
 * The first coerced demand (不送就等着穿小鞋, 不订就办不了, 不投就@你: "give, or else") in a post that names the
 * authority itself, as its first token (不) and the token of 就; null when none. A threat of this shape is a complaint
 * however plainly it is worded; notices, news and advice posts are left out by the caller.
 */
export function coercion(doc: Doc, has: number[]): { from: number; then: number } | null {
  let named = false;
  for (let s = 0; s < has.length; s++) if (has[s] & NAMED) named = true;
  if (!named) return null;
  const t = doc.tokens;
  for (let k = 0; k + 2 < t.length; k++) {
    if (t[k] !== '不' || !DEMANDED.has(t[k + 1])) continue;
    const then = t[k + 2] === '就' ? k + 2 : t[k + 3] === '就' ? k + 3 : -1;
    if (then > 0 && doc.clauseOf[then] === doc.clauseOf[k]) return { from: k, then };
  }
  return null;
}

/** Who a news item says complained (有家长反映, 多名市民…反映): the public, not an office. */
const PUBLIC = new Set([
  '市民',
  '家长',
  '纳税人',
  '缴费人',
  '网民',
  '网友',
  '群众',
  '读者',
  '员工',
  '职工',
  '财务人员',
  '会计',
  '个体户',
  '考生',
  '居民',
  '村民',
  '业主',
  '老板',
  '司机',
]);
const publicSubject = (t: string) => PUBLIC.has(t) || t.endsWith('企业') || t.endsWith('商户');

const ABOUT = new Set(['关于', '针对', '对于']);
/** Verbs by which news relays the public's complaint (有家长反映, 不少网友质疑, 多名商户吐槽); two characters each. */
const RELAYING = new Set(['反映', '质疑', '吐槽', '抱怨', '诟病', '投诉']);
const RELAYING_TEXT = new RegExp([...RELAYING].join('|'));

/**
 * The first relaying verb whose clause names a member of the public before it (有家长反映, 多家企业财务人员反映, 多名市民
 * 在留言平台反映, 不少网友质疑): a news item relaying a complaint; or -1. Not 您反映的 or 关于网民反映…的回复 (an office's
 * reply) nor 向上级反映 (an office passing it on).
 */
export function relayedComplaint(doc: Doc): number {
  // Most items hold no relaying verb: one native scan of the text spares the walk over every token.
  if (!RELAYING_TEXT.test(doc.text)) return -1;
  const t = doc.tokens;
  let subject = -1; // clause in which a member of the public was named
  let about = -1; // clause opened by 关于/针对/对于: a reply's or report's subject (关于网民反映…问题的回复)
  for (let k = 0; k < t.length; k++) {
    const clause = doc.clauseOf[k];
    if (ABOUT.has(t[k])) about = clause;
    else if (publicSubject(t[k])) subject = about === clause ? -1 : clause;
    else if (t[k] === '您' || t[k] === '上级' || t[k] === '向上级') subject = -1;
    else if (RELAYING.has(t[k]) && subject === clause) return k;
  }
  return -1;
}

export function insideTopic(hits: DomainHits, m: TermMatch): boolean {
  for (const g of TOPIC_GROUPS) {
    const list = groupHits(hits, g);
    for (let k = 0; k < list.length; k++) {
      const o = list[k].match;
      if (o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start) return true;
    }
  }
  return false;
}

/** The model's vote (≤ 0): how far its margin exceeds TARGET.modelFrom, weighted and capped; 0 in advice posts. */
export function modelVote(tone: ToneResult, genre: GenreResult): number {
  const m = tone.modelMargin;
  if (m === undefined || genre.advice || tone.refutedFear || m <= TARGET.modelFrom) return 0;
  return -TARGET.modelWeight * Math.min(m - TARGET.modelFrom, TARGET.modelCap);
}

/** Why an item about the authority is not against it: the news, notice, approval or warning the rules read. */
export function framingReasons(
  doc: Doc,
  hits: DomainHits,
  neutral: number[],
  support: TermMatch | null,
  out: Reason[],
): void {
  const { sentenceOf } = doc;
  for (const m of hits.enforcementVerbs)
    if (neutral[sentenceOf[m.tok]]) out.push(reason('target.enforcement-news', m, doc.text));
  for (const h of groupHits(hits, 'official'))
    if (neutral[sentenceOf[h.match.tok]]) out.push(reason('target.official', h.match, doc.text));
  if (support) out.push(reason('target.support', support, doc.text));
  for (const h of groupHits(hits, 'scam'))
    if (neutral[sentenceOf[h.match.tok]]) out.push(reason('target.scam-warning', h.match, doc.text));
}
