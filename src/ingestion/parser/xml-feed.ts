import Parser from 'rss-parser';
import { FeedParseError, keptItemsWarning, skippedItemsWarning } from './feed-parse-error';
import { FeedWarning, RawFeed, RawItem } from './feed.types';
import { assertNesting, capItems } from './xml-bounds';
import { liftXml, MAX_BODY } from './xml-lift';
import { salvageItems } from './xml-salvage';
import { checkXml, repairXml, rootElementName } from './xml-repair';

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through rss-parser's `parseString` (it never fetches). Workarounds:
 * - its Atom reader calls `new Date(x).toISOString()`, which throws on a bad date and loses the whole feed, so the
 *   `published`/`updated` elements are renamed before it sees them and we read the raw strings ourselves;
 * - an RSS root without a `version` attribute is read as RSS 2.0 (`defaultRSS`);
 * - it derives a `contentSnippet` from `description`, `content` and `content:encoded` with regular expressions that
 *   rescan to the end at every unclosed `<` (a 300k-character description held the event loop for minutes), so those
 *   elements are renamed too and read here as custom fields (issue 12 point 2);
 * - bodies (descriptions, contents) are lifted out before it runs and put back after (xml-lift.ts): raw HTML in a
 *   description is kept as HTML instead of becoming xml2js objects, and large text never goes through sax;
 * - nesting and the number of items are bounded before it runs (xml-bounds.ts);
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

function readItem(item: Loose, isRdf: boolean, restore: (v: string) => string): RawItem {
  // Restored before the blank test: a lifted body is a placeholder until then, and may be blank HTML (`<p></p>`).
  const text = (...values: unknown[]) => firstText(...values.map((v) => str(v)).map((v) => v && restore(v)));
  const bodies = [item.yqEncoded, item.yqContent, item.yqDescription, item.summary];
  return {
    guid: text(item.guid, item.id, isRdf ? item['rdf:about'] : undefined),
    title: text(item.title),
    link: text(item.link),
    author:
      [item.author, item.creator, item['dc:creator']]
        .map(person)
        .map((a) => a && restore(a))
        .find((a) => a?.trim()) ?? null,
    date: text(item.pubDate, item.date, item.yqPublished, item.yqUpdated),
    // Element-only values are what the lift left to the parser (a body it could not delimit); keep their text.
    html: text(...bodies) ?? text(...bodies.map(elementText)),
    language: text(item.language),
  };
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

function restoreText(v: string | null, restore: (v: string) => string): string | null {
  return v === null ? null : restore(v);
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

/** Decoded feed text → raw feed. Throws FeedParseError (see parseFeedBytes). */
export async function readXmlFeed(text: string): Promise<RawFeed> {
  const xml = checkXml(text);
  const root = rootElementName(xml) ?? '';
  // rss-parser dereferences `channel[0]` blindly; an RSS/RDF document without a channel is an empty feed, not an error.
  if (/^(rss|rdf:RDF)$/.test(root) && !/<channel\b/.test(xml)) return EMPTY;
  // Bodies are lifted before entities are repaired: ten million bare `&` in one description would otherwise be
  // escaped (five times the size) only to be cut to MAX_ITEM_HTML later.
  const lifted = liftXml(xml);
  const warnings: FeedWarning[] = [];
  // Worked around without losing an item: logged for the operator (skippedItems 0), like normaliseFeed's cuts.
  if (lifted.cut) {
    const message = `truncated: ${lifted.cut} item bodies longer than ${MAX_BODY} characters read in part`;
    warnings.push({ message, skippedItems: 0 });
  }
  const repaired = repairXml(lifted.xml);
  const capped = capItems(repaired, root);
  if (capped) warnings.push(keptItemsWarning(capped.kept, capped.total));
  const doc = capped?.xml ?? repaired;
  // A fresh parser each time: xml2js reports a document that follows a failed one as well-formed. The nesting check
  // runs on every document salvage tries too, so an item nested too deep is dropped alone.
  const parse = async (text: string) => {
    assertNesting(text);
    return (await newParser().parseString(text)) as ParsedXml;
  };
  let feed: ParsedXml;
  try {
    feed = await parse(doc);
  } catch (e) {
    const error = parseError(e);
    // One malformed item should cost that item, not the whole feed until the publisher fixes it.
    const salvaged = error.kind === 'parse' ? await salvageItems(doc, root, parse) : null;
    if (!salvaged) throw error;
    feed = salvaged.result;
    const skipped = salvaged.total - salvaged.kept;
    warnings.push(skippedItemsWarning(skipped, salvaged.total, error.message));
  }
  const isRdf = root === 'rdf:RDF';
  return {
    title: restoreText(firstText(feed.title), lifted.restore),
    link: firstText(feed.link),
    language: firstText(feed.language, feed.dcLanguage) ?? rootLanguage(xml),
    ttl: firstText(feed.ttl),
    author: person(feed.creator),
    items: (feed.items ?? []).map((i) => readItem(i, isRdf, lifted.restore)),
    warnings,
  };
}
