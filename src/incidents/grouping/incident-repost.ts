/**
 * Repost markers and noise, removed before fingerprinting so a repost hashes like its original: 转发/转发微博/转载/转:
 * prefixes wherever a sentence starts (the title, the text after it, after another marker), Weibo's //@name: chains,
 * RT @name:, 分享自… footers, and runs of punctuation or emoji collapsed to one mark ("！！！" → "！"). Without this a
 * "转发：" at the start of the text (after the title) was kept and a repost landed 8 bits away: a second incident.
 *
 * Each is one left-to-right pass with a bounded look-ahead (at most LOOKAHEAD characters per attempt, and a match is
 * skipped whole), so the cost is linear in the text even for hostile input made of nothing but markers (STYLE.md 13:
 * no backtracking regular expression over outside text). Feeds deliver up to 200,000 characters per item.
 */

/** Prefix words a reposter puts before the original; each needs a colon after it, except Weibo's own button text. */
const LEAD_WORDS = ['转发微博', '转发', '转载', '网友爆料', '爆料', '转'] as const;
/** Weibo fills an empty repost with this text: stripped with or without a colon. */
const BARE_WORDS = new Set(['转发微博']);
/** Longest name after @ and longest source after 转自 / 分享自 that are still read as a marker. */
const LOOKAHEAD = 30;

const COLONS = new Set([':', '：']);
const MEANINGFUL = /[\p{L}\p{N}]/u;

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isMeaningful = (c: string) => MEANINGFUL.test(c);

/** The end of `@name:` starting at `i` (the '@'), or -1: a name of 1..LOOKAHEAD characters, then a colon. */
function mentionEnd(s: string, i: number): number {
  if (s[i] !== '@') return -1;
  const limit = Math.min(s.length, i + 2 + LOOKAHEAD);
  for (let j = i + 1; j < limit; j++) {
    const c = s[j];
    if (COLONS.has(c)) return j > i + 1 ? j + 1 : -1;
    if (isSpace(c) || c === '@') return -1;
  }
  return -1;
}

/** The end of `转自<source>:` at `i`, or -1. */
function fromSourceEnd(s: string, i: number): number {
  if (!s.startsWith('转自', i)) return -1;
  const limit = Math.min(s.length, i + 3 + LOOKAHEAD);
  for (let j = i + 2; j < limit; j++) {
    if (COLONS.has(s[j])) return j + 1;
    if (s[j] === '\n') return -1;
  }
  return -1;
}

/** The end of a 分享自… footer at `i` (分享自 @微博客户端, 分享自腾讯新闻), or -1. Never "分享自己". */
function shareEnd(s: string, i: number): number {
  if (!s.startsWith('分享自', i) || s[i + 3] === '己') return -1;
  const limit = Math.min(s.length, i + 3 + LOOKAHEAD);
  let j = i + 3;
  while (j < limit && (isSpace(s[j]) || s[j] === '@')) j++;
  while (j < limit && !isSpace(s[j]) && !'）)】」。'.includes(s[j])) j++;
  return j;
}

/** A marker that may only stand where a sentence starts (start, after space, punctuation or another marker). */
function leadEnd(s: string, i: number): number {
  const rt = (s[i] === 'R' || s[i] === 'r') && (s[i + 1] === 'T' || s[i + 1] === 't');
  if (rt) {
    const at = isSpace(s[i + 2]) ? i + 3 : i + 2;
    const end = mentionEnd(s, at);
    if (end > 0) return end;
  }
  const from = fromSourceEnd(s, i);
  if (from > 0) return from;
  for (const w of LEAD_WORDS) {
    if (!s.startsWith(w, i)) continue;
    const after = i + w.length;
    if (COLONS.has(s[after])) return after + 1;
    if (BARE_WORDS.has(w)) return after;
  }
  return -1;
}

/** The text without repost markers (each replaced by a space); everything else is kept as it was. */
export function stripRepostMarkers(text: string): string {
  const out: string[] = [];
  let i = 0;
  let from = 0;
  // Whether the next character starts a sentence: the only place a prefix like 转: is a marker (运转：… is not).
  let boundary = true;
  while (i < text.length) {
    const c = text[i];
    let end = -1;
    if (c === '/' && text[i + 1] === '/') end = mentionEnd(text, i + 2);
    if (end < 0 && c === '分') end = shareEnd(text, i);
    if (end < 0 && boundary) end = leadEnd(text, i);
    if (end > i) {
      out.push(text.slice(from, i), ' ');
      i = from = end;
      boundary = true;
      continue;
    }
    boundary = !isMeaningful(c);
    i++;
  }
  out.push(text.slice(from));
  return out.join('');
}

/**
 * Runs of punctuation, symbols and emoji (with their modifiers) shrink to their first mark: "！！！😡😡" → "！". They
 * carry no words, but a run still ends a word, so one mark stays.
 */
export function collapseMarks(text: string): string {
  const out: string[] = [];
  let inRun = false;
  for (const ch of text) {
    const mark = !isMeaningful(ch) && !isSpace(ch);
    if (!mark || !inRun) out.push(ch);
    inRun = mark;
  }
  return out.join('');
}
