import type { ClassificationResult, ClassifyInput } from '../../../src/classification/classification.types';
import { DomainCase, gradeAtLeast } from '../../fixtures/classification/domain-cases';

export interface Binary {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface Agreement {
  asserted: number;
  correct: number;
  accuracy: number;
}

export interface DomainEvaluation {
  cases: number;
  relevant: Binary;
  alert: Binary;
  negative: Binary;
  category: Agreement & { confusion: Record<string, Record<string, number>> };
  bureau: Agreement;
  grade: Agreement;
  byTrap: Record<string, Agreement>;
  failures: { id: string; trap: string; what: string; expected: unknown; got: unknown; text: string }[];
}

/** The case as classifier input: the fixture's `source.tier` is the sources row's authority_tier. */
export function caseInput(c: DomainCase): ClassifyInput {
  return {
    id: c.id,
    title: c.title,
    text: c.text,
    source: c.source
      ? {
          regionCode: c.source.regionCode ?? null,
          bureauCode: c.source.bureauCode ?? null,
          authorityTier: c.source.tier,
        }
      : null,
  };
}

function binary(pairs: [boolean, boolean][]): Binary {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const [expected, got] of pairs) {
    if (expected && got) tp++;
    else if (got) fp++;
    else if (expected) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, tn, precision, recall, f1, accuracy: (tp + tn) / Math.max(1, pairs.length) };
}

function agreement(asserted: number, correct: number): Agreement {
  return { asserted, correct, accuracy: asserted ? correct / asserted : 1 };
}

/** Runs every case and compares each asserted expectation (README.md beside the fixture says what is asserted). */
export function evaluateDomain(
  cases: DomainCase[],
  classify: (i: ClassifyInput) => ClassificationResult,
): DomainEvaluation {
  const rel: [boolean, boolean][] = [];
  const alert: [boolean, boolean][] = [];
  const neg: [boolean, boolean][] = [];
  const failures: DomainEvaluation['failures'] = [];
  const confusion: Record<string, Record<string, number>> = {};
  let catN = 0,
    catOk = 0,
    burN = 0,
    burOk = 0,
    gradeN = 0,
    gradeOk = 0;
  const trap: Record<string, { n: number; ok: number }> = {};
  for (const c of cases) {
    const r = classify(caseInput(c));
    const e = c.expect;
    let ok = true;
    const fail = (what: string, expected: unknown, got: unknown) => {
      ok = false;
      failures.push({ id: c.id, trap: c.trap, what, expected, got, text: `${c.title}｜${c.text}` });
    };
    rel.push([e.relevant, r.relevant]);
    if (e.relevant !== r.relevant) fail('relevant', e.relevant, r.relevant);
    alert.push([e.alert, r.alert]);
    if (e.alert !== r.alert) fail('alert', e.alert, r.alert);
    if (e.negative !== undefined) {
      neg.push([e.negative, r.negative]);
      if (e.negative !== r.negative) fail('negative', e.negative, r.negative);
    }
    if (e.category !== undefined) {
      catN++;
      const key = String(e.category);
      confusion[key] ??= {};
      confusion[key][String(r.category)] = (confusion[key][String(r.category)] ?? 0) + 1;
      if (e.category === r.category) catOk++;
      else fail('category', e.category, r.category);
    }
    if (e.bureau !== undefined) {
      burN++;
      if ((r.bureau?.code ?? null) === e.bureau) burOk++;
      else fail('bureau', e.bureau, r.bureau?.code ?? null);
    }
    if (e.gradeAtLeast || e.grade) {
      gradeN++;
      const good = e.grade ? r.gradeHint === e.grade : gradeAtLeast(r.gradeHint, e.gradeAtLeast!);
      if (good) gradeOk++;
      else fail('grade', e.grade ?? `>=${e.gradeAtLeast}`, r.gradeHint);
    }
    trap[c.trap] ??= { n: 0, ok: 0 };
    trap[c.trap].n++;
    if (ok) trap[c.trap].ok++;
  }
  return {
    cases: cases.length,
    relevant: binary(rel),
    alert: binary(alert),
    negative: binary(neg),
    category: { ...agreement(catN, catOk), confusion },
    bureau: agreement(burN, burOk),
    grade: agreement(gradeN, gradeOk),
    byTrap: Object.fromEntries(Object.entries(trap).map(([k, v]) => [k, agreement(v.n, v.ok)])),
    failures,
  };
}
