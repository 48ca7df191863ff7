import { toSimplified } from './script.normalize';
import { TERM_NEGATION } from '../lexicon/lexicon.types';
import type { Segmenter } from './segmenter';
import { MATCH_PREFIX_NEGATED, TermIndex, TermMatch } from './term.index';
import { firstMatchFrom } from './match.search';

/**
 * One item prepared for the rules: segmented once, every lexicon term found once. All offsets index `text`, which is
 * `title + '\n' + body` (the offsets reported in reasons).
 */
export interface Doc {
  text: string;
  tokens: string[];
  /**
   * Start offset of each token; `tokStart[tokens.length] === text.length`. These per-token tables may be longer than
   * the token count (reused buffers): read them only at token indexes.
   */
  tokStart: Int32Array;
  /** Clause (split at ，、；： spaces …) and sentence (split at 。！？ newlines …) of each token. */
  clauseOf: Int32Array;
  sentenceOf: Int32Array;
  sentenceCount: number;
  /** Per sentence: it ends with a question mark. */
  question: boolean[];
  /** Per sentence: it has a question particle 吗/么/嘛 (这不是为难人吗？ — a rhetorical 不是 affirms). */
  particle: boolean[];
  /** Aligned lexicon terms in text order (see TermIndex.match). */
  matches: TermMatch[];
  /** The negation terms among them (不, 没有, 并非 …), for scope checks. */
  negations: TermMatch[];
}

/** Punctuation classes by character code (a table, not a Set of strings: this runs for every token of every item). */
const CLAUSE = 1;
const SENTENCE = 2;
const QUESTION = 3;
const PUNCT = (() => {
  const t = new Uint8Array(65536);
  for (const c of '，,、：: \t\u3000~～（）()—|/') t[c.charCodeAt(0)] = CLAUSE;
  for (const c of '。！!\n…；;') t[c.charCodeAt(0)] = SENTENCE;
  for (const c of '？?') t[c.charCodeAt(0)] = QUESTION;
  return t;
})();

/**
 * Scratch per-offset tables for the term walk (token at / token containing each offset). They never leave buildDoc, so
 * one pair is reused across items (classification is synchronous): allocating and filling two arrays the size of the
 * text per item was a good share of the young-generation garbage.
 */
let tokAtBuf = new Int32Array(1024);
let tokOfBuf = new Int32Array(1024);
/** The text's code units, case- and width-folded once here: the term walks read each several times. */
let charsBuf = new Uint16Array(1024);
/**
 * The per-token tables of the latest document built as `scratch` (by classify(), which never keeps a Doc). Garbage
 * costs this classifier twice: the allocation, and the cache lines fresh memory takes from jieba's tables (measured:
 * about 0.4 µs per KB an item); these three were a tenth of it.
 */
let tokStartBuf = new Int32Array(256);
let clauseOfBuf = new Int32Array(256);
let sentenceOfBuf = new Int32Array(256);

/**
 * `scratch`: the document's per-token tables are shared buffers, valid until the next scratch build (for a caller
 * that is done with the document before building another). Otherwise they are the document's own.
 */
export function buildDoc(
  title: string,
  body: string,
  segmenter: Segmenter,
  index: TermIndex,
  scratch = false,
): Doc {
  // (traditional script read as simplified, offsets kept: script.normalize.ts)
  const text = toSimplified(`${title ?? ''}\n${body ?? ''}`);
  const tokens = segmenter.cut(text);
  const n = tokens.length;
  if (scratch && tokStartBuf.length <= n) {
    const size = 1 << (32 - Math.clz32(n + 1));
    tokStartBuf = new Int32Array(size);
    clauseOfBuf = new Int32Array(size);
    sentenceOfBuf = new Int32Array(size);
  }
  const tokStart = scratch ? tokStartBuf : new Int32Array(n + 1);
  const clauseOf = scratch ? clauseOfBuf : new Int32Array(n);
  const sentenceOf = scratch ? sentenceOfBuf : new Int32Array(n);
  if (tokAtBuf.length <= text.length) {
    const size = 1 << (32 - Math.clz32(text.length + 1));
    tokAtBuf = new Int32Array(size);
    tokOfBuf = new Int32Array(size);
    charsBuf = new Uint16Array(size);
  }
  const tokAt = tokAtBuf;
  const tokOf = tokOfBuf;
  const chars = charsBuf;
  tokAt.fill(-1, 0, text.length + 1);
  const question: boolean[] = [];
  const particle: boolean[] = [];
  let pos = 0;
  let clause = 0;
  let sentence = 0;
  let lastQuestion = false;
  for (let k = 0; k < n; k++) {
    const len = tokens[k].length;
    tokStart[k] = pos;
    tokAt[pos] = k;
    for (let p = pos; p < pos + len; p++) {
      tokOf[p] = k;
      // text.fold's fold(), inlined by hand: an imported call in this loop was not inlined (measured 2-3 µs an item).
      let c = text.charCodeAt(p);
      if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5a) c += 32;
      } else if (c >= 0xff01 && c <= 0xff5e) c = c >= 0xff21 && c <= 0xff3a ? c - 0xfee0 + 32 : c - 0xfee0;
      else if (c === 0x3000) c = 0x20;
      chars[p] = c;
    }
    clauseOf[k] = clause;
    sentenceOf[k] = sentence;
    const ch = text.charCodeAt(pos);
    if (len === 1 && (ch === 0x5417 || ch === 0x4e48 || ch === 0x561b)) particle[sentence] = true;
    const kind = ch >= 0x4e00 && ch <= 0x9fff ? 0 : PUNCT[ch]; // Han characters first: no table access
    pos += len;
    if (kind >= SENTENCE) {
      if (kind === QUESTION) lastQuestion = true;
      // A run of end marks (？！, ！！！) closes one sentence: wait for the next real token.
      if (pos >= text.length || PUNCT[text.charCodeAt(pos)] < SENTENCE) {
        question[sentence] = lastQuestion;
        lastQuestion = false;
        sentence++;
        clause++;
      }
    } else if (kind === CLAUSE) {
      clause++;
    }
  }
  tokStart[n] = pos;
  tokAt[pos] = n;
  tokOf[pos] = n;
  if (question.length <= sentence) question[sentence] = lastQuestion;
  // jieba returns every character; if it ever did not, fall back to one token per character rather than misalign.
  if (pos !== text.length) return buildDoc(title, body, { cut: (t) => [...t], userWords: 0 }, index, scratch);
  const matches = index.match(text, chars, tokOf, tokAt);
  const negations: TermMatch[] = [];
  for (const m of matches) if (m.flags & TERM_NEGATION) negations.push(m);
  return {
    text,
    tokens,
    tokStart,
    clauseOf,
    sentenceOf,
    sentenceCount: sentence + 1,
    question,
    particle,
    matches,
    negations,
  };
}

/** A negation (不, 没有, 并非 …) in the same clause within `window` tokens before the match, or a 不-prefixed token. */
/** Tokens a negation term spans at most (从来都没有 is three). */
const NEGATION_TOKENS = 8;

export function negatedBefore(doc: Doc, m: TermMatch, window = 3): TermMatch | null {
  if (m.flags & MATCH_PREFIX_NEGATED) return m;
  // Negations are in text order: start at the first that could end within the window (a negation spans a few tokens)
  // rather than at the text's start, which made a hostile text of thousands of them quadratic.
  const negs = doc.negations;
  for (let k = firstMatchFrom(negs, 'tok', m.tok - window - NEGATION_TOKENS); k < negs.length; k++) {
    const other = negs[k];
    if (other.start >= m.start) break;
    if (other.end > m.start) continue;
    if (doc.clauseOf[other.tok] === doc.clauseOf[m.tok] && m.tok - other.tokEnd < window) return other;
  }
  return null;
}
