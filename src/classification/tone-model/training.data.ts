import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { textBucket } from './feature.hash';

export type Split = 'train' | 'dev' | 'held-apart';

/** One labelled text: negative or not (neutral counts as not negative, as in the sets the service is measured on). */
export interface ToneRow {
  source: string;
  text: string;
  negative: boolean;
  split: Split;
  /**
   * Trained on, never used to choose the mix and threshold: a language model's labels (the `text,sentiment,…` layout:
   * the Xiaohongshu file's GLM labels, which call many worried questions negative), or text the team wrote (its
   * cases). The choice is made on real text labelled by people.
   */
  trainOnly: boolean;
}

export interface ToneFile {
  source: string;
  scheme: 'binary' | 'emotion' | 'sentiment' | 'cases';
  rows: ToneRow[];
  /** Rows without a usable label (surprise, mixed sentiment, anything unknown). */
  skipped: number;
}

export class ToneDataError extends Error {}

/**
 * Split by a hash of the text, fixed forever: 20 % held apart (never trained on, never used to choose anything),
 * 10 % development (threshold), 70 % training. The same text lands in the same split in every file, so a duplicate
 * across sources cannot leak from training into a held-apart figure.
 */
export function splitOf(text: string): Split {
  const b = textBucket(text);
  return b < 20 ? 'held-apart' : b < 30 ? 'dev' : 'train';
}

/**
 * NLPCC 2020 emotions: fear, disgust, sadness and anger are negative; optimism and gratitude are not. Surprise (3) is
 * left out: its posts go either way (惊喜 and 震惊 alike) and it is neither side of the sets the service is judged on.
 */
const EMOTION_NEGATIVE: Record<string, boolean> = {
  '0': true,
  '1': true,
  '5': true,
  '6': true,
  '2': false,
  '4': false,
};
/** LLM sentiment labels of the Xiaohongshu file; mixed ones (negative|positive) are skipped. */
const SENTIMENT_NEGATIVE: Record<string, boolean> = {
  negative: true,
  neutral: false,
  positive: false,
  'positive|neutral': false,
};

/**
 * Whether `label,text` rows carry NLPCC emotion codes rather than 1 / 0. By share, not by any one row: in the emotion
 * file about 70 % of the labels are 2–6, and a stray `2` among a review file's 1 / 0 labels must not turn its
 * positive `1` rows (disgust in the emotion codes) negative; a row with an unknown label is skipped either way.
 */
function emotionCodes(body: string[][]): boolean {
  let codes = 0;
  for (const r of body) if (/^[2-6]$/.test((r[0] ?? '').trim())) codes++;
  return codes > 0 && codes >= EMOTION_SHARE * body.length;
}
const EMOTION_SHARE = 0.1;

/**
 * Reads a labelled file in one of the shapes in ../shared/fixtures: `label,text` with 1 positive / 0 negative,
 * `label,text` with NLPCC emotion codes 0–6 (emotionCodes), or `text,sentiment,…` (machine labels with their
 * confidences, as the Xiaohongshu file has them).
 */
export function readToneFile(path: string, every = 1): ToneFile {
  let records: string[][];
  try {
    records = parse(readFileSync(path, 'utf8'), {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (e) {
    throw new ToneDataError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const body = records.slice(1).filter((_, i) => i % every === 0);
  const source = basename(path).replace(/\.csv$/i, '');
  let scheme: ToneFile['scheme'];
  let textCol: number;
  let labelCol: number;
  if (header[0] === 'label' && header[1] === 'text') {
    [labelCol, textCol] = [0, 1];
    scheme = emotionCodes(body) ? 'emotion' : 'binary';
  } else if (header.includes('text') && header.includes('sentiment')) {
    [labelCol, textCol] = [header.indexOf('sentiment'), header.indexOf('text')];
    scheme = 'sentiment';
  } else {
    throw new ToneDataError(`${path}: expected a "label,text" or "text,sentiment" header`);
  }
  const rows: ToneRow[] = [];
  let skipped = 0;
  for (const r of body) {
    const label = (r[labelCol] ?? '').trim();
    const text = r[textCol] ?? '';
    const negative =
      scheme === 'binary'
        ? label === '0'
          ? true
          : label === '1'
            ? false
            : undefined
        : scheme === 'emotion'
          ? EMOTION_NEGATIVE[label]
          : SENTIMENT_NEGATIVE[label];
    if (negative === undefined || !text.trim()) {
      skipped++;
      continue;
    }
    rows.push({ source, text, negative, split: splitOf(text), trainOnly: scheme === 'sentiment' });
  }
  return { source, scheme, rows, skipped };
}

/** The source name of the team's written cases in the tone model's training (one source, however many files). */
export const TEAM_CASES_SOURCE = 'team-cases';

/**
 * The team's written cases (test/fixtures/classification/README.md: JSON lines with `title`, `text` and
 * `expect.negative`) as one source: news, notices, letters and posts about tax work, with the neutral ones the review
 * and Weibo files lack. Trained on only: the project wrote them, so real text chooses the mix and threshold. Title and
 * text are joined as classify() joins them; cases whose tone is not asserted are skipped.
 */
export function readToneCases(paths: string[], every = 1): ToneFile {
  const rows: ToneRow[] = [];
  let skipped = 0;
  for (const path of paths) {
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    lines.forEach((line, i) => {
      if (i % every !== 0) return;
      let c: { title?: unknown; text?: unknown; expect?: { negative?: unknown } };
      try {
        c = JSON.parse(line);
      } catch (e) {
        throw new ToneDataError(`${path}:${i + 1}: ${(e as Error).message}`);
      }
      const negative = c.expect?.negative;
      if (typeof negative !== 'boolean' || typeof c.text !== 'string' || !c.text.trim()) {
        skipped++;
        return;
      }
      const text = typeof c.title === 'string' && c.title ? `${c.title}\n${c.text}` : c.text;
      rows.push({ source: TEAM_CASES_SOURCE, text, negative, split: splitOf(text), trainOnly: true });
    });
  }
  return { source: TEAM_CASES_SOURCE, scheme: 'cases', rows, skipped };
}

/**
 * Refuses rows that cannot make a model: a training split without both kinds, or no development row to choose the
 * mix and threshold on. Fitted anyway, the model would be written all the same, by default over the shipped one.
 */
export function checkTrainable(rows: ToneRow[]): void {
  let negative = 0;
  let other = 0;
  let dev = 0;
  for (const r of rows) {
    if (r.split === 'dev') dev++;
    else if (r.split === 'train' && r.negative) negative++;
    else if (r.split === 'train') other++;
  }
  if (!negative || !other || !dev)
    throw new ToneDataError(
      `too few labelled rows to train a tone model: ${negative} negative and ${other} other rows to train on, ` +
        `${dev} development rows; both kinds and development rows are needed (each text's split is fixed by its ` +
        `hash: 70 % training, 10 % development, 20 % held apart)`,
    );
}
