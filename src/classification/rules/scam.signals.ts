import type { Reason } from '../classification.types';
import type { Doc } from '../text/document';
import { DomainHits, groupHits } from '../text/domain.hits';
import { reason } from '../classification.reasons';
import type { TermMatch } from '../text/term.index';
import { SCAM } from './rules.params';

/**
 * Signs of a tax scam that no word list holds, because they are in the scam message itself rather than in words about
 * it: a web address, e-mail address or attachment that is not the authority's own (登录 gs-btui.top 认证领取, 发件邮箱
 * tax-gov2024@163.com, 附件 说明.zip), and the authority's name in scare quotes (接到“税务局”电话: someone posing as it)
 * or as a message's 【signature】.
 * Both add to the scam vocabulary's weight (isScam); neither decides alone.
 */
export interface ScamSignals {
  weight: number;
  reasons: Reason[];
}

/** Official addresses: the tax authority's own sites and any government domain. */
const OFFICIAL = ['gov.cn', 'chinatax', '12366'];

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** Characters of a web or e-mail address (no spaces, no CJK): a table, as this looks at every character of an item. */
const ADDRESS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isAsciiLetter(c) || isDigit(c)) t[c] = 1;
  for (const c of '.-_/:@%?=&~#+') t[c.charCodeAt(0)] = 1;
  return t;
})();
const isAddressChar = (c: number) => c < 128 && ADDRESS[c] === 1;

const OPEN_QUOTES = '“"‘「『';
const CLOSE_QUOTES = '”"’」』';
/**
 * A text message's 【signature】 that is the authority's own name (【国家税务总局】, 【税务局】, 【某市税务局】): signing a
 * message that points somewhere not its own is impersonation (rules-14; a real message's address is the authority's).
 * Only a name: a bracketed headline (【税务局提醒】, 【税务总局：…】) is no signature.
 */
const SIGNATURE_NAME = /税务(总局|局|分局|所)$/;

export function scamSignals(doc: Doc, hits: DomainHits): ScamSignals {
  const reasons: Reason[] = [];
  let weight = 0;
  const link = unofficialAddress(doc.text);
  if (link) {
    weight += SCAM.unofficialLink;
    reasons.push({ rule: 'scam.link', term: doc.text.slice(link[0], link[1]), start: link[0], end: link[1] });
  }
  // The authority's word or a bureau's full name (接到“无锡市税务局”的电话) in quotes, or a name as a message's
  // signature: the first one found counts.
  const quoted = (m: TermMatch) =>
    (OPEN_QUOTES.includes(doc.text[m.start - 1] ?? 'x') && CLOSE_QUOTES.includes(doc.text[m.end] ?? 'x')) ||
    (doc.text[m.start - 1] === '【' && doc.text[m.end] === '】' && SIGNATURE_NAME.test(m.info.term));
  let sign: TermMatch | undefined;
  for (const h of groupHits(hits, 'authority'))
    if (quoted(h.match)) {
      sign = h.match;
      break;
    }
  sign ??= hits.bureaus.find(quoted);
  if (sign) {
    weight += SCAM.quotedAuthority;
    reasons.push(reason('scam.quoted-authority', sign, doc.text));
  }
  return { weight, reasons };
}

/**
 * The first run of address characters that looks like a host, an e-mail address or a file name (a dot followed by two
 * to six letters: gs-btui.top, x@163.com, 说明.zip) and is not an official one. One pass over the text: each character
 * is looked at once for the run and once for its dot check.
 */
export function unofficialAddress(text: string): [number, number] | null {
  let i = 0;
  while (i < text.length) {
    if (!isAddressChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isAddressChar(text.charCodeAt(i))) i++;
    if (looksLikeAddress(text, start, i)) {
      const run = text.slice(start, i).toLowerCase();
      if (!OFFICIAL.some((o) => run.includes(o))) return [start, i];
    }
  }
  return null;
}

/** A dot followed by 2–6 ASCII letters and then the end of the run or a non-letter (not 2.3亿, not 3.5%). */
function looksLikeAddress(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    if (text.charCodeAt(k) !== 0x2e) continue;
    let n = 0;
    while (k + 1 + n < end && isAsciiLetter(text.charCodeAt(k + 1 + n))) n++;
    if (n >= 2 && n <= 6 && (k + 1 + n === end || !isAsciiLetter(text.charCodeAt(k + 1 + n)))) return true;
  }
  return false;
}
