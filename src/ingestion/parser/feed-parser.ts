import { decodeFeedText } from '../fetch/charset';
import { parseFeedDate } from './dates';
import { assignKeys } from './dedupe-keys';
import { FeedParseError } from './feed-parse-error';
import { MAX_ITEM_HTML, MAX_ITEM_TEXT, MAX_ITEM_TITLE, MAX_ITEM_URL } from './feed-limits';
import { FeedWarning, NormalisedItem, ParsedFeed, RawFeed, RawItem } from './feed.types';
import { readJsonFeed } from './json-feed';
import { chooseLanguage, htmlToText, normaliseAuthor, normaliseLink } from './normalise';
import { readXmlFeed } from './xml-feed';
import { looksLikeHtml } from './xml-repair';

export { FeedParseError } from './feed-parse-error';

/** `<ttl>` is minutes; more than a week is a typo we do not want to lengthen polling with. */
const MAX_TTL_MINUTES = 7 * 24 * 60;

function ttlMinutes(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw.trim());
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_TTL_MINUTES) : null;
}

/** `text` cut to `max` UTF-16 units, never between the two halves of a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** How far back from a cut a tag's start is looked for: longer tags are not markup worth keeping whole. */
const MAX_TAG = 2048;

/**
 * clip() for HTML: a cut inside a tag drops the tag's start, which would otherwise end the text as a stray `<…`. Only
 * a `<` that opens a tag (a letter, `/`, `!` or `?` after it, or the cut right after it) within MAX_TAG of the end:
 * a literal `<` in text (收入<5000) must not take the rest of the text with it.
 */
function clipHtml(html: string, max: number): string {
  const cut = clip(html, max);
  if (cut.length === html.length) return cut;
  const tail = cut.slice(-MAX_TAG);
  const open = tail.lastIndexOf('<');
  if (open < 0 || open < tail.lastIndexOf('>')) return cut;
  const next = tail.charCodeAt(open + 1);
  const tagStart = Number.isNaN(next) || /[A-Za-z/!?]/.test(tail[open + 1]);
  return tagStart ? cut.slice(0, cut.length - tail.length + open) : cut;
}

interface Cuts {
  truncated: number;
  droppedLinks: number;
}

/**
 * One item within the per-item bounds (feed-limits.ts). Over-long text is cut rather than the item refused: the
 * start of an article is what the classifier and staff read, and refusing would lose the news. An over-long link
 * (a broken CMS template) is dropped and the item kept; it is then keyed by GUID or content hash.
 */
function normaliseItem(
  r: RawItem,
  raw: RawFeed,
  base: string | null,
  cuts: Cuts,
): Omit<NormalisedItem, 'key'> {
  const html = r.html ?? '';
  const fullText = htmlToText(clipHtml(html, MAX_ITEM_HTML));
  const fullTitle = htmlToText(clipHtml(r.title ?? '', MAX_ITEM_HTML));
  const [title, text] = [clip(fullTitle, MAX_ITEM_TITLE), clip(fullText, MAX_ITEM_TEXT)];
  const cutText = html.length > MAX_ITEM_HTML || text !== fullText || title !== fullTitle;
  if (cutText) cuts.truncated++;
  let link = r.link && r.link.length <= MAX_ITEM_URL ? normaliseLink(r.link, base) : null;
  const cutLink =
    !!(r.link?.trim() && r.link.length > MAX_ITEM_URL) || !!(link && link.length > MAX_ITEM_URL);
  if (cutLink) {
    cuts.droppedLinks++;
    link = null;
  }
  return {
    ...(cutText || cutLink ? { cut: { text: cutText, link: cutLink } } : {}),
    guid: r.guid?.trim() || null,
    title,
    link,
    author: normaliseAuthor(clip(r.author ?? raw.author ?? '', MAX_ITEM_HTML)),
    publishedAt: parseFeedDate(r.date && clip(r.date, 256)),
    text,
    language: chooseLanguage(r.language ?? raw.language, `${title} ${text}`),
  };
}

/**
 * Worked around without losing an item, so `skippedItems` is 0: logged for the operator. The items carry what was
 * cut (`cut`), and the recorder keeps a source error for those that are new.
 */
function cutWarnings({ truncated, droppedLinks }: Cuts): FeedWarning[] {
  const warnings: FeedWarning[] = [];
  if (truncated)
    warnings.push({
      message: `truncated: ${truncated} items cut to ${MAX_ITEM_TEXT} characters of text (${MAX_ITEM_TITLE} of title)`,
      skippedItems: 0,
    });
  if (droppedLinks)
    warnings.push({
      message: `links dropped: ${droppedLinks} items had a link longer than ${MAX_ITEM_URL} characters`,
      skippedItems: 0,
    });
  return warnings;
}

/** Raw feed → normalised items with dedupe keys. Relative links resolve against the feed URL, else the site link. */
export function normaliseFeed(raw: RawFeed, baseUrl?: string | null): ParsedFeed {
  const base = baseUrl ?? normaliseLink(raw.link) ?? null;
  const cuts: Cuts = { truncated: 0, droppedLinks: 0 };
  const items = raw.items.map((r) => normaliseItem(r, raw, base, cuts));
  const { keyMode, keys } = assignKeys(items);
  return {
    title: clip(htmlToText(clip(raw.title ?? '', MAX_ITEM_HTML)), MAX_ITEM_TITLE) || null,
    ttlMinutes: ttlMinutes(raw.ttl),
    items: items.map((item, i) => ({ key: keys[i], ...item })),
    keyMode,
    warnings: [...raw.warnings, ...cutWarnings(cuts)],
  };
}

/**
 * Bytes of a feed (already decompressed) → items. Throws FeedParseError: `not_feed` for HTML pages and non-feed
 * JSON/XML, `parse` for malformed input and for DTD/entity declarations (XML bombs are refused, never expanded).
 * `baseUrl` (the URL the feed was fetched from) is optional for callers that have only bytes.
 */
export async function parseFeedBytes(
  body: Buffer,
  contentType: string | null,
  baseUrl?: string,
): Promise<ParsedFeed> {
  const { text, note } = decodeFeedText(body, contentType);
  const start = text.replace(/^[\s\uFEFF]+/, '').slice(0, 1);
  if (!start) throw new FeedParseError('parse', 'empty body');
  let raw: RawFeed;
  if (start === '{' || start === '[') raw = readJsonFeed(text);
  else if (looksLikeHtml(text)) throw new FeedParseError('not_feed', 'an HTML page, not a feed');
  else raw = await readXmlFeed(text);
  const feed = normaliseFeed(raw, baseUrl);
  // The publisher's charset mistake, worked around: nothing is lost, but the operator may want to tell them.
  if (note) feed.warnings = [{ message: `charset: ${note}`, skippedItems: 0 }, ...feed.warnings];
  return feed;
}
