import { FeedParseError } from './feed-parse-error';
import { RawFeed, RawItem } from './feed.types';

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read into the same raw shape as RSS/Atom. */

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
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
  const version = str(doc.version) ?? '';
  // The spec says a URL; some generators (and gofeed's fixtures) write just "1.1".
  return (
    /jsonfeed\.org\/version\/1/.test(version) || (/^1(\.\d+)?$/.test(version) && Array.isArray(doc.items))
  );
}

function readItem(v: unknown): RawItem | null {
  if (!isObject(v)) return null;
  return {
    guid: str(v.id),
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
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FeedParseError('parse', `invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc) || !isJsonFeed(doc))
    throw new FeedParseError('not_feed', 'JSON that is not a JSON Feed');
  const items = Array.isArray(doc.items) ? doc.items : [];
  return {
    title: str(doc.title),
    link: str(doc.home_page_url),
    language: str(doc.language),
    ttl: null,
    author: authorName(doc),
    items: items.map(readItem).filter((i): i is RawItem => i !== null),
  };
}
