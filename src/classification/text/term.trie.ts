import type { TermInfo } from '../lexicon/lexicon.types';
import { FOLD, foldText } from './text.fold';
import { mergeInfo } from './term.info';

/** The flattened trie that TermIndex walks (the layout and why: see TermIndex). */
export interface TrieTables {
  root: Uint16Array;
  firstFlags: Int32Array;
  nodes: Int32Array;
  kids: Int32Array;
  terms: TermInfo[];
  pairs: Uint8Array;
  second: Int32Array;
  secondMask: number;
  secondShift: number;
  /** Lexicon entries indexed (entries folding to one key counted each). */
  size: number;
}

/** How TermIndex encodes what it reads in its walk: kept there, beside the walk (see TermIndex.match). */
export interface TrieCoding {
  /** The term as stored (one hidden class) and its node's flags word. */
  term(info: TermInfo): { info: TermInfo; flags: number };
  pairHash(node: number, c: number): number;
  pairBits: number;
}

/** Builds the tables once per process (a few hundred milliseconds for the project's lexicons and gazetteer). */
export function buildTrie(input: Iterable<TermInfo>, coding: TrieCoding): TrieTables {
  type Node = { kids: Map<number, Node>; info?: TermInfo; id: number };
  const top: Node = { kids: new Map(), id: 0 };
  let size = 0;
  for (const t of input) {
    const key = foldText(t.term);
    if (!key) continue;
    let n = top;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let k = n.kids.get(c);
      if (!k) n.kids.set(c, (k = { kids: new Map(), id: -1 }));
      n = k;
    }
    n.info = n.info ? mergeInfo(n.info, t) : t;
    size++;
  }
  if (top.kids.size >= 65536) throw new Error('too many distinct first characters for the root table');
  // Breadth-first numbering so that each node's children occupy one contiguous, sorted run.
  const order: Node[] = [top];
  for (let i = 0; i < order.length; i++) {
    order[i].id = i;
    for (const c of [...order[i].kids.keys()].sort((a, b) => a - b)) order.push(order[i].kids.get(c)!);
  }
  const nodes = new Int32Array(order.length * 4);
  const kids = new Int32Array(order.length * 2);
  const terms: TermInfo[] = [];
  let slot = 0;
  for (const node of order) {
    const base = node.id * 4;
    if (node.info) {
      const { info, flags } = coding.term(node.info);
      nodes[base + 2] = flags;
      nodes[base + 3] = terms.length;
      terms.push(info);
    }
    nodes[base] = slot;
    for (const c of [...node.kids.keys()].sort((a, b) => a - b)) {
      kids[slot * 2] = c;
      kids[slot * 2 + 1] = node.kids.get(c)!.id;
      slot++;
    }
    nodes[base + 1] = slot;
  }
  // The root table is indexed by the raw character (folding applied here once), so a position costs one lookup.
  const root = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    const k = top.kids.get(FOLD[c]);
    if (k) root[c] = k.id;
  }
  const firstFlags = new Int32Array(top.kids.size + 1);
  for (const k of top.kids.values()) firstFlags[k.id] = nodes[k.id * 4 + 2];
  let depth2 = 0;
  for (const first of top.kids.values()) depth2 += first.kids.size;
  const bits = 33 - Math.clz32(depth2);
  const second = new Int32Array(2 << bits);
  const secondMask = (1 << bits) - 1;
  const secondShift = 32 - bits;
  const pairs = new Uint8Array(coding.pairBits >>> 3);
  for (const first of top.kids.values()) {
    for (const [c, k] of first.kids) {
      const h = coding.pairHash(first.id, c);
      pairs[h >>> 3] |= 1 << (h & 7);
      // first.id < 65536 (checked above) and c < 65536: the key is unique, and never 0 (ids start at 1)
      const key = (first.id << 16) | c;
      let at = Math.imul(key, 0x9e3779b1) >>> secondShift;
      while (second[at * 2] !== 0) at = (at + 1) & secondMask;
      second[at * 2] = key;
      second[at * 2 + 1] = k.id;
    }
  }
  return { root, firstFlags, nodes, kids, terms, pairs, second, secondMask, secondShift, size };
}
