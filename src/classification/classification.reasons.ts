import type { Reason } from './classification.types';
import type { TermMatch } from './term.index';

/** A reason for a matched term; the term is quoted from the text, so it is exactly what the console highlights. */
export function reason(rule: string, m: TermMatch, text: string): Reason {
  return { rule, term: text.slice(m.start, m.end), start: m.start, end: m.end };
}
