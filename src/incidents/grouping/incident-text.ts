/**
 * Chinese segmentation for grouping and search. jieba's dictionary takes ~0.3 s and ~100 MB to load, so it is
 * loaded once per process, on first use.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { collapseMarks, stripRepostMarkers } from './incident-repost';

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Letters, digits or CJK: tokens without any are punctuation/whitespace and carry no meaning. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** Words of a text (lower-cased, punctuation and whitespace dropped), in order, repeats kept. */
export function tokens(text: string): string[] {
  if (!text) return [];
  return segmenter()
    .cut(text, false)
    .filter((t) => MEANINGFUL.test(t))
    .map((t) => t.toLowerCase());
}

/** Search-mode words (a long word also yields its parts: 电子税务局 → 电子, 税务, 税务局, 电子税务局), unique. */
export function searchTokens(text: string, max = 400): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const t of segmenter().cutForSearch(text, false)) {
    if (MEANINGFUL.test(t)) out.add(t.toLowerCase());
    if (out.size >= max) break;
  }
  return [...out];
}

/** A tsquery (every word required) for a user's search box; null when nothing searchable is left. */
export function searchQuery(q: string): string | null {
  const words = [...new Set(tokens(q.slice(0, 200)))].slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');
}

/**
 * Repost decoration that says nothing about the event: repost markers (incident-repost.ts), then 【转载】-style tags,
 * #话题#, （来源：…）/（记者 …） lines, URLs and @mentions. Stripped before fingerprinting so a repost and its
 * original differ only in what was really edited. Every pattern here is bounded ({0,60} at most, or a run of
 * non-space characters consumed whole), so each costs linear time on any input.
 */
const DECORATION: readonly RegExp[] = [
  /【[^】]{0,24}】/g,
  /#[^#\n]{1,40}#/g,
  /[（(]\s*(来源|记者|编辑|责编|作者|原标题|通讯员|图|视频)[^）)]{0,60}[）)]/g,
  /https?:\/\/\S+/g,
  /@[^\s:：,，。@]{1,30}/g,
];

export function stripDecoration(text: string): string {
  // Markers first (they contain @names the mention pattern would break up), marks last (【】 and （） still count).
  let out = stripRepostMarkers(text);
  for (const re of DECORATION) out = out.replace(re, ' ');
  return collapseMarks(out);
}
