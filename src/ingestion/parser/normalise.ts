import { htmlToText } from './html-to-text';

export { collapseWhitespace, htmlToText } from './html-to-text';

/**
 * Pure normalisation of what feeds contain: HTML → plain text, links → one canonical form (so the same article
 * reached through a tracking link is one item), authors and languages → comparable values.
 */

const HASH_ROUTE = /^#[!/]/;

/**
 * Absolute http(s) link, resolved against `base`, with a lower-case host, no default port, no `utm_*` tracking
 * parameters and no fragment — except hash routes (`#/article/1`, `#!/…`), which single-page sites use as the path.
 * Anything that is not http(s) (javascript:, mailto:) or cannot be parsed → null.
 */
export function normaliseLink(raw: string | null | undefined, base?: string | null): string | null {
  const trimmed = raw?.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!HASH_ROUTE.test(url.hash)) url.hash = '';
  // Filter the raw pairs (not URLSearchParams, which would re-encode `%20` as `+` and make two spellings of one link).
  const pairs = url.search.slice(1).split('&');
  const kept = pairs.filter((p) => p && !/^utm_/i.test(p));
  if (kept.length !== pairs.length) url.search = kept.join('&');
  return url.toString();
}

/** `editor@example.com (王小明)` → `王小明`; `mailto:` dropped; HTML and entities removed. */
export function normaliseAuthor(raw: string | null | undefined): string | null {
  let a = htmlToText(raw);
  const named = a.match(/^\S+@\S+\s*\((.+)\)$/);
  if (named) a = named[1].trim();
  a = a.replace(/^mailto:/i, '').trim();
  return a ? a.slice(0, 200) : null;
}

/** `zh-CN`, `zh_cn`, `ZH` → `zh`; anything that is not a language tag → null. */
export function normaliseLanguage(raw: string | null | undefined): string | null {
  const m = raw?.trim().match(/^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$/);
  return m ? m[1].toLowerCase() : null;
}

/**
 * 'zh' when Han characters make up at least a fifth of the letters (a Chinese post quoting "VAT" or "App" stays
 * Chinese), 'en' for Latin-only text, null when there is nothing to judge.
 */
export function guessLanguage(text: string): string | null {
  // A counting loop, not /\p{Script=Han}/gu matches: this runs for every item and the match arrays were the cost.
  let han = 0;
  let latin = 0;
  const end = Math.min(text.length, 4000);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
  }
  if (han + latin === 0) return null;
  return han / (han + latin) >= 0.2 ? 'zh' : 'en';
}

/**
 * The declared language (item, then feed) unless the text is clearly Chinese: RSSHub and many CMS templates declare
 * `en` by default, and a Weibo post labelled English would slip past the Chinese classifier.
 */
export function chooseLanguage(declared: string | null, text: string): string | null {
  const lang = normaliseLanguage(declared);
  const guessed = guessLanguage(text);
  if (guessed === 'zh' && (lang === null || lang === 'en')) return 'zh';
  return lang ?? guessed;
}
