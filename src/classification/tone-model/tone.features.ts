import type { Doc } from '../text/document';
import { TERM_NEGATION } from '../lexicon/lexicon.types';
import type { ToneResult } from '../rules/tone.scorer';
import { TONE } from '../rules/rules.params';
import { hashCode, hashString, kindSeed, mix } from './feature.hash';

/**
 * What the tone model sees of one item: a few dense slots from the rule stages (lexicon score, negation, contrast,
 * rhetoric, irony, emoticons) and hashed sparse features — jieba words and word pairs from the classifier's own
 * segmentation (never a second one), character pairs, and each lexicon term with the polarity the rules gave it after
 * negation and contrast (好 negated counts as "-好"). The rules are inputs here, not overrides: the model learns how
 * much to trust them.
 */
export const DENSE = 12;
/** Hashed buckets (2^20; 2^18 measured 0.01–0.02 lower F1 from collisions): 2 MB as int16, 4 MB in memory. */
export const HASH_BITS = 20;
export const DIM = DENSE + (1 << HASH_BITS);
const MASK = (1 << HASH_BITS) - 1;
/**
 * The chars part's buckets (2^18: 512 KB as int16). It sums ~200 trigrams an item on top of the words part's ~500
 * lookups; a table a quarter the size stays in cache beside jieba's and the term trie's. Measured on the development
 * and held-apart rows: level with 2^20 and with character 1–3-grams (unigrams and pairs are in the words part already).
 */
export const TRIGRAM_BITS = 18;
export const TRIGRAM_DIM = DENSE + (1 << TRIGRAM_BITS);
const TRIGRAM_MASK = (1 << TRIGRAM_BITS) - 1;

const WORD = kindSeed('w');
const PAIR = kindSeed('b');
const CHARS = kindSeed('c');
const TERM: Record<string, [number, number]> = {};
for (const kind of ['sentiment', 'emoticon', 'irony', 'rhetorical'])
  TERM[kind] = [kindSeed(`t-${kind}`), kindSeed(`t+${kind}`)];
const NEGATED = kindSeed('n');

/** One item's features: dense[0 … DENSE) and hashed bucket indexes (repeats count), in reusable buffers. */
export class FeatureBuffer {
  dense = new Float32Array(DENSE);
  hashed = new Int32Array(512);
  count = 0;

  /** `bits`: how many hashed buckets the part that reads these features has (HASH_BITS, TRIGRAM_BITS). */
  constructor(readonly mask = MASK) {}

  /** Room for `n` features in `hashed` (its contents kept): for loops that write buckets without push(). */
  reserve(n: number): Int32Array {
    if (this.hashed.length < n) {
      const grown = new Int32Array(1 << (32 - Math.clz32(n - 1)));
      grown.set(this.hashed);
      this.hashed = grown;
    }
    return this.hashed;
  }

  push(h: number): void {
    if (this.count === this.hashed.length) {
      const grown = new Int32Array(this.hashed.length * 2);
      grown.set(this.hashed);
      this.hashed = grown;
    }
    this.hashed[this.count++] = DENSE + (mix(h) & this.mask);
  }

  /** Hashed features are term counts scaled by 1/√n, so long and short texts weigh alike. */
  get scale(): number {
    return this.count ? 1 / Math.sqrt(this.count) : 0;
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x3000;

export function toneFeatures(doc: Doc, tone: ToneResult, out: FeatureBuffer): void {
  const tokens = doc.tokens;
  const text = doc.text;
  // The words, pairs and character pairs (at most 2 a token and 1 a character) written with the count in a local, as
  // push() would write them, without push's capacity check and field stores for each of ~500 (7.1 → 6.8 µs an item).
  const mask = out.mask;
  const buckets = out.reserve(2 * tokens.length + text.length);
  let n = 0;
  let prev = FNV_NONE;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.length === 1 && isSpace(t.charCodeAt(0))) {
      prev = FNV_NONE;
      continue;
    }
    const h = hashString(WORD, t);
    buckets[n++] = DENSE + (mix(h) & mask);
    if (prev !== FNV_NONE) buckets[n++] = DENSE + (mix(hashString(hashCode(PAIR, prev), t)) & mask);
    prev = h;
  }
  // Character pairs: what jieba's dictionary cuts wrongly or does not know (网络用语, 错别字). Triples were tried: no
  // better on held-apart rows, 40 % more features to sum.
  for (let i = 1; i < text.length; i++) {
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i);
    if (!isSpace(a) && !isSpace(b)) buckets[n++] = DENSE + (mix(hashCode(hashCode(CHARS, a), b)) & mask);
  }
  out.count = n;
  let neg = 0,
    pos = 0,
    emoticon = 0,
    negated = 0,
    rhetorical = 0,
    irony = 0;
  let turns = 0;
  for (const c of tone.contributions) {
    // A bare turn (tone.contrast.ts) is read by the target stage, not by the model: with it as a feature the retrained
    // model lost 0.009 F1 on NLPCC's held-apart rows and added false alerts on two dev sets (rules-7).
    if (c.kind === 'turn') {
      turns += c.value;
      continue;
    }
    const seeds = TERM[c.kind];
    out.push(hashString(c.value < 0 ? seeds[0] : seeds[1], c.match.info.term));
    if (c.value < 0) neg -= c.value;
    else pos += c.value;
    if (c.kind === 'emoticon') emoticon += c.value;
    else if (c.kind === 'rhetorical') rhetorical = 1;
    else if (c.kind === 'irony') irony = 1;
    for (const m of c.modifiers)
      if (m.flags & TERM_NEGATION) {
        negated = 1;
        out.push(hashString(NEGATED, c.match.info.term));
      }
  }
  let contrast = 0;
  for (const r of tone.reasons) if (r.rule === 'tone.contrast') contrast = 1;
  let question = 0;
  for (let s = 0; s < doc.sentenceCount; s++) if (doc.question[s]) question = 1;
  const d = out.dense;
  d[0] = turns ? Math.round(Math.tanh((tone.raw - turns) / TONE.squash) * 1000) / 1000 : tone.toneScore;
  d[1] = Math.tanh(neg / 3);
  d[2] = Math.tanh(pos / 3);
  d[3] = (turns ? tone.raw - turns <= -TONE.negativeThreshold : tone.negative) ? 1 : 0;
  d[4] = negated;
  d[5] = contrast;
  d[6] = rhetorical;
  d[7] = irony;
  d[8] = Math.tanh(emoticon / 2);
  d[9] = question;
  d[10] = text.includes('！') || text.includes('!') ? 1 : 0;
  d[11] = Math.log1p(text.length) / 6;
}

/** No previous token (a hash is a 32-bit integer, never this). */
const FNV_NONE = 0.5;

/** The plain baseline's features: character 1-, 2- and 3-grams, hashed the same way (no segmentation, no rules). */
export function charNgramFeatures(text: string, out: FeatureBuffer): void {
  out.count = 0;
  out.dense.fill(0);
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i);
    const h1 = hashCode(WORD, a);
    out.push(h1);
    if (i >= 1) {
      const h2 = hashCode(hashCode(CHARS, text.charCodeAt(i - 1)), a);
      out.push(h2);
      if (i >= 2) out.push(hashCode(hashCode(PAIR, text.charCodeAt(i - 2)), h2));
    }
  }
}

/** A buffer for charTrigramFeatures (the chars part's bucket count). */
export const trigramBuffer = () => new FeatureBuffer(TRIGRAM_MASK);

/** The tone model's chars part: character trigrams, hashed as the baseline hashes them, into TRIGRAM_BITS buckets. */
export function charTrigramFeatures(text: string, out: FeatureBuffer): void {
  out.count = 0;
  out.dense.fill(0);
  for (let i = 2; i < text.length; i++)
    out.push(trigramHash(text.charCodeAt(i - 2), text.charCodeAt(i - 1), text.charCodeAt(i)));
}

const trigramHash = (a: number, b: number, c: number) =>
  hashCode(hashCode(PAIR, a), hashCode(hashCode(CHARS, b), c));

/** How many features charTrigramFeatures gives a text of `length` code units. */
export function charTrigramCount(length: number): number {
  return Math.max(0, length - 2);
}

/**
 * The trigram buckets of the latest text asked for (classification is synchronous: one per process). The tone model's
 * chars part and the complaint model's chars head read the same buckets (CHARS_BITS = TRIGRAM_BITS): hashed once an
 * item, not twice. Integer sums of int16 weights are exact in any order, so summing from here changes nothing.
 */
let triText: string | null = null;
let triBuckets = new Int32Array(512);

/** The buckets of charTrigramFeatures(text) (charTrigramCount(text.length) of them), valid until the next text. */
export function charTrigramBuckets(text: string): Int32Array {
  if (text === triText) return triBuckets;
  if (triBuckets.length < text.length) triBuckets = new Int32Array(1 << (32 - Math.clz32(text.length)));
  const b = triBuckets;
  for (let i = 2; i < text.length; i++)
    b[i - 2] =
      DENSE +
      (mix(trigramHash(text.charCodeAt(i - 2), text.charCodeAt(i - 1), text.charCodeAt(i))) & TRIGRAM_MASK);
  triText = text;
  return b;
}

/** Σ weights[bucket] over the first `n` buckets (an exact integer sum). */
export function bucketSum(buckets: Int32Array, n: number, weights: Int16Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[buckets[i]];
  return s;
}

/**
 * Σ weights[bucket] over charTrigramFeatures(text) without writing the buckets down: the same features summed as they
 * are hashed (prediction only; a test holds it equal to the buffered form).
 */
export function charTrigramSum(text: string, weights: Int16Array): number {
  let s = 0;
  for (let i = 2; i < text.length; i++)
    s +=
      weights[
        DENSE +
          (mix(trigramHash(text.charCodeAt(i - 2), text.charCodeAt(i - 1), text.charCodeAt(i))) &
            TRIGRAM_MASK)
      ];
  return s;
}
