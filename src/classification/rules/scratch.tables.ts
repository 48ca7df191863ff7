/**
 * Per-sentence scratch tables for the rule stages, reused across items (classification is synchronous and these never
 * leave the call that takes them). A typed array allocated per item cost more than its use: judgeTarget's three were
 * 0.4–0.6 % of classify() in a CPU profile (allocation, zeroing, and the garbage). The tables may be longer than asked:
 * read them only below `n`, where they are zeroed.
 */
const bytes: Uint8Array[] = [];
let floats = new Float64Array(64);

/** Table `slot` (callers use distinct slots for tables alive at once), zeroed on [0, n). */
export function zeroedBytes(slot: number, n: number): Uint8Array {
  let t = bytes[slot];
  if (t === undefined || t.length < n)
    t = bytes[slot] = new Uint8Array(Math.max(64, 1 << (32 - Math.clz32(n))));
  t.fill(0, 0, n);
  return t;
}

/** The one float table, zeroed on [0, n). */
export function zeroedFloats(n: number): Float64Array {
  if (floats.length < n) floats = new Float64Array(1 << (32 - Math.clz32(n)));
  floats.fill(0, 0, n);
  return floats;
}
