import type { Doc } from '../text/document';
import type { TermMatch } from '../text/term.index';

/**
 * Opinion terms that before a number are a quantity. 退了 is a return in a review (退了吧, 退了三次都没退成) but money back
 * before an amount (个税汇算退了六百, 退了二百一十块): each March 晒一下今年的个税汇算，退了六百 was a complaint. 不满 / 不足 before a
 * number are "less than" (不满二年按5.3%征收, 月销售额不满10万元的免征): a rule's threshold, no opinion.
 */
const NUMERAL = /^[0-9０-９一二两三四五六七八九十百千万几.]+/;
/** What may follow the number of an amount of money: nothing, 块, 元, 多 … — not 次, 天 or 半 (退了三次, 退了一半). */
const MONEY_AFTER = /^(?:$|[块元多余]|人民币)/;
const ANY_AFTER = /(?:)/;
const BEFORE_NUMBER = new Map<string, RegExp>([
  ['退了', MONEY_AFTER],
  ['退回', MONEY_AFTER],
  ['退回了', MONEY_AFTER],
  ['不满', ANY_AFTER],
  ['不足', ANY_AFTER],
]);
/** The keys' first characters (退, 不): other terms, most opinion terms, are rejected without hashing for the map. */
const FIRST = [...new Set([...BEFORE_NUMBER.keys()].map((k) => k.charCodeAt(0)))];

export function quantityHere(doc: Doc, sel: TermMatch): boolean {
  if (!FIRST.includes(sel.info.term.charCodeAt(0))) return false;
  const after = BEFORE_NUMBER.get(sel.info.term);
  const token = doc.tokens[sel.tokEnd];
  const number = after && token !== undefined && NUMERAL.exec(token);
  if (!number) return false;
  // the unit: the rest of the number's token (二百一十块), else the next token if it is a word (1200|元, 3|次)
  const rest = token.slice(number[0].length);
  const next = doc.tokens[sel.tokEnd + 1] ?? '';
  return after.test(rest || (/^\p{L}/u.test(next) ? next : ''));
}
