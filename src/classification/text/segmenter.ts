// @node-rs/jieba, not nodejieba: the same jieba segmentation, but measured here (../shared/STACK-NOTES.md) at 0.4 s and
// 124 MB to load with a user dictionary against 1.6 s and 300 MB, 4.3 M against 3.2 M chars/s, and a prebuilt
// binary with no install script.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Frequency given to user-dictionary words jieba does not know: high enough to keep them whole in context. */
const USER_WORD_FREQ = 20000;
/**
 * HMM off: unknown runs stay single characters and dictionary words split opinion compounds usefully (速度/慢); measured
 * slightly better on the sentiment corpora and faster.
 */
const HMM = false;

export interface Segmenter {
  /** Tokens covering the whole text, in order (whitespace and punctuation included). */
  cut(text: string): string[];
  /** How many user-dictionary words were added (jieba already knew the others). */
  readonly userWords: number;
}

const bySignature = new Map<string, Segmenter>();

/**
 * The words jieba would cut into pieces. One call over all words joined by newlines (jieba segments each line
 * separately) instead of thousands of native calls: 30 ms instead of 500.
 */
function wordsJiebaSplits(jieba: Jieba, words: string[]): string[] {
  const tokens = jieba.cut(words.join('\n'), false);
  const out: string[] = [];
  let w = 0;
  let pieces = 0;
  for (const t of tokens) {
    if (t === '\n') {
      if (pieces > 1) out.push(words[w]);
      w++;
      pieces = 0;
    } else pieces++;
  }
  if (pieces > 1) out.push(words[w]);
  return out;
}

/**
 * jieba with the project's user dictionary, created once per process (per distinct dictionary: tests with their own
 * lexicon directories get their own instance). Only words jieba would split are added: re-adding a word it knows with
 * a high frequency breaks longer words around it (不好 swallowing 不好吃 into 不好/吃).
 */
export function createSegmenter(userWords: Iterable<string>): Segmenter {
  const words = [...new Set(userWords)].filter((w) => w.length >= 2 && !/\s/.test(w)).sort();
  const signature = words.join('\n');
  const cached = bySignature.get(signature);
  if (cached) return cached;
  const jieba = Jieba.withDict(dict);
  const unknown = wordsJiebaSplits(jieba, words);
  if (unknown.length)
    jieba.loadDict(Buffer.from(unknown.map((w) => `${w} ${USER_WORD_FREQ}`).join('\n') + '\n'));
  const seg: Segmenter = { cut: (text) => jieba.cut(text, HMM), userWords: unknown.length };
  bySignature.set(signature, seg);
  return seg;
}
