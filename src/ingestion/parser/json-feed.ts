import { FeedParseError, keptItemsWarning, skippedItemsWarning } from './feed-parse-error';
import { MAX_FEED_ITEMS } from './feed-limits';
import { FeedWarning, RawFeed, RawItem } from './feed.types';
import { boundJsonNesting, JSON_TOO_DEEP } from './json-bounds';

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read into the same raw shape as RSS/Atom. */

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strings only: a number where a URL belongs (`"url": 5`) would resolve to `http://host/5`. */
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** `id` and `version` are strings in the spec, but many generators write numbers; those are meant as text. */
function numberOrString(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return str(v);
}

/** 1.1 has `authors: [{name}]`; 1.0 had `author: {name}`; both appear in the wild, sometimes as a bare string. */
function authorName(v: Json): string | null {
  const list = Array.isArray(v.authors) ? v.authors : [];
  for (const a of [...list, v.author]) {
    const name = isObject(a) ? str(a.name) : str(a);
    if (name?.trim()) return name;
  }
  return null;
}

function isJsonFeed(doc: Json): boolean {
  const version = numberOrString(doc.version) ?? '';
  // The spec says a URL; some generators (and gofeed's fixtures) write just "1.1".
  return (
    /jsonfeed\.org\/version\/1/.test(version) || (/^1(\.\d+)?$/.test(version) && Array.isArray(doc.items))
  );
}

function readItem(v: Json): RawItem {
  return {
    guid: numberOrString(v.id),
    title: str(v.title),
    link: str(v.url) ?? str(v.external_url),
    author: authorName(v),
    date: str(v.date_published) ?? str(v.date_modified),
    html: str(v.content_html) ?? escapeText(str(v.content_text)) ?? str(v.summary),
    language: str(v.language),
  };
}

/** content_text is plain text; escaping it lets it go through the same HTML-to-text step as everything else. */
function escapeText(text: string | null): string | null {
  return text === null ? null : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function readJsonFeed(text: string): RawFeed {
  const bounded = boundJsonNesting(text);
  let doc: unknown;
  try {
    doc = JSON.parse(bounded.text);
  } catch (e) {
    throw new FeedParseError('parse', `invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc) || !isJsonFeed(doc))
    throw new FeedParseError('not_feed', 'JSON that is not a JSON Feed');
  // `null` is how Go's encoding/json writes an empty list; anything else that is not a list is a broken feed.
  if (doc.items !== undefined && doc.items !== null && !Array.isArray(doc.items))
    throw new FeedParseError('parse', `invalid JSON Feed: "items" is a ${typeof doc.items}, not a list`);
  const all: unknown[] = Array.isArray(doc.items) ? doc.items : [];
  // The first MAX_FEED_ITEMS in document order (newest first in practice), as for RSS and Atom.
  const entries = all.slice(0, MAX_FEED_ITEMS);
  const objects = entries.filter(isObject);
  const tooDeep = bounded.tooDeep.filter((n) => n < entries.length).length;
  const skipped = entries.length - objects.length - tooDeep;
  const warnings: FeedWarning[] = [];
  if (all.length > entries.length) warnings.push(keptItemsWarning(entries.length, all.length));
  if (tooDeep) warnings.push(skippedItemsWarning(tooDeep, all.length, JSON_TOO_DEEP));
  if (skipped) warnings.push(skippedItemsWarning(skipped, all.length, 'not JSON objects'));
  return {
    title: str(doc.title),
    link: str(doc.home_page_url),
    language: str(doc.language),
    ttl: null,
    author: authorName(doc),
    items: objects.map(readItem),
    warnings,
  };
}
