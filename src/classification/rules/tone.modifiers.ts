import type { Doc } from '../text/document';
import { TONE } from './rules.params';
import { MATCH_PREFIX_NEGATED, TermMatch } from '../text/term.index';

/** A degree adverb starting with these is a softened negation (不太, 不怎么, 没那么), not an intensifier (非常). */
export const NEGATED_DEGREE_START = new Set(['不', '没', '未']);

/**
 * Words that may stand between a negation or degree adverb and the opinion it governs (不是很满意, 不觉得好吃,
 * 没那么差). Anything else ends the scope: in 没有碰见这么不负责任的 the 没有 governs 碰见, not the opinion.
 */
const GLUE = new Set(
  (
    '是 的 得 地 也 都 还 就 会 能 算 再 那么 这么 那样 这样 怎么 太 很 够 有 所 给 被 让 令 使 对 为 觉得 认为 感觉 觉着 算是 怎么样 ' +
    '那么样 如此 一点 一点儿 些 太过 出现 遇到 碰到 发生 感到 显得 变得 再次 再有 “ ” " 「 」 ‘ ’'
  ).split(' '),
);

const DEMONSTRATIVE = new Set(['这么', '这样', '如此', '这种', '那么', '这般', '那样', '那种']);

/** 这不是为难人吗？ 不就是想多收钱吗？: in a question with 吗, these negations affirm instead of negating. */
const RHETORICAL_NEGATION = new Set(['不是', '不就是', '不也是', '难道不是', '岂不是']);

/** 这不是乱收费是什么？ 这不是刁难人是什么？: 是什么 after the term (one word may stand between), in a question. */
function whatElse(doc: Doc, sel: TermMatch): boolean {
  const s = doc.sentenceOf[sel.tok];
  if (!doc.question[s]) return false;
  const t = doc.tokens;
  for (let k = sel.tokEnd; k <= sel.tokEnd + 1 && k < t.length && doc.sentenceOf[k] === s; k++)
    if (t[k] === '是什么' || (t[k] === '是' && t[k + 1] === '什么')) return true;
  return false;
}

/** The modifiers among pending[0 … count) that govern `sel` (a new list; `pending` is the caller's reused buffer). */
export function governing(doc: Doc, pending: TermMatch[], count: number, sel: TermMatch): TermMatch[] {
  const sentence = doc.sentenceOf[sel.tok];
  const rhetoricalQuestion = doc.question[sentence] && doc.particle[sentence];
  const out: TermMatch[] = [];
  for (let i = 0; i < count; i++)
    if (governs(doc, pending, count, pending[i], sel, rhetoricalQuestion)) out.push(pending[i]);
  return out;
}

function governs(
  doc: Doc,
  pending: TermMatch[],
  count: number,
  p: TermMatch,
  sel: TermMatch,
  rhetoricalQuestion: boolean,
): boolean {
  if (sel.tok - p.tokEnd > TONE.modifierWindow) return false;
  if (RHETORICAL_NEGATION.has(p.info.term) && (rhetoricalQuestion || whatElse(doc, sel))) return false;
  // A negation also reaches over one verb to its object or result (没提交成功, 坚决防止收过头税); never further, and
  // not to a term that carries its own negation (没有碰见这么不负责任的).
  let free = p.info.negation && !NEGATED_DEGREE_START.has(sel.info.term[0]) ? 1 : 0;
  // 没有一个窗口不排长队, 没有一个人不热情: 没有 + a quantified subject + a second negation (a word of its own or the
  // term's own 不) is one double negation.
  if (
    p.info.negation &&
    QUANTIFIER.has(doc.tokens[p.tokEnd]) &&
    (NEGATED_DEGREE_START.has(sel.info.term[0]) || negationBetween(pending, count, p, sel))
  )
    free += 2;
  let verb = false;
  for (let k = p.tokEnd; k < sel.tok; k++) {
    if (coveredByOther(pending, count, p, k)) {
      // 没有碰见这么差的: after the verb, a demonstrative makes the opinion the verb's object, outside the negation.
      if (verb && DEMONSTRATIVE.has(doc.tokens[k])) return false;
      continue;
    }
    if (GLUE.has(doc.tokens[k])) {
      if (verb && DEMONSTRATIVE.has(doc.tokens[k])) return false;
      // 不订就办不了, 没交就被罚: 不 + a verb + 就 is a condition and its outcome; the negation stays in the condition.
      if (verb && doc.tokens[k] === '就') return false;
      continue;
    }
    if (free-- <= 0) return false;
    verb = true;
  }
  return true;
}

const QUANTIFIER = new Set([
  '一个',
  '一家',
  '一位',
  '一处',
  '一次',
  '一人',
  '哪个',
  '哪家',
  '哪一个',
  '任何',
  '谁',
]);

/** Another pending negation lies between p and sel (没有一个窗口 *不* 排长队). */
function negationBetween(pending: TermMatch[], count: number, p: TermMatch, sel: TermMatch): boolean {
  for (let i = 0; i < count; i++) {
    const o = pending[i];
    if (o !== p && o.info.negation && o.tok >= p.tokEnd && o.tokEnd <= sel.tok) return true;
  }
  return false;
}

/** Token k lies inside one of the other pending modifiers. */
function coveredByOther(pending: TermMatch[], count: number, p: TermMatch, k: number): boolean {
  for (let i = 0; i < count; i++) {
    const o = pending[i];
    if (o !== p && o.tok <= k && k < o.tokEnd) return true;
  }
  return false;
}

/** Negation and degree before an opinion term, in clause order. */
export function modified(m: TermMatch, mods: TermMatch[]): number {
  const w = m.info.sentiment;
  let negs = m.flags & MATCH_PREFIX_NEGATED ? 1 : 0;
  let deg = 1;
  let negThenDegree = false;
  let sawNeg = false;
  for (const mod of mods) {
    const negatedDegree = mod.info.degree > 0 && NEGATED_DEGREE_START.has(mod.info.term[0]); // 不太, 不怎么, 不够
    if (mod.info.negation || negatedDegree) {
      negs++;
      sawNeg = true;
      if (negatedDegree) negThenDegree = true;
    } else if (mod.info.degree) {
      deg *= mod.info.degree;
      if (sawNeg) negThenDegree = true;
    }
  }
  if (sawNeg && m.info.leadingDegree) negThenDegree = true;
  deg = Math.min(deg, TONE.maxDegree);
  if (negs % 2 === 1) {
    if (negThenDegree) return -w * TONE.negatedDegree; // 不是很满意, 不太好
    return w > 0 ? -w * deg * TONE.negatedPositive : -w * deg * TONE.negatedNegative;
  }
  if (negs >= 2) return w * deg * TONE.doubleNegation;
  return w * deg;
}

/** Potential complements that deny the verb before them: 享受不了, 享受不到, 开心不起来 (the praise cannot be had). */
const POST_NEGATION = new Set(['不了', '不到', '不上', '不起', '不成', '不起来']);
const AFTER_BU = new Set(['了', '到', '上', '起', '成', '起来']);

/**
 * Praise denied by a potential complement right after it in its clause (享受/不了, 开心/不/起来). Praise only: after a
 * negative word the same complement is as often part of a complaint (伤不起) as a denial of it (差不了).
 */
export function deniedAfter(doc: Doc, m: TermMatch): boolean {
  const t = doc.tokens;
  const k = m.tokEnd;
  if (m.info.sentiment <= 0 || k >= t.length || doc.clauseOf[k] !== doc.clauseOf[m.tok]) return false;
  return POST_NEGATION.has(t[k]) || (t[k] === '不' && k + 1 < t.length && AFTER_BU.has(t[k + 1]));
}

const RESOLVING = new Set(['解决', '化解', '摆平', '搞定', '解除']);
const RESOLVING_TEXT = new RegExp([...RESOLVING].join('|'));
const NOT_DONE = new Set(['没', '没有', '未', '不', '没能', '无法', '难以', '还没', '还没有', '尚未']);

/**
 * 帮我们解决了拖了半年的历史遗留问题: opinion and complaint words after a completed resolution (解决了, 化解了) in its
 * clause name the problem that was solved, not a complaint. Returns clause → token of its first completed resolution,
 * or null when there is none. Not 没解决 or 解决问题的态度太差 (no 了: nothing was solved). One pass over the tokens.
 */
export function resolutions(doc: Doc): Map<number, number> | null {
  if (!RESOLVING_TEXT.test(doc.text)) return null; // one native scan spares the walk over the tokens
  const t = doc.tokens;
  let from: Map<number, number> | null = null;
  for (let k = 0; k + 1 < t.length; k++)
    if (
      RESOLVING.has(t[k]) &&
      (t[k + 1] === '了' || t[k + 1] === '掉') &&
      !(k > 0 && NOT_DONE.has(t[k - 1])) &&
      !from?.has(doc.clauseOf[k])
    )
      (from ??= new Map()).set(doc.clauseOf[k], k);
  return from;
}

/** The match stands after a completed resolution in its clause (resolutions()). */
export function resolvedAt(doc: Doc, from: Map<number, number> | null, m: TermMatch): boolean {
  if (!from) return false;
  const k = from.get(doc.clauseOf[m.tok]);
  return k !== undefined && m.tok > k;
}

/** Drops from `cs` (in place) the negative contributions that name a solved problem. */
export function dropResolved(
  doc: Doc,
  from: Map<number, number> | null,
  cs: { match: TermMatch; value: number }[],
): void {
  if (!from) return;
  let n = 0;
  for (const c of cs) if (c.value >= 0 || !resolvedAt(doc, from, c.match)) cs[n++] = c;
  cs.length = n;
}
