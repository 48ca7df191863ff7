import type { TermInfo } from '../lexicon/lexicon.types';

/**
 * What TermIndex.match finds: a lexicon term at an offset of the text, with its tokens and flags; and the character
 * classes its walk tests inline.
 */

/** Aspect and modal particles that may follow a word inside its token (崩溃了). */
export function isParticle(c: number): boolean {
  // 了 着 过 啦 喽 呢 吧; comparisons rather than an array's includes(): a builtin call on every walk
  return (
    c === 0x4e86 ||
    c === 0x7740 ||
    c === 0x8fc7 ||
    c === 0x5566 ||
    c === 0x55bd ||
    c === 0x5462 ||
    c === 0x5427
  );
}

/** Characters that negate the rest of a jieba token (不好, 没用, 无效 …) when that rest is an opinion term. */
export function isNegatingPrefix(c: number): boolean {
  // 不 没 无 未 非 别
  return c === 0x4e0d || c === 0x6ca1 || c === 0x65e0 || c === 0x672a || c === 0x975e || c === 0x522b;
}

export interface TermMatch {
  start: number;
  end: number;
  info: TermInfo;
  /** Index of the first token of the match. */
  tok: number;
  /** Index of the token after the match. */
  tokEnd: number;
  /**
   * The term's summary bits (TermInfo.flags: TERM_*), here so that loops over matches need not load every TermInfo,
   * and the match's own MATCH_* bits (bits, not fields: a smaller object, and there are some forty an item).
   */
  flags: number;
}

/** The match starts and ends on token boundaries. */
export const MATCH_ALIGNED = 1 << 24;
/** The opinion term was the tail of a token beginning with a negating character (不满意 → 不 + mood 满意). */
export const MATCH_PREFIX_NEGATED = 1 << 25;
