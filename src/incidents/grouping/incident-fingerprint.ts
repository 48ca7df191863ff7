import { normalizeLink } from './incident-link';
import { simhash, SimHash } from './incident-simhash';
import { stripDecoration, tokens } from './incident-text';

export interface Fingerprint {
  simhash: SimHash;
  /** Meaningful words the fingerprint was built from (short texts get a stricter distance). */
  words: number;
  link: string | null;
}

/** What the grouper compares: SimHash of the segmented, de-decorated title + text, and the normalised link. */
export function fingerprint(title: string, text: string, url: string | null): Fingerprint {
  const words = tokens(stripDecoration(`${title}\n${text}`));
  return { simhash: simhash(words), words: words.length, link: normalizeLink(url) };
}

/** The distance allowed for a text: the configured k, or at most 2 bits when the text is too short to trust. */
export function allowedDistance(words: number, k: number, minWords: number): number {
  return words < minWords ? Math.min(k, 2) : k;
}
