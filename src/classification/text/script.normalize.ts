import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional characters read as simplified (覺得很失望 → 觉得很失望, 國家稅務總局 → 国家税务总局) before segmentation: the
 * lexicons, jieba's dictionary, the bureau catalogue and the models are all simplified, so a post in traditional
 * script was invisible to every stage (稅務局 named no authority). OpenCC's own tables, not ours: `opencc-js/t2cn`,
 * that direction only (7 MB less than the whole package).
 *
 * Every offset a result reports indexes the original text, so the conversion must keep the length: OpenCC's phrase
 * conversion (裡面 → 里面; 著名 stays) is used when it does, else one character for one from its character table.
 * Most items hold no traditional character at all: one scan of the text, no copy.
 */
const MAP = new Uint16Array(0x10000);
let convert: ((text: string) => string) | null = null;

/** Built on first use (about 70 ms: OpenCC's dictionaries, then its answer for each CJK character). */
function converter(): (text: string) => string {
  if (convert) return convert;
  const t2s = Converter({ from: 't', to: 'cn' });
  for (let c = 0x3400; c <= 0x9fff; c++) {
    const s = String.fromCharCode(c);
    const out = t2s(s);
    if (out.length === 1 && out !== s) MAP[c] = out.charCodeAt(0);
  }
  convert = t2s;
  return t2s;
}

/** `text` with traditional characters simplified, of the same length (code units); `text` itself when there are none. */
export function toSimplified(text: string): string {
  const t2s = converter();
  let i = 0;
  while (i < text.length && !MAP[text.charCodeAt(i)]) i++;
  if (i === text.length) return text;
  const phrased = t2s(text);
  if (phrased.length === text.length) return phrased;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const m = MAP[text.charCodeAt(i)];
    out += m ? String.fromCharCode(m) : text[i];
  }
  return out;
}
