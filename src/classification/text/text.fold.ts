/** Case and width folding applied to lexicon terms and text alike, one code unit to one (offsets are kept). */
export const FOLD = (() => {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0; // full-width ASCII → ASCII
  t[0x3000] = 0x20; // ideographic space
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  return t;
})();

/** FOLD without a table lookup (the 128 KB table misses the cache on CJK text; the branches do not). */
export function fold(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (c >= 0xff01 && c <= 0xff5e) return c >= 0xff21 && c <= 0xff3a ? c - 0xfee0 + 32 : c - 0xfee0;
  return c === 0x3000 ? 0x20 : c;
}

export function foldText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(FOLD[s.charCodeAt(i)]);
  return out;
}
