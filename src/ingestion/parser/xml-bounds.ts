import { FeedParseError } from './feed-parse-error';
import { MAX_FEED_ITEMS, MAX_NESTING } from './feed-limits';
import { splitItems } from './xml-salvage';

/**
 * Bounds checked on feed XML before xml2js sees it (one forward scan each): element nesting, which xml2js turns into
 * an object per level (1M nested elements: seconds and a gigabyte), and the number of items.
 */

export const TOO_DEEP = `elements nested more than ${MAX_NESTING} levels deep`;
export const MISPLACED_DECLARATION = 'a <!DOCTYPE …> or other declaration inside an element';

/** Index after `close` searched from `from`, or -1. */
function after(xml: string, from: number, close: string): number {
  const at = xml.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

/** Index just after the `>` ending the tag whose name starts (or ends) at `from` (quotes may hold `>`), or -1. */
export function tagEnd(xml: string, from: number): number {
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (c === 62) return j + 1;
    if (c === 34 || c === 39) {
      j = xml.indexOf(c === 34 ? '"' : "'", j + 1);
      if (j < 0) return -1;
    }
  }
  return -1;
}

/**
 * Throws a `parse` error when elements nest deeper than MAX_NESTING, or a declaration appears inside one. Stops quietly
 * at anything unclosed: the parser reports that better. Comments, CDATA, processing instructions and declarations are stepped over.
 */
export function assertNesting(xml: string): void {
  let depth = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i)) {
    const c = xml.charCodeAt(i + 1);
    if (c === 33) {
      // '!'
      if (xml.startsWith('<!--', i)) i = after(xml, i + 4, '-->');
      else if (xml.startsWith('<![CDATA[', i)) i = after(xml, i + 9, ']]>');
      // A declaration inside an element is malformed, and sax would read all of it before saying so.
      else if (depth > 0) throw new FeedParseError('parse', MISPLACED_DECLARATION);
      else i = after(xml, i + 2, '>');
    } else if (c === 63) i = after(xml, i + 2, '?>');
    else if (c === 47) {
      depth--;
      i = after(xml, i + 2, '>');
    } else {
      i = tagEnd(xml, i + 1);
      if (i >= 0 && xml.charCodeAt(i - 2) !== 47 && ++depth > MAX_NESTING)
        throw new FeedParseError('parse', TOO_DEEP);
    }
    if (i < 0) return;
  }
}

/** `<tag` followed by a delimiter (so `<items>` does not count), counted up to `limit` + 1. */
function countTags(xml: string, tag: string, limit: number): number {
  let n = 0;
  for (let i = xml.indexOf(tag); i >= 0 && n <= limit; i = xml.indexOf(tag, i + tag.length)) {
    const c = xml.charCodeAt(i + tag.length);
    if (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13) n++;
  }
  return n;
}

export interface CappedXml {
  xml: string;
  kept: number;
  total: number;
}

/**
 * The document with only its first MAX_FEED_ITEMS items (document order: newest first in practice). A valid feed of
 * 100,000 items was otherwise all parsed and stored from one poll. Null when the feed is within the cap.
 */
export function capItems(xml: string, root: string): CappedXml | null {
  const tag = root === 'feed' ? 'entry' : 'item';
  if (countTags(xml, `<${tag}`, MAX_FEED_ITEMS) <= MAX_FEED_ITEMS) return null;
  const split = splitItems(xml, tag, root);
  if (!split || split.items.length <= MAX_FEED_ITEMS) return null;
  return {
    xml: split.head + split.items.slice(0, MAX_FEED_ITEMS).join('') + split.rest,
    kept: MAX_FEED_ITEMS,
    total: split.items.length,
  };
}
