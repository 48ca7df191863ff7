/**
 * Evidence highlighting: the classifier's reasons carry [start, end) offsets (UTF-16 code units, as JS strings index
 * them) into `title + '\n' + text` (contracts.md "Classification output"). Each part is rendered with <mark> around
 * the covered ranges; overlapping or touching ranges are merged, out-of-range ones clipped, empty ones ignored.
 * Everything else is escaped: item text comes from the internet.
 */
import { html, joinHtml, SafeHtml } from '../../console/html';
import { reasonLabel } from './incident-reasons';

export interface Reason {
  rule: string;
  term: string;
  start: number;
  end: number;
}

interface Span {
  start: number;
  end: number;
  labels: string[];
}

export function mergeRanges(reasons: readonly Reason[], length: number): Span[] {
  const spans = reasons
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start)
    .map((r) => ({
      start: Math.max(0, r.start),
      end: Math.min(length, r.end),
      labels: [reasonLabel(r.rule)],
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      for (const l of s.labels) if (!last.labels.includes(l)) last.labels.push(l);
    } else out.push({ ...s, labels: [...s.labels] });
  }
  return out;
}

/** `part` is the substring of the full text starting at `offset`; spans are in full-text offsets. */
function renderPart(part: string, offset: number, spans: readonly Span[]): SafeHtml {
  const pieces: (SafeHtml | string)[] = [];
  let at = 0;
  for (const s of spans) {
    const a = Math.max(s.start - offset, 0);
    const b = Math.min(s.end - offset, part.length);
    if (b <= a || b <= 0 || a >= part.length) continue;
    if (a > at) pieces.push(part.slice(at, a));
    pieces.push(html`<mark class="evidence" title="${s.labels.join('；')}">${part.slice(a, b)}</mark>`);
    at = b;
  }
  if (at < part.length) pieces.push(part.slice(at));
  return joinHtml(pieces);
}

/** Title and text with the evidence marked. */
export function highlightEvidence(
  title: string,
  text: string,
  reasons: readonly Reason[],
): { title: SafeHtml; text: SafeHtml } {
  const spans = mergeRanges(reasons ?? [], title.length + 1 + text.length);
  return { title: renderPart(title, 0, spans), text: renderPart(text, title.length + 1, spans) };
}
