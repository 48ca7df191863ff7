import { basename } from 'node:path';
import type { Classifier } from '../classifier';
import { buildDoc } from '../document';
import { caseInput, DomainLine } from '../eval/team-sets.eval';
import { RULES_VERSION } from '../rules.params';
import { scoreTone } from '../tone.scorer';
import { DEFAULT_LOGISTIC, fitLogistic, SparseExample } from '../tone-model/logistic';
import { compact } from '../tone-model/tone.learning';
import { FeatureBuffer, toneFeatures } from '../tone-model/tone.features';
import {
  AlertFigures,
  COMPLAINT_DIM,
  ComplaintModel,
  foldIndex,
  saveComplaintModel,
} from './complaint.model';

export interface CaseSet {
  file: string;
  part: string;
  cases: DomainLine[];
}

/** One case as classify() sees it (the same document and rule tone), folded into the model's buckets; label = alert. */
function encodeCase(classifier: Classifier, c: DomainLine, buf: FeatureBuffer): SparseExample {
  const { segmenter, index } = classifier.resources;
  const doc = buildDoc(c.title ?? '', c.text, segmenter, index, true);
  toneFeatures(doc, scoreTone(doc), buf);
  const e = compact(buf, c.expect.alert ? 1 : 0);
  return { ...e, idx: e.idx.map(foldIndex) };
}

/** Alert precision, recall and F1 of a classifier on cases. */
export function alertFigures(classifier: Classifier, cases: DomainLine[]): AlertFigures {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const c of cases) {
    const got = classifier.classify(caseInput(c)).alert;
    if (got && c.expect.alert) tp++;
    else if (got) fp++;
    else if (c.expect.alert) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { items: cases.length, precision: round(precision), recall: round(recall), f1: round(f1) };
}

/**
 * `classifier:train-complaint`: fits the model on every case of `sets` (label: alert), writes it to `out`, and
 * measures `measure` (cases never trained on: the independent sets' held-out halves) without and with it.
 * `classifier` is the one the model joins (lexicons, tone model, category prior); its own complaint model is ignored.
 */
export function trainComplaintModel(
  classifier: Classifier,
  sets: CaseSet[],
  out: string,
  measure: Record<string, DomainLine[]> = {},
): ComplaintModel {
  const buf = new FeatureBuffer();
  const examples = sets.flatMap((s) => s.cases.map((c) => encodeCase(classifier, c, buf)));
  if (new Set(examples.map((e) => e.y)).size < 2)
    throw new Error('complaint model: the training cases need alerts and non-alerts');
  const fitted = fitLogistic(examples, { ...DEFAULT_LOGISTIC, dim: COMPLAINT_DIM });
  const training = {
    files: sets.map((s) => ({ file: basename(s.file), part: s.part, cases: s.cases.length })),
    label: 'expect.alert of each case',
    learner: { kind: 'logistic regression over the tone model’s words features', ...DEFAULT_LOGISTIC },
  };
  // Measured with the model as it is loaded (int16 weights); then written again with the figures.
  const rulesOnly = classifier.withComplaintModel(null);
  const draft = saveComplaintModel(out, fitted, { rulesVersion: RULES_VERSION, training, measured: {} });
  const withModel = rulesOnly.withComplaintModel(draft);
  const measured = Object.fromEntries(
    Object.entries(measure).map(([name, cases]) => [
      name,
      { rulesOnly: alertFigures(rulesOnly, cases), withModel: alertFigures(withModel, cases) },
    ]),
  );
  return saveComplaintModel(out, fitted, { rulesVersion: RULES_VERSION, training, measured });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
