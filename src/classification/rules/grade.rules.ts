import type { AuthorityTier, Grade, Reason } from '../classification.types';
import { Doc, negatedBefore } from '../text/document';
import type { DomainHits } from '../text/domain.hits';
import { GRADE } from './rules.params';
import { reason, sortByStart } from '../classification.reasons';
import { numberSignals } from './grade.numbers';

export interface GradeResult {
  gradeHint: Grade | null;
  signals: string[];
  reasons: Reason[];
}

const RANK: Record<Grade, number> = { IV: 1, III: 2, II: 3, I: 4 };
const BY_RANK: Grade[] = ['IV', 'IV', 'III', 'II', 'I'];
const higher = (a: Grade, b: Grade): Grade => (RANK[a] >= RANK[b] ? a : b);
/** 向人民日报投诉, 找央视曝光, 在人民网留言板反映: the writer appealing to an outlet is not its coverage (Ⅲ). */
const APPEAL = /(?:向|找|给|投诉到|告到|反映到|曝光到|打给|发给)$/;
const APPEAL_AFTER = /^(?:领导)?留言板|^网?问政/;
/** CCTV监控, 央视 as a camera brand: no outlet at all. */
const NOT_OUTLET = /^(?:监控|摄像|镜头|录像)/;

/** The grade an outlet's name gives where it stands: its own, Ⅲ for an appeal to it, none for a camera. */
function mediaLevel(text: string, start: number, end: number, own: Grade): Grade | null {
  const after = text.slice(end, end + 4);
  if (NOT_OUTLET.test(after)) return null;
  if (APPEAL.test(text.slice(Math.max(0, start - 4), start)) || APPEAL_AFTER.test(after))
    return RANK[own] > RANK.III ? 'III' : own;
  return own;
}

/**
 * A first grade for an alert from the item alone: death → Ⅰ; violence, injury, group incidents (a crowd of dozens
 * gathered), corruption of a named official, a nationwide outage, central media, national reach → Ⅱ; physical
 * conflict, corruption, other media, trending, a scam's loss of 10万 or more → Ⅲ; else Ⅳ. Negated
 * signals (没有人受伤, 未造成人员伤亡) do not count. Not an alert: no grade. The incident layer raises it later with spread.
 */
export function gradeHint(
  doc: Doc,
  hits: DomainHits,
  alert: boolean,
  tier?: AuthorityTier | null,
): GradeResult {
  if (!alert) return { gradeHint: null, signals: [], reasons: [] };
  const numbers = numberSignals(doc.text);
  // Most alerts carry no grade cue at all: Ⅳ, without the bookkeeping below.
  if (!hits.gradeCues.length && !numbers.length && tier !== 'central')
    return { gradeHint: 'IV', signals: [], reasons: [] };
  let grade: Grade = 'IV';
  const signalGrade = new Map<string, Grade>();
  const reasons: Reason[] = [];
  for (const n of numbers) {
    signalGrade.set(n.signal, higher(signalGrade.get(n.signal) ?? 'IV', n.grade));
    reasons.push({
      rule: `grade.${n.signal}`,
      term: doc.text.slice(n.start, n.end),
      start: n.start,
      end: n.end,
    });
  }
  // 未造成人员伤亡, 无人受伤: a 'none' phrase cancels the signals inside it.
  const none = hits.gradeCues.filter((m) => m.info.grades.some((g) => g.signal === 'none'));
  for (const m of hits.gradeCues) {
    if (negatedBefore(doc, m, 4) || none.some((n) => n.start <= m.start && n.end >= m.end)) continue;
    for (const g of m.info.grades) {
      if (g.signal === 'none') continue;
      const level = g.signal === 'media' ? mediaLevel(doc.text, m.start, m.end, g.grade) : g.grade;
      if (!level) continue;
      signalGrade.set(g.signal, higher(signalGrade.get(g.signal) ?? 'IV', level));
      reasons.push(reason(`grade.${g.signal}`, m, doc.text));
    }
  }
  for (const g of signalGrade.values()) grade = higher(grade, g);
  for (const combo of GRADE.combos) {
    if (combo.signals.every((s) => signalGrade.has(s))) grade = higher(grade, combo.grade);
  }
  // Several serious signals together (central media + a crowd + national attention) make it one grade worse.
  // Ⅰ needs two of them at Ⅱ already: a protest on 热搜 that 人民日报 reposted stays Ⅱ.
  const serious = [...signalGrade.values()].filter((g) => RANK[g] >= RANK.III).length;
  const major = [...signalGrade.values()].filter((g) => RANK[g] >= RANK.II).length;
  if (serious >= 2 && grade === 'III') grade = 'II';
  else if (serious >= 3 && major >= 2 && grade === 'II') grade = 'I';
  if (tier === 'central') {
    const raised =
      RANK[grade] >= RANK[GRADE.centralSource]
        ? BY_RANK[Math.min(RANK[grade] + 1, RANK.II)]
        : GRADE.centralSource;
    grade = higher(grade, raised);
    reasons.push({ rule: 'grade.central-source', term: 'central', start: 0, end: 0 });
  }
  return {
    gradeHint: grade,
    signals: [...signalGrade.keys()],
    reasons: sortByStart(reasons),
  };
}
