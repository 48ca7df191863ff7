/**
 * Salvage of a feed whose XML fails to parse because of one bad item (an unclosed `<p>` in a description without
 * CDATA, a stray `<b>` in a title): without it every poll fails until the publisher notices, and the good items are
 * lost meanwhile. The document is cut into the skeleton (everything outside the items) and the items, by one forward
 * indexOf scan that steps over CDATA sections and comments; each item is checked on its own in a small wrapper, and
 * the skeleton with the items that passed is parsed once more. Linear: every character is scanned once and parsed at
 * most three times (its item alone, the skeleton, the rebuilt document).
 */

/** Real feeds carry tens of items; beyond this many, checking each alone costs too much (tens of µs per parse). */
export const MAX_SALVAGED_ITEMS = 1000;

export interface SplitFeed {
  /** Everything before the first item. */
  head: string;
  /** Each item or entry, from `<item` to its `</item>` (an unclosed one runs to the next item or the end). */
  items: string[];
  /** Text between items, then everything after the last one. */
  rest: string;
}

export interface Salvaged<T> {
  result: T;
  kept: number;
  total: number;
}

/** `<item` or `</item` (as `marker`) at `at`, then a delimiter, so `<items>` (RSS 1.0's list) does not count. */
function tagAt(xml: string, at: number, marker: string): boolean {
  if (!xml.startsWith(marker, at)) return false;
  const next = xml[at + marker.length];
  return next === '>' || next === '/' || next === ' ' || next === '\t' || next === '\n' || next === '\r';
}

/** The index just past a CDATA section or comment starting at `at` (the end when unclosed), or -1 if none starts. */
function skipOpaque(xml: string, at: number): number {
  if (xml[at + 1] !== '!') return -1;
  const [open, close] = xml.startsWith('<![CDATA[', at) ? ['<![CDATA[', ']]>'] : ['<!--', '-->'];
  if (!xml.startsWith(open, at)) return -1;
  const end = xml.indexOf(close, at + open.length);
  return end < 0 ? xml.length : end + close.length;
}

/** Where the closing part starts after an unclosed last item: the first of `</channel` and the root's end tag. */
function closingStart(xml: string, from: number, root: string): number {
  const found = [xml.lastIndexOf('</channel'), xml.lastIndexOf(`</${root}`)].filter((i) => i >= from);
  return found.length ? Math.min(...found) : xml.length;
}

/** Cuts a feed into head, items and the rest; null when it has no items. One forward scan. */
export function splitItems(xml: string, tag: 'item' | 'entry', root: string): SplitFeed | null {
  const [open, close] = [`<${tag}`, `</${tag}`];
  const items: string[] = [];
  const rest: string[] = [];
  let head: string | null = null;
  let start = -1; // the open item's `<`
  let last = 0; // end of the last item, start of the text between items
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i)) {
    const opaque = skipOpaque(xml, i);
    if (opaque >= 0) {
      i = opaque;
      continue;
    }
    if (tagAt(xml, i, open)) {
      // An item still open here never closed: it ends where the next one starts (and will fail its check).
      if (start >= 0) items.push(xml.slice(start, i));
      else if (head === null) head = xml.slice(0, i);
      else rest.push(xml.slice(last, i));
      start = i;
    } else if (start >= 0 && tagAt(xml, i, close)) {
      const gt = xml.indexOf('>', i);
      last = gt < 0 ? xml.length : gt + 1;
      items.push(xml.slice(start, last));
      start = -1;
      // Go on after the end tag: `</item` again and again with no `>` would otherwise rescan the rest each time.
      i = last - 1;
    }
    i++;
  }
  if (head === null) return null;
  if (start >= 0) {
    last = closingStart(xml, start, root);
    items.push(xml.slice(start, last));
  }
  rest.push(xml.slice(last));
  return { head, items, rest: rest.join('') };
}

/**
 * Parses `xml` with its bad items left out. `parse` is the feed parser; it also checks each item alone inside
 * `wrap`. Null when there is nothing to salvage: no items, a broken skeleton, or no item that parses.
 */
export async function salvageItems<T>(
  xml: string,
  root: string,
  parse: (xml: string) => Promise<T>,
): Promise<Salvaged<T> | null> {
  const atom = root === 'feed';
  const split = splitItems(xml, atom ? 'entry' : 'item', root);
  if (!split) return null;
  const ok = (doc: string) =>
    parse(doc).then(
      () => true,
      () => false,
    );
  if (!(await ok(split.head + split.rest))) return null;
  const wrap = atom
    ? (item: string) => `<feed>${item}</feed>`
    : (item: string) => `<rss version="2.0"><channel>${item}</channel></rss>`;
  const good: string[] = [];
  for (const item of split.items.slice(0, MAX_SALVAGED_ITEMS)) if (await ok(wrap(item))) good.push(item);
  if (!good.length) return null;
  try {
    const result = await parse(split.head + good.join('') + split.rest);
    return { result, kept: good.length, total: split.items.length };
  } catch {
    return null;
  }
}
