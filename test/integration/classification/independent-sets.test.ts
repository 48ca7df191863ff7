import { join } from 'node:path';
import { projectClassifier } from '../../../src/classification/classification.spec-support';
import { INDEPENDENT_SETS, independentPart } from '../../../src/classification/eval/team-sets.eval';
import { buildBureauCatalog } from '../../../src/organisation/bureau-catalog';
import { CATEGORIES, loadDomainCases } from '../../fixtures/classification/domain-cases';
import { caseInput, evaluateDomain } from './domain-eval';

/**
 * The independent domain sets: 240 cases each, written by authors who never saw the rules, the lexicons or the other
 * sets — domain-cases-b.jsonl (ids b…), domain-cases-c.jsonl (ids d…), domain-cases-d.jsonl (ids e…),
 * domain-cases-e.jsonl (ids f…), domain-cases-f.jsonl (ids y…), domain-cases-g.jsonl (ids z…) and domain-cases-h.jsonl
 * … -r.jsonl (ids H…, I…, J…, K…, L…, M…, N…, O…, W…, A…, Y…); all but the first
 * were measured whole before any change was made from them. Odd ids are dev (failures may be read and fixed); even
 * ids are held out (only their figures are looked at). Levels a little below what is measured (README), so that a
 * change that costs generalisation fails here even when the team's own set does not notice. The category prior and
 * the complaint model (config/models/) are trained on the dev halves (not the fourteenth to eighteenth sets'): their
 * figures are in-sample, the held-out ones
 * not.
 */
type Figures = Record<'alertF1' | 'alertPrecision' | 'alertCategory' | 'relevantAccuracy' | 'bureau', number>;
const LEVELS: Record<string, Record<'held-out' | 'dev', Figures>> = {
  'domain-cases-b.jsonl': {
    'held-out': {
      alertF1: 0.93,
      alertPrecision: 0.9,
      alertCategory: 0.87,
      relevantAccuracy: 0.93,
      bureau: 0.95,
    },
    dev: { alertF1: 0.97, alertPrecision: 0.97, alertCategory: 0.93, relevantAccuracy: 0.95, bureau: 0.97 },
  },
  'domain-cases-c.jsonl': {
    'held-out': {
      alertF1: 0.91,
      alertPrecision: 0.91,
      alertCategory: 0.87,
      relevantAccuracy: 0.93,
      bureau: 0.95,
    },
    dev: { alertF1: 0.97, alertPrecision: 0.97, alertCategory: 0.93, relevantAccuracy: 0.95, bureau: 0.97 },
  },
  'domain-cases-d.jsonl': {
    'held-out': {
      alertF1: 0.91,
      alertPrecision: 0.97,
      // 0.871 → 0.855 with the training sets T…V (rules-18): one 系统故障 alert read as 服务态度与效率; 0.871 again
      // with the heads fitted further (rules-19)
      alertCategory: 0.85,
      relevantAccuracy: 0.93,
      bureau: 0.95,
    },
    dev: { alertF1: 0.97, alertPrecision: 0.97, alertCategory: 0.89, relevantAccuracy: 0.97, bureau: 0.97 },
  },
  'domain-cases-e.jsonl': {
    'held-out': {
      alertF1: 0.86,
      alertPrecision: 0.85,
      alertCategory: 0.78,
      relevantAccuracy: 0.89,
      bureau: 0.93,
    },
    dev: { alertF1: 0.9, alertPrecision: 0.97, alertCategory: 0.85, relevantAccuracy: 0.9, bureau: 0.9 },
  },
  'domain-cases-f.jsonl': {
    'held-out': {
      alertF1: 0.86,
      alertPrecision: 0.91,
      alertCategory: 0.87,
      relevantAccuracy: 0.9,
      bureau: 0.93,
    },
    dev: { alertF1: 0.93, alertPrecision: 0.96, alertCategory: 0.9, relevantAccuracy: 0.93, bureau: 0.95 },
  },
  'domain-cases-g.jsonl': {
    'held-out': {
      alertF1: 0.89,
      alertPrecision: 0.9,
      alertCategory: 0.9,
      relevantAccuracy: 0.93,
      bureau: 0.92,
    },
    dev: { alertF1: 0.94, alertPrecision: 0.96, alertCategory: 0.85, relevantAccuracy: 0.94, bureau: 0.9 },
  },
  'domain-cases-h.jsonl': {
    'held-out': {
      alertF1: 0.91,
      alertPrecision: 0.93,
      alertCategory: 0.89,
      relevantAccuracy: 0.95,
      bureau: 0.89,
    },
    dev: { alertF1: 0.96, alertPrecision: 0.96, alertCategory: 0.93, relevantAccuracy: 0.96, bureau: 0.9 },
  },
  'domain-cases-i.jsonl': {
    'held-out': {
      alertF1: 0.89,
      alertPrecision: 0.91,
      alertCategory: 0.86,
      relevantAccuracy: 0.93,
      bureau: 0.89,
    },
    dev: { alertF1: 0.93, alertPrecision: 0.96, alertCategory: 0.9, relevantAccuracy: 0.93, bureau: 0.92 },
  },
  'domain-cases-j.jsonl': {
    'held-out': {
      alertF1: 0.92,
      alertPrecision: 0.94,
      alertCategory: 0.9,
      relevantAccuracy: 0.95,
      bureau: 0.94,
    },
    dev: { alertF1: 0.96, alertPrecision: 0.97, alertCategory: 0.96, relevantAccuracy: 0.96, bureau: 0.97 },
  },
  'domain-cases-k.jsonl': {
    'held-out': {
      alertF1: 0.88,
      alertPrecision: 0.89,
      alertCategory: 0.88,
      relevantAccuracy: 0.93,
      bureau: 0.94,
    },
    dev: { alertF1: 0.95, alertPrecision: 0.97, alertCategory: 0.89, relevantAccuracy: 0.93, bureau: 0.92 },
  },
  'domain-cases-l.jsonl': {
    'held-out': {
      alertF1: 0.87,
      alertPrecision: 0.89,
      alertCategory: 0.84,
      relevantAccuracy: 0.91,
      bureau: 0.95,
    },
    dev: { alertF1: 0.94, alertPrecision: 0.98, alertCategory: 0.89, relevantAccuracy: 0.92, bureau: 0.96 },
  },
  'domain-cases-m.jsonl': {
    'held-out': {
      alertF1: 0.89,
      alertPrecision: 0.9,
      alertCategory: 0.86,
      relevantAccuracy: 0.93,
      bureau: 0.93,
    },
    dev: { alertF1: 0.97, alertPrecision: 0.97, alertCategory: 0.93, relevantAccuracy: 0.95, bureau: 0.98 },
  },
  // The fourteenth and fifteenth measure only (MEASURE_ONLY_SETS): both halves out of sample.
  'domain-cases-n.jsonl': {
    'held-out': {
      alertF1: 0.9,
      alertPrecision: 0.94,
      alertCategory: 0.83,
      relevantAccuracy: 0.92,
      bureau: 0.91,
    },
    dev: { alertF1: 0.92, alertPrecision: 0.94, alertCategory: 0.87, relevantAccuracy: 0.93, bureau: 0.9 },
  },
  'domain-cases-o.jsonl': {
    'held-out': {
      alertF1: 0.92,
      alertPrecision: 0.97,
      alertCategory: 0.85,
      relevantAccuracy: 0.94,
      bureau: 0.97,
    },
    dev: { alertF1: 0.91, alertPrecision: 0.89, alertCategory: 0.82, relevantAccuracy: 0.93, bureau: 0.94 },
  },
  // The sixteenth, written to measure only (2026-12-07, rules-19): first measured whole at alert F1 0.941, category 0.923.
  'domain-cases-p.jsonl': {
    'held-out': {
      alertF1: 0.9,
      alertPrecision: 0.92,
      alertCategory: 0.87,
      relevantAccuracy: 0.91,
      bureau: 0.95,
    },
    dev: { alertF1: 0.93, alertPrecision: 0.96, alertCategory: 0.9, relevantAccuracy: 0.93, bureau: 0.96 },
  },
  // The seventeenth, plain everyday posts written to measure only (2026-12-07, rules-20): first measured whole at alert
  // F1 0.914, category 0.890 — below the 0.92 on alerts (README beside the fixture).
  'domain-cases-q.jsonl': {
    'held-out': {
      alertF1: 0.87,
      alertPrecision: 0.88,
      alertCategory: 0.81,
      relevantAccuracy: 0.92,
      bureau: 0.97,
    },
    dev: { alertF1: 0.9, alertPrecision: 0.92, alertCategory: 0.9, relevantAccuracy: 0.95, bureau: 0.97 },
  },
  // The eighteenth, a month's mix written to measure only (2026-12-07, night, rules-21): first measured whole at
  // alert F1 0.933, category 0.933 (README beside the fixture).
  'domain-cases-r.jsonl': {
    'held-out': {
      alertF1: 0.92,
      alertPrecision: 0.92,
      alertCategory: 0.9,
      relevantAccuracy: 0.88,
      bureau: 0.94,
    },
    dev: { alertF1: 0.89, alertPrecision: 0.87, alertCategory: 0.9, relevantAccuracy: 0.93, bureau: 0.92 },
  },
};

describe.each(INDEPENDENT_SETS.map((s) => [s.file.split('/').pop()!, s.file] as const))(
  'independent domain set %s',
  (name, file) => {
    const cases = loadDomainCases(join(__dirname, '../../..', file));
    const classifier = projectClassifier();
    const prefix = cases[0].id[0];

    it('has 240 cases in id order with catalogue codes and complete alert expectations', () => {
      expect(cases).toHaveLength(240);
      cases.forEach((c, i) => expect(c.id).toBe(`${prefix}${String(i + 1).padStart(3, '0')}`));
      const codes = new Set(buildBureauCatalog().map((b) => b.code));
      const problems = cases.flatMap((c) => [
        ...(c.expect.bureau && !codes.has(c.expect.bureau) ? [`${c.id}: bureau ${c.expect.bureau}`] : []),
        ...(c.expect.alert && (!c.expect.relevant || !CATEGORIES.includes(c.expect.category as never))
          ? [`${c.id}: an alert needs relevant and a category`]
          : []),
      ]);
      expect(problems).toEqual([]);
    });

    for (const part of ['held-out', 'dev'] as const)
      it(`${part} half: alert, category, relevance and bureau at the stated levels`, () => {
        const mine = cases.filter((c) => independentPart(c.id) === part);
        const e = evaluateDomain(mine, (i) => classifier.classify(i));
        const alerts = mine.filter((c) => c.expect.alert);
        const categoryRight = alerts.filter(
          (c) => classifier.classify(caseInput(c)).category === c.expect.category,
        ).length;
        const figures: Figures = {
          alertF1: e.alert.f1,
          alertPrecision: e.alert.precision,
          alertCategory: categoryRight / alerts.length,
          relevantAccuracy: e.relevant.accuracy,
          bureau: e.bureau.accuracy,
        };
        process.stdout.write(`${name}, ${part}: ${JSON.stringify(figures)}\n`);
        for (const [k, level] of Object.entries(LEVELS[name][part]))
          expect(figures[k as keyof Figures]).toBeGreaterThanOrEqual(level);
      });
  },
);
