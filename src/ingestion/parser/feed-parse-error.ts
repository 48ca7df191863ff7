import { FeedWarning } from './feed.types';

/**
 * Why a body could not be turned into items: `parse` — a feed we could not read (malformed XML or JSON, refused DTD);
 * `not_feed` — something that is not a feed at all (an HTML page, a JSON API, an unknown XML vocabulary).
 */
export class FeedParseError extends Error {
  constructor(
    readonly kind: 'parse' | 'not_feed',
    message: string,
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/** Items a reader had to leave out of a feed it could otherwise read; one wording for every format. */
export function skippedItemsWarning(skipped: number, total: number, reason: string): FeedWarning {
  return { message: `partial: ${skipped} of ${total} items skipped (${reason})`, skippedItems: skipped };
}

/** Items past the per-document cap (feed-limits.ts): counted as skipped so the source shows the loss. */
export function keptItemsWarning(kept: number, total: number): FeedWarning {
  return {
    message: `partial: ${kept} of ${total} items kept (at most ${kept} are read from one document)`,
    skippedItems: total - kept,
  };
}
