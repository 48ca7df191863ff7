import { basename } from 'node:path';
import type { ClassifierResources } from '../classifier';
import { RULES_VERSION } from '../rules/rules.params';
import { DEFAULT_LOGISTIC, LogisticOptions } from './logistic';
import { encodeEnsemble, fitEnsemble, TONE_LEARNER } from './tone.ensemble';
import { metricsAt } from './tone.learning';
import { ToneModel, ToneModelManifest } from './tone.model';
import { saveToneModel } from './tone-model.file';
import { checkTrainable, readToneCases, readToneFile, ToneFile } from './training.data';

export interface TrainToneOptions {
  /** Where the manifest goes (`config/models/tone.json`); the weights go beside it. */
  out: string;
  /** Use every Nth row of each file (tests retrain on a small sample). */
  every?: number;
  logistic?: Partial<LogisticOptions>;
  /** The team's case files (JSON lines), read as one more source, trained on only (`team-cases`). */
  caseFiles?: string[];
}

export interface TrainToneOutcome {
  model: ToneModel;
  files: { source: string; scheme: ToneFile['scheme']; rows: number; skipped: number }[];
}

/**
 * `classifier:train-tone`: reads the labelled files, fits both parts of the tone model on their training split, picks
 * the mix and the threshold on the people-labelled development rows, measures the held-apart split (never seen by
 * either) and writes the model file. Rows that cannot make a model (checkTrainable) fail before anything is written.
 */
export function trainToneModel(
  paths: string[],
  resources: ClassifierResources,
  options: TrainToneOptions,
): TrainToneOutcome {
  const files = paths.map((p) => readToneFile(p, options.every ?? 1));
  if (options.caseFiles?.length) files.push(readToneCases(options.caseFiles, options.every ?? 1));
  const rows = files.flatMap((f) => f.rows);
  checkTrainable(rows);
  const fitted = fitEnsemble(rows, encodeEnsemble(rows, resources), () => true, options.logistic);
  const logits = fitted.logits;
  const heldApart: ToneModelManifest['heldApart'] = {};
  for (const f of files) {
    const m = metricsAt(
      rows,
      logits,
      fitted.threshold,
      (r) => r.source === f.source && r.split === 'held-apart',
    );
    heldApart[f.source] = {
      items: m.items,
      precision: round(m.precision),
      recall: round(m.recall),
      f1: round(m.f1),
    };
  }
  const count = (source: string, split: string) =>
    rows.filter((r) => r.source === source && r.split === split).length;
  const model = saveToneModel(options.out, fitted, {
    mix: fitted.mix,
    threshold: fitted.threshold,
    rulesVersion: RULES_VERSION,
    training: {
      files: files.map((f) => ({
        file: f.scheme === 'cases' ? options.caseFiles!.map((p) => basename(p)).join(' ') : `${f.source}.csv`,
        scheme: f.scheme,
        labels: LABELS[f.scheme],
        train: count(f.source, 'train'),
        dev: count(f.source, 'dev'),
        heldApart: count(f.source, 'held-apart'),
        skipped: f.skipped,
      })),
      every: options.every ?? 1,
      split: 'hash of the text: 20 % held apart, 10 % development (mix and threshold), 70 % training',
      learner: {
        kind: 'two logistic regressions (words, character pairs and rules; character trigrams), NB-SVM scaled, AdaGrad, L2, weights of `bags` seeds averaged, log-odds mixed',
        ...DEFAULT_LOGISTIC,
        ...TONE_LEARNER,
        ...options.logistic,
      },
    },
    heldApart,
  });
  return {
    model,
    files: files.map((f) => ({
      source: f.source,
      scheme: f.scheme,
      rows: f.rows.length,
      skipped: f.skipped,
    })),
  };
}

/** Who labelled each kind of file, as the manifest records it. */
const LABELS: Record<ToneFile['scheme'], string> = {
  binary: 'people',
  emotion: 'people',
  sentiment: 'machine (trained on, not used for the threshold)',
  cases: 'people, written by the team (trained on, not used for the threshold)',
};

const round = (x: number) => Math.round(x * 10000) / 10000;
