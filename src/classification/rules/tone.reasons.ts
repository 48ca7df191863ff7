import type { Reason } from '../classification.types';
import type { Doc } from '../text/document';
import { TONE } from './rules.params';
import { reason, sortByStart } from '../classification.reasons';
import type { Contribution, ContributionKind, Marker } from './tone.scorer';

/** The reasons scoreTone gives: its strongest contributions with their modifiers, and the contrast markers it used. */
const KIND_RULE: Record<ContributionKind, string> = {
  sentiment: 'tone.sentiment',
  emoticon: 'tone.emoticon',
  irony: 'tone.irony',
  rhetorical: 'tone.rhetorical',
  turn: 'tone.turn',
};

export function toneReasons(doc: Doc, cs: Contribution[], contrasts: Marker[]): Reason[] {
  const out: Reason[] = [];
  const strongest =
    cs.length <= TONE.maxReasons
      ? cs
      : [...cs].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, TONE.maxReasons);
  for (const c of strongest) {
    if (Math.abs(c.value) < 0.05) continue;
    // constant rule names: a template string here made a new string per reason (measured with the heap sampler)
    const rule =
      c.kind === 'sentiment' ? (c.value < 0 ? 'tone.negative' : 'tone.positive') : KIND_RULE[c.kind];
    out.push(reason(rule, c.match, doc.text));
    for (const m of c.modifiers)
      out.push(reason(m.info.negation ? 'tone.negation' : 'tone.degree', m, doc.text));
  }
  for (const m of contrasts) out.push(reason('tone.contrast', m.match, doc.text));
  return sortByStart(out);
}
