import { hashCode, kindSeed, mix } from '../tone-model/feature.hash';
import {
  bucketSum,
  charTrigramBuckets,
  charTrigramCount,
  charTrigramFeatures,
  DENSE,
  FeatureBuffer,
  TRIGRAM_BITS,
} from '../tone-model/tone.features';

/**
 * The complaint model's chars head reads the tone model's character trigrams and, beside them, character pairs under
 * a seed of their own, all in the trigrams' 2^18 buckets (trigramBuffer()). Pairs with trigrams gained on the dev
 * halves over trigrams alone (complaint.trainer.ts, CHARS_MIX); 4-grams did not.
 */
const PAIR = kindSeed('q2');
const MASK = (1 << TRIGRAM_BITS) - 1;
const pairHash = (a: number, b: number) => hashCode(hashCode(PAIR, a), b);

/** The chars head's features of a text, into `out` (a trigramBuffer()). */
export function charGramFeatures(text: string, out: FeatureBuffer): void {
  charTrigramFeatures(text, out);
  for (let i = 1; i < text.length; i++) out.push(pairHash(text.charCodeAt(i - 1), text.charCodeAt(i)));
}

/** How many features charGramFeatures gives a text of `length` code units. */
export function charGramCount(length: number): number {
  return charTrigramCount(length) + Math.max(0, length - 1);
}

/** Σ weights[bucket] over charGramFeatures(text), summed as they are hashed (a test holds it equal to the buffer). */
export function charGramSum(text: string, weights: Int16Array): number {
  // The trigrams from the buckets the tone model hashed for this text already (charTrigramBuckets).
  let s = bucketSum(charTrigramBuckets(text), charTrigramCount(text.length), weights);
  for (let i = 1; i < text.length; i++)
    s += weights[DENSE + (mix(pairHash(text.charCodeAt(i - 1), text.charCodeAt(i))) & MASK)];
  return s;
}
