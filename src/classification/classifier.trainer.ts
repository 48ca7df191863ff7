import type { Category } from './classification.types';
import { binaryLogit, logPosteriors, NaiveBayesParams, trainNaiveBayes } from './naive-bayes';
import { MODEL } from './rules/rules.params';

export interface TrainingExample {
  tokens: string[];
  alert: boolean;
  category: Category | null;
}

export interface FittedModel {
  parameters: { alert: NaiveBayesParams | null; category: NaiveBayesParams | null };
  trainingSize: number;
  metrics: {
    alertLabels: { alert: number; noAlert: number };
    categoryLabels: number;
    /** k-fold cross-validated figures of the naive-Bayes part alone (null with too few labels). */
    alertCv: { folds: number; accuracy: number; precision: number; recall: number; f1: number } | null;
    categoryCvAccuracy: number | null;
  };
}

const FOLDS = 5;

/**
 * Fits the triage models: a two-class naive Bayes for "alert or not" on every label, and a category model on the
 * labels that carry a category. A part with too few labels, or a single class, is left out (null).
 */
export function fitModel(examples: TrainingExample[]): FittedModel {
  const alertDocs = examples.map((e) => ({ tokens: e.tokens, label: e.alert ? '1' : '0' }));
  const positives = examples.filter((e) => e.alert).length;
  const alertOk = examples.length >= MODEL.minLabels && positives > 0 && positives < examples.length;
  const catDocs = examples.filter((e) => e.category).map((e) => ({ tokens: e.tokens, label: e.category! }));
  const catOk = catDocs.length >= MODEL.minLabels && new Set(catDocs.map((d) => d.label)).size >= 2;
  return {
    parameters: {
      alert: alertOk ? trainNaiveBayes(alertDocs) : null,
      category: catOk ? trainNaiveBayes(catDocs) : null,
    },
    trainingSize: examples.length,
    metrics: {
      alertLabels: { alert: positives, noAlert: examples.length - positives },
      categoryLabels: catDocs.length,
      alertCv: alertOk && examples.length >= 2 * FOLDS ? crossValidateAlert(alertDocs) : null,
      categoryCvAccuracy: catOk && catDocs.length >= 2 * FOLDS ? crossValidateCategory(catDocs) : null,
    },
  };
}

type Doc = { tokens: string[]; label: string };

function folds(docs: Doc[]): { train: Doc[]; test: Doc[] }[] {
  return Array.from({ length: FOLDS }, (_, f) => ({
    train: docs.filter((_, i) => i % FOLDS !== f),
    test: docs.filter((_, i) => i % FOLDS === f),
  }));
}

function crossValidateAlert(docs: Doc[]) {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const { train, test } of folds(docs)) {
    if (new Set(train.map((d) => d.label)).size < 2) continue;
    const p = trainNaiveBayes(train);
    for (const d of test) {
      const yes = binaryLogit(p, d.tokens, '1').logit > 0;
      if (yes && d.label === '1') tp++;
      else if (yes) fp++;
      else if (d.label === '1') fn++;
      else tn++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    folds: FOLDS,
    accuracy: round((tp + tn) / Math.max(1, tp + fp + fn + tn)),
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
  };
}

function crossValidateCategory(docs: Doc[]): number {
  let right = 0,
    all = 0;
  for (const { train, test } of folds(docs)) {
    const p = trainNaiveBayes(train);
    for (const d of test) {
      const lp = logPosteriors(p, d.tokens);
      if (p.classes[lp.indexOf(Math.max(...lp))] === d.label) right++;
      all++;
    }
  }
  return round(right / Math.max(1, all));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
