import { createHash } from 'node:crypto';
import { MAX_ITEM_URL } from './feed-limits';

/**
 * Dedupe keys (issue 3 §8). An item is identified by its GUID, else its normalised link, else a hash of its title and
 * text. A feed whose GUIDs cannot be trusted — more than 5% blank or repeated (CMS templates that print the channel
 * URL, or an empty `<guid/>`, for every item) — is keyed by links for every item, so one feed never mixes schemes
 * from poll to poll. The prefix names the kind, so a GUID that happens to equal a link never collides with it.
 */
export type KeyMode = 'guid' | 'link';

export interface KeyInput {
  guid: string | null;
  link: string | null;
  title: string;
  text: string;
}

/** Share of blank or repeated GUIDs above which the whole feed is keyed by link. */
export const UNTRUSTED_GUID_SHARE = 0.05;

// Long GUIDs (some feeds put the whole URL with query strings, or even the body) are hashed to keep the unique index
// small.
const MAX_GUID_KEY = 256;
// Long links are hashed too: PostgreSQL refuses a btree entry over 2704 bytes, and that error failed every poll of a
// feed with one 6,000-character link, losing its good items too. The threshold is the link cap, not 256 as for
// GUIDs, so that links that were stored before keep their key: WeChat article links (`?__biz=…&chksm=…`) often
// pass 256 characters, and re-keying them would ingest every such item again, once.
const MAX_LINK_KEY = MAX_ITEM_URL;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function chooseKeyMode(items: readonly KeyInput[]): KeyMode {
  if (!items.length) return 'guid';
  const seen = new Set<string>();
  let bad = 0;
  for (const { guid } of items) {
    const g = guid?.trim();
    if (!g || seen.has(g)) bad++;
    else seen.add(g);
  }
  return bad / items.length > UNTRUSTED_GUID_SHARE ? 'link' : 'guid';
}

export function contentHash(title: string, text: string): string {
  return sha256(`${title}\n${text}`);
}

export function itemKey(item: KeyInput, mode: KeyMode): string {
  const guid = item.guid?.trim();
  if (mode === 'guid' && guid) return guid.length > MAX_GUID_KEY ? `g:sha256:${sha256(guid)}` : `g:${guid}`;
  if (item.link) return item.link.length > MAX_LINK_KEY ? `l:sha256:${sha256(item.link)}` : `l:${item.link}`;
  return `h:${contentHash(item.title, item.text)}`;
}

export function assignKeys(items: readonly KeyInput[]): { keyMode: KeyMode; keys: string[] } {
  const keyMode = chooseKeyMode(items);
  return { keyMode, keys: items.map((i) => itemKey(i, keyMode)) };
}
