/**
 * 64-bit SimHash (Charikar) over jieba words, for near-duplicate detection of reposts and lightly edited copies.
 *
 * Each word hashes to 64 bits; every bit votes +w / -w; the sign of each column is the fingerprint bit. Edits that
 * touch a few words move few columns across zero, so copies stay within a small Hamming distance while unrelated
 * texts differ in ~32 bits. Single-character words (的, 了, 在 …) carry half the weight of longer words: they are
 * mostly function words and would otherwise dominate short posts.
 *
 * Lookup is banded (incident_simhash_bands): the 64 bits are cut into BANDS bands of 8 bits; two fingerprints within
 * distance k ≤ BANDS − 1 = 7 agree exactly on at least one band (pigeonhole), so an exact-match index on
 * (bureau, band, value) finds every candidate without scanning. 8 bits per band are unselective on their own (1/256),
 * but the index is keyed per bureau and pruned to the grouping window, so each probe returns a handful of rows.
 */
export const BANDS = 8;
export const BAND_BITS = 8;
/**
 * Linking incidents of different bureaus probes the index across all bureaus, where 8-bit bands would return
 * 1/256 of the window each. Four 16-bit words (stored as bands 8–11) find every pair within 3 bits instead.
 */
export const WIDE_BAND_OFFSET = 8;

/** Fingerprint as two unsigned 32-bit halves (hi, lo); stored in Postgres as a signed bigint. */
export interface SimHash {
  hi: number;
  lo: number;
}

/** FNV-1a over UTF-16 code units with a seed: fast, well spread, two seeds give the two 32-bit halves. */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32): FNV alone leaves high bits poorly mixed for short keys
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function simhash(words: readonly string[]): SimHash {
  const v = new Float64Array(64);
  for (const w of words) {
    const weight = w.length > 1 ? 2 : 1;
    const hi = fnv1a(w, 0x9e3779b9);
    const lo = fnv1a(w, 0x7f4a7c15);
    for (let b = 0; b < 32; b++) {
      v[b] += (hi >>> b) & 1 ? weight : -weight;
      v[32 + b] += (lo >>> b) & 1 ? weight : -weight;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b] > 0) hi |= 1 << b;
    if (v[32 + b] > 0) lo |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hamming(a: SimHash, b: SimHash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** The eight 8-bit band values, band 0 = the highest byte. */
export function bands(h: SimHash): number[] {
  return [
    h.hi >>> 24,
    (h.hi >>> 16) & 0xff,
    (h.hi >>> 8) & 0xff,
    h.hi & 0xff,
    h.lo >>> 24,
    (h.lo >>> 16) & 0xff,
    (h.lo >>> 8) & 0xff,
    h.lo & 0xff,
  ];
}

/** The four 16-bit words, as (band, value) with bands 8–11. */
export function wideBands(h: SimHash): { band: number; value: number }[] {
  return [h.hi >>> 16, h.hi & 0xffff, h.lo >>> 16, h.lo & 0xffff].map((value, i) => ({
    band: WIDE_BAND_OFFSET + i,
    value,
  }));
}

/** Signed 64-bit decimal string, as Postgres bigint stores it. */
export function toBigintString(h: SimHash): string {
  return BigInt.asIntN(64, (BigInt(h.hi) << 32n) | BigInt(h.lo)).toString();
}

export function fromBigintString(s: string): SimHash {
  const u = BigInt.asUintN(64, BigInt(s));
  return { hi: Number(u >> 32n), lo: Number(u & 0xffffffffn) };
}
