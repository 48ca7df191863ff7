/**
 * Bounds on what one feed document may make us store or compute (issue: hostile feeds under the 15 MiB body cap held
 * the event loop for seconds and used gigabytes). The per-item caps mirror the push API's (`LIMITS` in
 * push-items.ts), so an item costs the same whichever way it arrives; they are restated here because that constant
 * is not exported and push-items.ts already imports this folder (importing back would make a cycle).
 */

/** Items read from one document, in document order (newest first in practice); the rest are reported as skipped. */
export const MAX_FEED_ITEMS = 1000;

/** Plain text kept per item, as for pushed `text`: the classifier reads the start, the link leads to the rest. */
export const MAX_ITEM_TEXT = 200_000;

/** HTML looked at per item before stripping, as for pushed `html`: a bound on the work, not on what staff see. */
export const MAX_ITEM_HTML = 1_000_000;

/** Titles, as for pushed `title`. */
export const MAX_ITEM_TITLE = 1000;

/** Item links, as for pushed `url` (and what browsers and CMSs reliably handle). Longer ones are dropped. */
export const MAX_ITEM_URL = 2048;

/**
 * Element or JSON nesting. Real feeds nest fewer than 10 levels (rss > channel > item > media:group > …); 256 leaves
 * room for odd vocabularies while keeping xml2js' object tree and JSON.parse's work small. HTML inside descriptions
 * is not counted: it is lifted out as text before the XML parser runs (cdata-lift.ts).
 */
export const MAX_NESTING = 256;
