import type { TermInfo } from '../lexicon/lexicon.types';
import { FOLD, foldText } from './text.fold';
import { canonical, isPureTone, summaryFlags } from './term.info';
import { buildTrie } from './term.trie';
import { isNegatingPrefix, isParticle, MATCH_ALIGNED, MATCH_PREFIX_NEGATED, TermMatch } from './term.match';

export { FOLD, foldText };
export { MATCH_ALIGNED, MATCH_PREFIX_NEGATED };
export type { TermMatch };

/** Size of TermIndex.pairs: 64 KB; with the ~9,400 pairs of the present lexicons about 2 % false positives. */
const PAIR_BITS = 1 << 19;

function pairHash(node: number, c: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) >>> 13;
}

/** Node flags (packed beside the child range, so a walk never touches TermInfo objects until a term is accepted). */
const N_TERM = 1;
const N_PURE_TONE = 2;
const N_EMOTICON = 4;
const N_SENTIMENT = 8;
/** TermInfo.flags sit above the walk flags, so a match takes them without loading its TermInfo. */
const N_SUMMARY_SHIFT = 4;

/**
 * The stored term and its node's flags word. One hidden class for every term: the rules read these objects in their
 * hot loops, and terms merged from lexicon files, the gazetteer and spreads would otherwise come in several shapes
 * (polymorphic, deoptimising).
 */
function encodeTerm(raw: TermInfo): { info: TermInfo; flags: number } {
  const info = canonical(raw);
  info.flags = summaryFlags(info);
  const flags =
    N_TERM |
    (isPureTone(info) ? N_PURE_TONE : 0) |
    (info.emoticon ? N_EMOTICON : 0) |
    (info.sentiment ? N_SENTIMENT : 0) |
    (info.flags << N_SUMMARY_SHIFT);
  return { info, flags };
}

/**
 * Every lexicon term (sentiment, domain, bureau and place names) in one trie, flattened into typed arrays (built by
 * term.trie): a direct 64k root table indexed by the raw character, the first characters' flags in a dense table, the
 * second step through a pair filter and a hash table, deeper steps by bisecting sorted [character, node] children;
 * per node [first child, end of children, flags, term id] in one Int32Array. Lookups allocate nothing and never hash
 * strings. The walk is memory-bound and jieba's own tables compete for the cache, so what every position reads is
 * kept small and dense.
 */
export class TermIndex {
  /** Node id of each first character (breadth-first ids of depth-1 nodes are small: 16 bits, half the cache). */
  private readonly root: Uint16Array;
  /** Flags of the first-character nodes (ids 1 … first characters), dense: every position reads one (9 KB here). */
  private readonly firstFlags: Int32Array;
  private readonly nodes: Int32Array;
  private readonly kids: Int32Array;
  private readonly terms: TermInfo[];
  /**
   * Bloom-style bit set of (first-character node, folded second character): most walks end at the second character,
   * and first-character nodes have the most children, so one bit test replaces the costliest bisection.
   */
  private readonly pairs: Uint8Array;
  /**
   * The second step as an open-addressing table, [first-character node << 16 | folded character, child] pairs at
   * most half full: one probe where bisecting the long child lists of first characters (不, 税, 好 …) took four or more.
   */
  private readonly second: Int32Array;
  private readonly secondMask: number;
  private readonly secondShift: number;
  /**
   * The item's matches as they are found, copied out at the exact size: a fresh list grown from empty was reallocated
   * three times an item (garbage costs twice here, see document.ts).
   */
  private readonly found: (TermMatch | undefined)[] = [];
  readonly size: number;

  constructor(input: Iterable<TermInfo>) {
    const t = buildTrie(input, { term: encodeTerm, pairHash, pairBits: PAIR_BITS });
    this.root = t.root;
    this.firstFlags = t.firstFlags;
    this.nodes = t.nodes;
    this.kids = t.kids;
    this.terms = t.terms;
    this.pairs = t.pairs;
    this.second = t.second;
    this.secondMask = t.secondMask;
    this.secondShift = t.secondShift;
    this.size = t.size;
  }

  /** Child of `node` for the (folded) character `c`, 0 when none. */
  private step(node: number, c: number): number {
    if (node === 0) return this.root[c];
    const { nodes, kids } = this;
    let lo = nodes[node * 4];
    let hi = nodes[node * 4 + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = kids[mid * 2];
      if (m === c) return kids[mid * 2 + 1];
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  private termAt(node: number): TermInfo | undefined {
    return this.nodes[node * 4 + 2] & N_TERM ? this.terms[this.nodes[node * 4 + 3]] : undefined;
  }

  /** The term stored for exactly this string, if any (for tests and diagnostics). */
  lookup(term: string): TermInfo | undefined {
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      node = this.step(node, FOLD[term.charCodeAt(i)]);
      if (!node) return undefined;
    }
    return this.termAt(node);
  }

  /**
   * Terms found on token boundaries, so 好 is not found inside 好像, nor 东营 inside 广东营业厅: one- and two-character
   * terms must start and end on a boundary, longer ones on at least one of them (a longer term inside a token is still
   * that term: 税务局 in 南山区税务局). `tokOf[p]` is the token containing offset p (`tokOf[length]` = token count);
   * `tokAt[p]` is the token starting at p or -1. Every term with domain meaning found at a position is reported; of the
   * terms that only carry tone, only the one tone scoring would pick (longest on boundaries, else longest).
   */
  match(text: string, chars: Uint16Array, tokOf: Int32Array, tokAt: Int32Array): TermMatch[] {
    const found = this.found;
    let n = 0;
    const len = text.length;
    // The hot loop of the classifier: arrays in locals, child lookup inlined.
    const { root, firstFlags, nodes, kids, terms, pairs, second, secondMask, secondShift } = this;
    for (let s = 0; s < len; s++) {
      let node = root[chars[s]];
      if (!node) continue;
      const startAligned = tokAt[s] >= 0;
      // Inside a two-character token only an opinion suffix after a degree adverb (真慢) can be found.
      if (!startAligned && tokAt[s - 1] >= 0 && tokAt[s + 1] >= 0 && !(firstFlags[node] & N_SENTIMENT))
        continue;
      let opinionAtStart = false;
      let toneEnd = 0; // best opinion-only term so far, kept as numbers: most candidates are superseded
      let toneNode = 0;
      let toneAligned = false;
      for (let i = s + 1; ; i++) {
        const flags = i === s + 1 ? firstFlags[node] : nodes[node * 4 + 2];
        if (flags) {
          // 崩溃|了 inside the token 崩溃了: a word followed only by an aspect particle ends where the word ends.
          const endAligned =
            tokAt[i] >= 0 ||
            (i + 1 <= len && tokAt[i + 1] >= 0 && isParticle(chars[i]) && tokOf[i] === tokOf[i - 1]);
          // Emoticons are symbols, not words: found wherever they occur (哈哈 in 哈哈哈, kaomoji jieba cuts apart).
          if (
            flags & N_EMOTICON ||
            (i - s <= 2 ? startAligned && endAligned : startAligned || endAligned) ||
            (endAligned && flags & N_SENTIMENT && this.opinionSuffix(chars, s, i, tokOf, tokAt))
          ) {
            const aligned = startAligned && endAligned;
            if (!(flags & N_PURE_TONE)) {
              const info = terms[nodes[node * 4 + 3]];
              found[n++] = {
                start: s,
                end: i,
                info,
                tok: tokOf[s],
                tokEnd: tokAt[i] >= 0 ? tokAt[i] : tokOf[i - 1] + 1,
                flags: (flags >>> N_SUMMARY_SHIFT) | (aligned ? MATCH_ALIGNED : 0),
              };
            } else if (!toneEnd || aligned || !toneAligned) {
              toneEnd = i; // later = longer
              toneNode = node;
              toneAligned = aligned;
            }
            if (flags & N_SENTIMENT && startAligned) opinionAtStart = true;
          }
        }
        if (i >= len) break;
        const c = chars[i];
        // From a first character: test the pair filter before bisecting the (largest) child lists.
        if (i === s + 1) {
          const h = pairHash(node, c);
          if (!(pairs[h >>> 3] & (1 << (h & 7)))) break;
          const key = (node << 16) | c;
          let slot = Math.imul(key, 0x9e3779b1) >>> secondShift;
          let k = second[slot * 2];
          while (k !== key && k !== 0) {
            slot = (slot + 1) & secondMask;
            k = second[slot * 2];
          }
          if (k === 0) break;
          node = second[slot * 2 + 1];
          continue;
        }
        let lo = nodes[node * 4];
        let hi = nodes[node * 4 + 1] - 1;
        node = 0;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const m = kids[mid * 2];
          if (m === c) {
            node = kids[mid * 2 + 1];
            break;
          }
          if (m < c) lo = mid + 1;
          else hi = mid - 1;
        }
        if (!node) break;
      }
      if (toneEnd) {
        const e = toneEnd;
        const info = terms[nodes[toneNode * 4 + 3]];
        found[n++] = {
          start: s,
          end: e,
          info,
          tok: tokOf[s],
          tokEnd: tokAt[e] >= 0 ? tokAt[e] : tokOf[e - 1] + 1,
          flags: (nodes[toneNode * 4 + 2] >>> N_SUMMARY_SHIFT) | (toneAligned ? MATCH_ALIGNED : 0),
        };
      }
      if (startAligned && !opinionAtStart && isNegatingPrefix(chars[s])) {
        const k = tokAt[s];
        let e = s + 1;
        while (e < len && tokOf[e] === k) e++;
        const tail = e - s >= 2 ? this.negatedTail(chars, s, e, k) : null;
        if (tail) found[n++] = tail;
      }
    }
    // Copied out at its exact size and the buffer cleared (it must not keep this item's matches alive).
    const out = found.slice(0, n) as TermMatch[];
    found.fill(undefined, 0, n);
    return out;
  }

  /**
   * jieba's dictionary holds many opinion compounds (速度慢, 真慢, 量太少) that the lexicon does not: an opinion term
   * ending a token counts when it is two characters or more, the token is three or more, or what precedes it in the
   * token is a degree adverb. Prefixes never count (好 in 好像, 差 in 差点).
   */
  private opinionSuffix(
    chars: Uint16Array,
    s: number,
    e: number,
    tokOf: Int32Array,
    tokAt: Int32Array,
  ): boolean {
    if (tokOf[s] !== tokOf[e - 1]) return false;
    let ts = s;
    while (tokAt[ts] < 0) ts--;
    // A token the lexicons hold whole, without tone, is read as that whole: 腐败 is no accusation in 反腐败.
    const whole = this.termAt(this.walk(chars, ts, e));
    if (whole && !whole.sentiment) return false;
    return e - s >= 2 || e - ts >= 3 || (this.termAt(this.walk(chars, ts, s))?.degree ?? 0) > 0;
  }

  /** The node reached from the root by the folded code units chars[from, to); 0 when no term goes that way. */
  private walk(chars: ArrayLike<number>, from: number, to: number): number {
    let node = 0;
    for (let i = from; i < to; i++) {
      node = this.step(node, chars[i]);
      if (!node) return 0;
    }
    return node;
  }

  private negatedTail(chars: Uint16Array, s: number, tokEnd: number, k: number): TermMatch | null {
    const info = this.termAt(this.walk(chars, s + 1, tokEnd));
    if (!info?.sentiment) return null;
    return {
      start: s,
      end: tokEnd,
      info,
      tok: k,
      tokEnd: k + 1,
      flags: info.flags | MATCH_ALIGNED | MATCH_PREFIX_NEGATED,
    };
  }
}
