import { decodeFeedText } from '../fetch/charset';
import { parseFeedDate } from './dates';
import { assignKeys } from './dedupe-keys';
import { FeedParseError } from './feed-parse-error';
import { NormalisedItem, ParsedFeed, RawFeed } from './feed.types';
import { readJsonFeed } from './json-feed';
import { chooseLanguage, htmlToText, normaliseAuthor, normaliseLink } from './normalise';
import { readXmlFeed } from './xml-feed';
import { looksLikeHtml, prepareXml } from './xml-repair';

export { FeedParseError } from './feed-parse-error';

/** `<ttl>` is minutes; more than a week is a typo we do not want to lengthen polling with. */
const MAX_TTL_MINUTES = 7 * 24 * 60;

function ttlMinutes(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw.trim());
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_TTL_MINUTES) : null;
}

/** Raw feed → normalised items with dedupe keys. Relative links resolve against the feed URL, else the site link. */
export function normaliseFeed(raw: RawFeed, baseUrl?: string | null): ParsedFeed {
  const base = baseUrl ?? normaliseLink(raw.link) ?? null;
  const items = raw.items.map((r): Omit<NormalisedItem, 'key'> => {
    const title = htmlToText(r.title);
    const text = htmlToText(r.html);
    return {
      guid: r.guid?.trim() || null,
      title,
      link: normaliseLink(r.link, base),
      author: normaliseAuthor(r.author ?? raw.author),
      publishedAt: parseFeedDate(r.date),
      text,
      language: chooseLanguage(r.language ?? raw.language, `${title} ${text}`),
    };
  });
  const { keyMode, keys } = assignKeys(items);
  return {
    title: htmlToText(raw.title) || null,
    ttlMinutes: ttlMinutes(raw.ttl),
    items: items.map((item, i) => ({ key: keys[i], ...item })),
    keyMode,
    warnings: raw.warnings,
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
  else raw = await readXmlFeed(prepareXml(text));
  const feed = normaliseFeed(raw, baseUrl);
  // The publisher's charset mistake, worked around: nothing is lost, but the operator may want to tell them.
  if (note) feed.warnings = [{ message: `charset: ${note}`, skippedItems: 0 }, ...feed.warnings];
  return feed;
}
