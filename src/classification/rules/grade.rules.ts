import type { AuthorityTier, Grade, Reason } from '../classification.types';
import { Doc, negatedBefore } from '../text/document';
import type { DomainHits } from '../text/domain.hits';
import { GRADE } from './rules.params';
import { reason, sortByStart } from '../classification.reasons';

export interface GradeResult {
  gradeHint: Grade | null;
  signals: string[];
  reasons: Reason[];
}

const RANK: Record<Grade, number> = { IV: 1, III: 2, II: 3, I: 4 };
const BY_RANK: Grade[] = ['IV', 'IV', 'III', 'II', 'I'];
const higher = (a: Grade, b: Grade): Grade => (RANK[a] >= RANK[b] ? a : b);

/**
 * A first grade for an alert from the item alone: death → Ⅰ; violence, injury, group incidents, corruption of a named
 * official, a nationwide outage → Ⅱ; physical conflict, corruption, central media, trending → Ⅲ; else Ⅳ. Negated
 * signals (没有人受伤, 未造成人员伤亡) do not count. Not an alert: no grade. The incident layer raises it later with spread.
 */
export function gradeHint(
  doc: Doc,
  hits: DomainHits,
  alert: boolean,
  tier?: AuthorityTier | null,
): GradeResult {
  if (!alert) return { gradeHint: null, signals: [], reasons: [] };
  // Most alerts carry no grade cue at all: Ⅳ, without the bookkeeping below.
  if (!hits.gradeCues.length && tier !== 'central') return { gradeHint: 'IV', signals: [], reasons: [] };
  let grade: Grade = 'IV';
  const signalGrade = new Map<string, Grade>();
  const reasons: Reason[] = [];
  // 未造成人员伤亡, 无人受伤: a 'none' phrase cancels the signals inside it.
  const none = hits.gradeCues.filter((m) => m.info.grades.some((g) => g.signal === 'none'));
  for (const m of hits.gradeCues) {
    if (negatedBefore(doc, m, 4) || none.some((n) => n.start <= m.start && n.end >= m.end)) continue;
    for (const g of m.info.grades) {
      if (g.signal === 'none') continue;
      signalGrade.set(g.signal, higher(signalGrade.get(g.signal) ?? 'IV', g.grade));
      reasons.push(reason(`grade.${g.signal}`, m, doc.text));
    }
  }
  for (const g of signalGrade.values()) grade = higher(grade, g);
  for (const combo of GRADE.combos) {
    if (combo.signals.every((s) => signalGrade.has(s))) grade = higher(grade, combo.grade);
  }
  // Several serious signals together (central media + a crowd + national attention) make it one grade worse.
  const serious = [...signalGrade.values()].filter((g) => RANK[g] >= RANK.III).length;
  if (serious >= 2 && grade === 'III') grade = 'II';
  else if (serious >= 3 && grade === 'II') grade = 'I';
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
