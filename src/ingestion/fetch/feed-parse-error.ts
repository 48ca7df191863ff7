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
