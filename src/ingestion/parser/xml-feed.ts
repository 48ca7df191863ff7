import Parser from 'rss-parser';
import { FeedParseError, skippedItemsWarning } from './feed-parse-error';
import { FeedWarning, RawFeed, RawItem } from './feed.types';
import { liftCdata } from './cdata-lift';
import { salvageItems } from './xml-salvage';
import { rootElementName } from './xml-repair';

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through rss-parser's `parseString` (it never fetches). Workarounds:
 * - its Atom reader calls `new Date(x).toISOString()`, which throws on a bad date and loses the whole feed, so the
 *   `published`/`updated` elements are renamed before it sees them and we read the raw strings ourselves;
 * - an RSS root without a `version` attribute is read as RSS 2.0 (`defaultRSS`);
 * - it derives a `contentSnippet` from `description`, `content` and `content:encoded` with regular expressions that
 *   rescan to the end at every unclosed `<` (a 300k-character description held the event loop for minutes), so those
 *   elements are renamed too and read here as custom fields (issue 12 point 2);
 * - a document that fails to parse is read again without its malformed items (xml-salvage.ts), with a warning.
 */

const RENAMED: Record<string, string> = {
  published: 'yqPublished',
  updated: 'yqUpdated',
  description: 'yqDescription',
  content: 'yqContent',
  'content:encoded': 'yqEncoded',
};

// xml2js' types are not installed (skipLibCheck hides rss-parser's reference to them), so its values are `unknown`.
type Loose = Record<string, unknown>;

function newParser(): Parser<Loose, Loose> {
  return new Parser<Loose, Loose>({
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [(name: string) => RENAMED[name] ?? name] },
    customFields: {
      feed: ['yqUpdated', ['dc:language', 'dcLanguage']] as unknown as (keyof Loose)[],
      item: [
        ['yqPublished', 'yqPublished'],
        ['yqUpdated', 'yqUpdated'],
        ['yqDescription', 'yqDescription'],
        ['yqContent', 'yqContent'],
        ['yqEncoded', 'yqEncoded'],
      ],
    },
  });
}

/** Text of an xml2js value: a string, `{_: text, $: attrs}`, or the first of an array; elements-only → null. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object' && typeof (v as Loose)._ === 'string') return (v as Loose)._ as string;
  return null;
}

/** Atom `<author><name>…</name></author>` arrives as an object; RSS `author`/`dc:creator` as a string. */
function person(v: unknown): string | null {
  const direct = str(v);
  if (direct !== null) return direct;
  if (Array.isArray(v)) return person(v[0]);
  if (v && typeof v === 'object' && 'name' in v) return str((v as Loose).name);
  return null;
}

function firstText(...values: unknown[]): string | null {
  for (const v of values) {
    const s = str(v);
    if (s !== null && s.trim()) return s;
  }
  return null;
}

function readItem(item: Loose, isRdf: boolean): RawItem {
  return {
    guid: firstText(item.guid, item.id, isRdf ? item['rdf:about'] : undefined),
    title: firstText(item.title),
    link: firstText(item.link),
    author: [item.author, item.creator, item['dc:creator']].map(person).find((a) => a?.trim()) ?? null,
    date: firstText(item.pubDate, item.date, item.yqPublished, item.yqUpdated),
    html:
      firstText(item.yqEncoded, item.yqContent, item.yqDescription, item.summary) ??
      elementText(item.yqContent),
    language: firstText(item.language),
  };
}

function restoreCdata(item: RawItem, restore: (v: string) => string): RawItem {
  const r = (v: string | null) => (v === null ? null : restore(v));
  return { ...item, title: r(item.title), link: r(item.link), author: r(item.author), html: r(item.html) };
}

/** The text inside an element-only value (Atom `type="xhtml"` content): its strings in document order, iteratively. */
function elementText(v: unknown): string | null {
  const parts: string[] = [];
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') parts.push(x);
    else if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    else if (x && typeof x === 'object') {
      const children = Object.entries(x as Loose).filter(([k]) => k !== '$');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i][1]);
    }
  }
  const text = parts.join(' ').trim();
  return text || null;
}

function rootLanguage(xml: string): string | null {
  return (
    xml.slice(0, 4096).match(/<(?:feed|rss|rdf:RDF)\b[^>]*\bxml:lang\s*=\s*["']([^"']+)["']/)?.[1] ?? null
  );
}

const EMPTY: RawFeed = {
  title: null,
  link: null,
  language: null,
  ttl: null,
  author: null,
  items: [],
  warnings: [],
};

type ParsedXml = Loose & { items: Loose[] };

function parseError(e: unknown): FeedParseError {
  const message = (e as Error)?.message ?? String(e);
  if (/not recognized as RSS/i.test(message))
    return new FeedParseError('not_feed', 'XML that is not RSS, RDF or Atom');
  return new FeedParseError('parse', `invalid feed XML: ${message.split('\n').slice(0, 3).join(' ')}`);
}

export async function readXmlFeed(xml: string): Promise<RawFeed> {
  const root = rootElementName(xml) ?? '';
  // rss-parser dereferences `channel[0]` blindly; an RSS/RDF document without a channel is an empty feed, not an error.
  if (/^(rss|rdf:RDF)$/.test(root) && !/<channel\b/.test(xml)) return EMPTY;
  const lifted = liftCdata(xml);
  // A fresh parser each time: xml2js reports a document that follows a failed one as well-formed.
  const parse = async (doc: string) => (await newParser().parseString(doc)) as ParsedXml;
  let feed: ParsedXml;
  const warnings: FeedWarning[] = [];
  try {
    feed = await parse(lifted.xml);
  } catch (e) {
    const error = parseError(e);
    // One malformed item should cost that item, not the whole feed until the publisher fixes it.
    const salvaged = error.kind === 'parse' ? await salvageItems(lifted.xml, root, parse) : null;
    if (!salvaged) throw error;
    feed = salvaged.result;
    const skipped = salvaged.total - salvaged.kept;
    warnings.push(skippedItemsWarning(skipped, salvaged.total, error.message));
  }
  const isRdf = root === 'rdf:RDF';
  return {
    title: firstText(feed.title),
    link: firstText(feed.link),
    language: firstText(feed.language, feed.dcLanguage) ?? rootLanguage(xml),
    ttl: firstText(feed.ttl),
    author: person(feed.creator),
    items: (feed.items ?? []).map((i) => restoreCdata(readItem(i, isRdf), lifted.restore)),
    warnings,
  };
}
