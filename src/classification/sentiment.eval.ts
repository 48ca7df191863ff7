export interface EvalRow {
  /** '1' positive, '0' negative; anything else is skipped and counted. */
  label: string;
  text: string;
}

export interface NegativeClassMetrics {
  items: number;
  negatives: number;
  skipped: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Precision, recall and F1 of the negative class ("negative" is the class detected), and accuracy. */
export function evaluateNegative(
  rows: EvalRow[],
  isNegative: (text: string) => boolean,
): NegativeClassMetrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0,
    skipped = 0;
  for (const r of rows) {
    const label = r.label.trim();
    if (label !== '0' && label !== '1') {
      skipped++;
      continue;
    }
    const predicted = isNegative(r.text);
    const actual = label === '0';
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  return metricsFromCounts(tp, fp, fn, tn, skipped);
}

/** Precision, recall and F1 of the negative class from the confusion counts. */
export function metricsFromCounts(
  tp: number,
  fp: number,
  fn: number,
  tn: number,
  skipped = 0,
): NegativeClassMetrics {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const items = tp + fp + fn + tn;
  return {
    items,
    negatives: tp + fn,
    skipped,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: items ? (tp + tn) / items : 0,
  };
}
