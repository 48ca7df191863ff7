/**
 * Feature hashing without allocation: FNV-1a over UTF-16 code units, seeded per feature kind, so a word, a word pair
 * and a character pair never need a string built for them (this runs for every token of every item).
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export function hashRange(seed: number, s: string, start: number, end: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export function hashCode(seed: number, c: number): number {
  return Math.imul(seed ^ c, FNV_PRIME);
}

/** A final avalanche (murmur3's fmix32): FNV's low bits alone spread short keys poorly over the buckets. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed per feature kind (w word, b word pair, c character pair …). */
export function kindSeed(kind: string): number {
  return hashString(FNV_OFFSET, kind);
}

/** Deterministic 0 … 99 bucket of a text: which split (held apart, development, training) a row belongs to. */
export function textBucket(text: string): number {
  return mix(hashString(FNV_OFFSET, text.trim())) % 100;
}
