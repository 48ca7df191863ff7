/**
 * The fetch/parse contract shared with the sources/scheduler side (see the brief's contract; re-exported by
 * feed-fetcher.ts). Kept in its own file so the parser and the fetcher can both use it without an import cycle.
 */
export interface FetchState {
  etag?: string | null;
  lastModified?: string | null;
  bodyHash?: string | null;
}

export interface FetchOptions {
  /** Reach private/loopback/link-local… addresses (tests, intranet deployments). Production default: false. */
  allowPrivate: boolean;
  /** Host names (or IP literals) exempt from the SSRF guard, compared case-insensitively and exactly. */
  allowHosts?: string[];
  connectTimeoutMs: number;
  /** Whole fetch including redirects and the body; the socket is destroyed when it expires. */
  totalTimeoutMs: number;
  /** Cap on the body after decompression. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface NormalisedItem {
  /** Dedupe key: `g:<guid>`, `l:<normalised link>` or `h:<sha256 of title + text>`. */
  key: string;
  guid: string | null;
  title: string;
  link: string | null;
  author: string | null;
  publishedAt: Date | null;
  /** Plain text: HTML stripped, entities decoded, whitespace collapsed. */
  text: string;
  /** Primary language subtag ('zh', 'en', …) from the feed, or guessed from the text; null if unknown. */
  language: string | null;
  /**
   * What the per-item bounds (feed-limits.ts) took from it: its text or title cut, its link dropped. The recorder keeps
   * a source error for the new items so marked (once per item, not once per poll).
   */
  cut?: { text: boolean; link: boolean };
}

/**
 * Something wrong with a feed that was read anyway. With `skippedItems` > 0 items were lost, and the recorder keeps it
 * as a source error so staff see it; with 0 (a wrong charset header we worked around) it is only logged.
 */
export interface FeedWarning {
  message: string;
  skippedItems: number;
}

export interface ParsedFeed {
  title: string | null;
  ttlMinutes: number | null;
  items: NormalisedItem[];
  keyMode: 'guid' | 'link';
  warnings: FeedWarning[];
}

export type FetchErrorKind =
  'network' | 'timeout' | 'http' | 'too_large' | 'parse' | 'blocked' | 'redirects' | 'not_feed';

export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      bodyHash: string;
      cacheMaxAgeSeconds: number | null;
      feed: ParsedFeed;
    }
  | {
      kind: 'not_modified';
      status: number;
      finalUrl: string;
      reason: '304' | 'same_body';
      etag: string | null;
      lastModified: string | null;
      bodyHash: string | null;
      cacheMaxAgeSeconds: number | null;
    }
  | {
      kind: 'error';
      errorKind: FetchErrorKind;
      status: number | null;
      retryAfterSeconds: number | null;
      message: string;
    };

/** What a format reader (RSS/Atom/RDF via rss-parser, JSON Feed) extracts before normalisation. */
export interface RawItem {
  guid: string | null;
  title: string | null;
  link: string | null;
  author: string | null;
  date: string | null;
  html: string | null;
  language: string | null;
}

export interface RawFeed {
  title: string | null;
  link: string | null;
  language: string | null;
  ttl: string | null;
  author: string | null;
  items: RawItem[];
  warnings: FeedWarning[];
}
