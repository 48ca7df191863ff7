import type { Reason } from '../classification.types';
import type { Doc } from '../text/document';
import {
  TERM_CONTRAST,
  TERM_DEGREE,
  TERM_DENIAL,
  TERM_EMOTICON,
  TERM_IRONY,
  TERM_NEGATION,
  TERM_RHETORICAL,
  TERM_SENTIMENT,
  TERM_TONE,
} from '../lexicon/lexicon.types';
import { TONE } from './rules.params';
import { MATCH_ALIGNED, TermMatch } from '../text/term.index';
import { deniedAfter, dropResolved, governing, modified, resolutions } from './tone.modifiers';
import { actingMarkers, applyContrast, ContrastMarker } from './tone.contrast';
import { toneReasons } from './tone.reasons';
import { quantityHere } from './tone.quantity';

export type ContributionKind = 'sentiment' | 'emoticon' | 'irony' | 'rhetorical' | 'turn';

/** One opinion signal and what it added to the score after negation, degree, contrast, rhetoric and irony. */
export interface Contribution {
  match: TermMatch;
  kind: ContributionKind;
  value: number;
  sentence: number;
  clause: number;
  modifiers: TermMatch[];
}

export interface ToneResult {
  /** Sum of contributions (weight units). */
  raw: number;
  /** raw squashed into -1 … 1. */
  toneScore: number;
  negative: boolean;
  /**
   * Set when the learned tone model decided `negative` and `toneScore`: its log-odds minus its threshold (≥ 0 is
   * negative), for rules that want the model's confidence rather than the lexicon sum.
   */
  modelMargin?: number;
  contributions: Contribution[];
  reasons: Reason[];
  /** Clause → token of its first completed resolution (解决了), or null: what follows it names a solved problem. */
  resolved: Map<number, number> | null;
  /**
   * A negative expectation refuted by a turn with nothing negative after it (本来对税务局没啥好印象，结果却…): the post
   * is relieved, whatever the words of the fear tell the model.
   */
  refutedFear: boolean;
}

const NONE: TermMatch[] = [];
/**
 * scoreTone's working lists, reused (classification is synchronous): the selected tone terms and the modifiers waiting
 * for their opinion term (entries past the count are stale and harmless). New lists per item and per clause were
 * needless garbage, which costs twice here (document.ts).
 */
const SELECTED: TermMatch[] = [];
const PENDING: TermMatch[] = [];
const QUOTE = new Set(['“', '"', '「', '『', "'", '‘']);

export interface Marker {
  match: TermMatch;
  sentence: number;
  clause: number;
}

/**
 * Tone of the whole text, whatever its subject. Lexicon weights are combined the way Chinese opinion is phrased:
 * negation flips the next opinion term within its clause (不是很满意 is mildly negative, 很不满意 strongly so, 并非不作为
 * is not a complaint); degree adverbs scale it; 虽然…但是 moves the weight to the part after the turn; a rhetorical
 * question (难道这就是为人民服务？) and irony (效率真高，呵呵) turn praise into criticism; emoticons count as they are.
 */
/**
 * Contrast, rhetoric, irony and denial markers read per item, each kind in text order. Each is applied to the opinions
 * around it by a scan of them, so a hostile text of thousands (虽然 × 10,000 took 14 s) would be quadratic; prose has a
 * handful.
 */
const MAX_MARKERS = 64;

/**
 * Markers that turn only where they open a clause (不错，就是贵了点); inside one they mean "just, exactly"
 * (效率就是这样的吗？ 干部就是这样服务纳税人的？).
 */
const CLAUSE_INITIAL = new Set(['就是', '只是']);

/** Token k opens its clause (punctuation before it does not count) or follows an opinion (服务不错就是排队久). */
function turnsHere(doc: Doc, k: number, cs: Contribution[]): boolean {
  if (cs.length && cs[cs.length - 1].match.tokEnd === k) return true;
  for (let j = k - 1; j >= 0 && doc.clauseOf[j] === doc.clauseOf[k]; j--)
    if (isWord(doc.tokens[j])) return false;
  return true;
}

const isWord = (t: string) => /[\p{L}\p{N}]/u.test(t);

/** Verbs of asking: a question they introduce (想问问能不能申请分期) is one put to someone, not rhetoric. */
const ASKING = new Set(['问', '问问', '想问', '请问', '问一下', '咨询', '咨询一下', '打听', '了解一下']);

/** An asking verb among the three tokens before `tok` in its clause. */
function asked(doc: Doc, tok: number): boolean {
  for (let k = tok - 1; k >= 0 && k >= tok - 3 && doc.clauseOf[k] === doc.clauseOf[tok]; k--)
    if (ASKING.has(doc.tokens[k])) return true;
  return false;
}

export function scoreTone(doc: Doc): ToneResult {
  const contributions: Contribution[] = [];
  let contrasts: ContrastMarker[] = [];
  const rhetorical: Marker[] = [];
  const irony: Marker[] = [];
  const denials: Marker[] = [];
  let emoticonsSeen: Map<string, number> | undefined;
  const selected = SELECTED;
  const selectedCount = selectToneTerms(doc.matches, selected);
  // Modifiers waiting for their opinion term: pending[0 … pendingCount), a buffer reused across items.
  const pending = PENDING;
  let pendingCount = 0;
  let pendingClause = -1;
  for (let i = 0; i < selectedCount; i++) {
    const sel = selected[i];
    const info = sel.info;
    const f = sel.flags; // summary bits: TermInfo fields are read only when set
    const sentence = doc.sentenceOf[sel.tok];
    const clause = doc.clauseOf[sel.tok];
    if (clause !== pendingClause) {
      pendingCount = 0;
      pendingClause = clause;
    }
    // Markers beyond MAX_MARKERS of a kind are not read: each is applied to every opinion around it.
    if (
      f & TERM_CONTRAST &&
      contrasts.length < MAX_MARKERS &&
      (!CLAUSE_INITIAL.has(info.term) || turnsHere(doc, sel.tok, contributions))
    )
      contrasts.push({ match: sel, sentence, clause, role: info.contrast! });
    if (f & TERM_RHETORICAL && rhetorical.length < MAX_MARKERS && !asked(doc, sel.tok))
      rhetorical.push({ match: sel, sentence, clause });
    if (f & TERM_IRONY && irony.length < MAX_MARKERS) irony.push({ match: sel, sentence, clause });
    if (f & TERM_DENIAL && denials.length < MAX_MARKERS) denials.push({ match: sel, sentence, clause });
    if (f & TERM_EMOTICON) {
      // The same emoticon repeated ([怒][怒][怒]) adds less each time (counted in a map: a hostile text repeats one
      // thousands of times, and counting by a scan of the contributions was quadratic).
      emoticonsSeen ??= new Map();
      const seen = emoticonsSeen.get(info.term) ?? 0;
      emoticonsSeen.set(info.term, seen + 1);
      const value = info.emoticon * (seen === 0 ? 1 : seen === 1 ? 0.5 : 0.25);
      contributions.push({ match: sel, kind: 'emoticon', value, sentence, clause, modifiers: NONE });
    }
    // 好 is an opinion and a degree adverb: right before another opinion term (好腻, 好难吃) it is the adverb.
    const next = i + 1 < selectedCount ? selected[i + 1] : undefined;
    const modifierHere =
      f & (TERM_NEGATION | TERM_DEGREE) &&
      (!(f & TERM_SENTIMENT) || (next && next.flags & TERM_SENTIMENT && next.start === sel.end));
    if (modifierHere) {
      pending[pendingCount++] = sel;
    } else if (f & TERM_SENTIMENT && !quantityHere(doc, sel)) {
      const mods = pendingCount ? governing(doc, pending, pendingCount, sel) : NONE;
      contributions.push({
        match: sel,
        kind: 'sentiment',
        value: deniedAfter(doc, sel) ? -sel.info.sentiment * TONE.negatedPositive : modified(sel, mods),
        sentence,
        clause,
        modifiers: mods,
      });
      pendingCount = 0;
    }
  }
  const resolved = resolutions(doc);
  dropResolved(doc, resolved, contributions);
  let refutedFear = false;
  if (contrasts.length) {
    contrasts = actingMarkers(contrasts);
    const contrast = applyContrast(doc, contributions, contrasts);
    for (const c of contrast.added) contributions.push(c);
    refutedFear = contrast.refutedFear;
  }
  applyFlip(contributions, rhetorical, 0, TONE.rhetoricalFlip);
  applyDenial(contributions, denials);
  // A scare-quoted slogan (“一次办好”) is irony only beside a complaint; in a report it is just the slogan.
  for (let k = irony.length - 1; k >= 0; k--) {
    const m = irony[k];
    if (
      QUOTE.has(m.match.info.term[0]) &&
      !contributions.some((c) => c.sentence === m.sentence && c.value < 0 && c.kind !== 'irony')
    )
      irony.splice(k, 1);
  }
  // Praise that reads as sincere on its own (效率真高, 服务真周到) is irony only in an item that also complains or sneers:
  // 点赞税务局，效率真高！ is thanks, 排了三个小时……效率真高啊 is not. Test cases use it as sarcasm almost always; posts
  // use it as plain praise too, and six sincere ones tried were all alerts before.
  if (irony.some((m) => m.match.info.ironyPraise) && !complainsOrSneers(contributions, irony))
    for (let k = irony.length - 1; k >= 0; k--) if (irony[k].match.info.ironyPraise) irony.splice(k, 1);
  applyFlip(contributions, irony, doc.sentenceCount <= 2 ? 99 : 1, TONE.ironyFlip);
  for (const r of rhetorical) push(contributions, r, 'rhetorical', -r.match.info.rhetorical);
  // A marker that is also an emoticon or opinion word (呵呵, 服了) already counted with that weight.
  for (const r of irony)
    if (!r.match.info.emoticon && !r.match.info.sentiment)
      push(contributions, r, 'irony', -r.match.info.irony);
  let raw = 0;
  for (const c of contributions) {
    // Negativity bias (as in SO-CAL): a complaint next to praise usually decides the verdict.
    if (c.value < 0) c.value *= TONE.negativityBias;
    raw += c.value;
  }
  const negative = raw <= -TONE.negativeThreshold;
  return {
    raw,
    toneScore: Math.round(Math.tanh(raw / TONE.squash) * 1000) / 1000,
    negative,
    contributions,
    reasons: toneReasons(doc, contributions, contrasts),
    resolved,
    refutedFear,
  };
}

/**
 * Matches in text order; at each start the longest tone-bearing term that ends on a token boundary (不是 rather than
 * 不是很 in 不是/很好吃), else the longest; terms inside an earlier one are skipped. Written to out[0 … n); returns n.
 */
function selectToneTerms(ms: TermMatch[], out: TermMatch[]): number {
  let n = 0;
  let coveredUntil = -1;
  for (let i = 0; i < ms.length;) {
    let j = i;
    let sel: TermMatch | null = null;
    let selAligned: TermMatch | null = null;
    while (j < ms.length && ms[j].start === ms[i].start) {
      const m = ms[j];
      if (m.flags & TERM_TONE) {
        if (!sel || m.end > sel.end) sel = m;
        if (m.flags & MATCH_ALIGNED && (!selAligned || m.end > selAligned.end)) selAligned = m;
      }
      j++;
    }
    sel = selAligned ?? sel;
    i = j;
    if (!sel) continue;
    if (sel.start < coveredUntil) {
      // 根本不|讲道理: an opinion term (不讲道理) overlapping a modifier token (根本不) wins over the modifier.
      const prev = out[n - 1];
      if (!(sel.flags & TERM_SENTIMENT) || prev.flags & TERM_SENTIMENT || sel.end <= prev.end) continue;
      n--;
    }
    coveredUntil = sel.end;
    out[n++] = sel;
  }
  return n;
}

/** A complaint (a negative opinion, emoticon or turn) or a sneer (an irony marker that is not plain praise). */
function complainsOrSneers(cs: Contribution[], irony: Marker[]): boolean {
  return cs.some((c) => c.value < 0 && c.kind !== 'irony') || irony.some((m) => !m.match.info.ironyPraise);
}

/** Praise near a rhetorical question or an irony marker is read as its opposite. */
function applyFlip(cs: Contribution[], markers: Marker[], reach: number, factor: number): void {
  if (!markers.length) return;
  for (const c of cs) {
    if (c.value <= 0 || c.kind !== 'sentiment') continue;
    if (markers.some((m) => Math.abs(m.sentence - c.sentence) <= reach)) c.value *= factor;
  }
}

/** 谁说税务局办事慢？: criticism after a denial marker in its sentence is denied (counts as mild praise). */
function applyDenial(cs: Contribution[], markers: Marker[]): void {
  for (const m of markers) {
    for (const c of cs) {
      if (c.sentence === m.sentence && c.match.start > m.match.start && c.value < 0)
        c.value *= TONE.denialFlip;
    }
  }
}

function push(cs: Contribution[], m: Marker, kind: ContributionKind, value: number): void {
  cs.push({ match: m.match, kind, value, sentence: m.sentence, clause: m.clause, modifiers: NONE });
}
