import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ClassificationResult, ClassifyInput } from '../classification.types';
import { CategoryPair, categoryConfusion, CategoryConfusion, formatConfusion } from './category-confusion';

/**
 * The real-post development set: Xiaohongshu posts from ../shared (never copied into the repository) with the team's
 * labels kept in test/fixtures/classification/xhs-posts.labels.csv, keyed by row number and a hash of the text.
 * How the posts were drawn and what each label means: test/fixtures/classification/README.md.
 */
export const XHS_POSTS_FILE = 'fixtures/training/xiaohongshu_tax_posts_glm_labels.csv';
export const XHS_LABELS_FILE = 'test/fixtures/classification/xhs-posts.labels.csv';

export type Part = 'dev' | 'held-out';

export interface RealPost {
  /** 1-based data row of the shared file (the header is row 0). */
  row: number;
  sha1_8: string;
  drawn: string;
  text: string;
  part: Part;
  relevant: boolean;
  negative: boolean;
  /** A negative opinion aimed at a tax authority: what should raise an alert. */
  againstAuthority: boolean;
  bureau: string | null;
  category: string | null;
  note: string;
}

/** First 8 hex digits of the SHA-1 of the text (UTF-8). */
export function shortHash(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 8);
}

/**
 * Deterministic 60/40 split by the text's hash, not by row: reposts of the same text land in the same part, and the
 * split does not depend on which rows were drawn.
 */
export function partOf(sha1_8: string): Part {
  return parseInt(sha1_8, 16) % 5 < 3 ? 'dev' : 'held-out';
}

const flag = (v: string, row: string, col: string): boolean => {
  if (v === '1') return true;
  if (v === '0') return false;
  throw new Error(`${XHS_LABELS_FILE} row ${row}: ${col} must be 0 or 1, got "${v}"`);
};

/** The shared file's rows (row 0 the header), with its path; a missing file fails loudly. */
function readSharedPosts(sharedDir: string): { postsPath: string; posts: string[][] } {
  const postsPath = join(sharedDir, XHS_POSTS_FILE);
  if (!existsSync(postsPath))
    throw new Error(
      `real-post set: ${postsPath} is missing (the shared fixtures must sit at ../shared beside the repository)`,
    );
  const posts: string[][] = parse(readFileSync(postsPath, 'utf8'), { relax_column_count: true, bom: true });
  if (posts[0]?.[0] !== 'text') throw new Error(`${postsPath}: expected a "text" first column`);
  return { postsPath, posts };
}

const readLabels = (labelsPath: string): Record<string, string>[] =>
  parse(readFileSync(labelsPath, 'utf8'), { columns: true, bom: true });

/** Reads the shared posts and the labels; a missing shared file or a changed text fails loudly. */
export function loadRealPosts(sharedDir: string, labelsPath: string): RealPost[] {
  const { postsPath, posts } = readSharedPosts(sharedDir);
  const labels = readLabels(labelsPath);
  return labels.map((l) => {
    const text = posts[Number(l.row)]?.[0];
    if (text === undefined) throw new Error(`${labelsPath}: row ${l.row} is not in ${postsPath}`);
    const sha = shortHash(text);
    if (sha !== l.sha1_8)
      throw new Error(
        `${labelsPath}: row ${l.row} has text hash ${sha}, labelled ${l.sha1_8} (the shared file changed)`,
      );
    return {
      row: Number(l.row),
      sha1_8: sha,
      drawn: l.drawn,
      text,
      part: partOf(sha),
      relevant: flag(l.relevant, l.row, 'relevant'),
      negative: flag(l.negative, l.row, 'negative'),
      againstAuthority: flag(l.against_authority, l.row, 'against_authority'),
      bureau: l.bureau || null,
      category: l.category || null,
      note: l.note,
    };
  });
}

export interface RealPostFigures {
  posts: number;
  complaints: number;
  alerts: number;
  /** Alerts on posts that are not a complaint aimed at a tax authority. */
  falseAlerts: number;
  falseAlertRate: number;
  complaintsCaught: number;
  complaintRecall: number;
  /** Posts labelled relevant / predicted relevant and both. */
  relevant: { labelled: number; predicted: number; both: number };
  /**
   * As the domain set asserts it: the complaints' labelled category and `null` for posts not about the authority.
   * Relevant posts that are no complaint are not asserted (their category column is information only).
   */
  category: CategoryConfusion;
  /** The complaints alone: their primary category. */
  complaintCategory: { items: number; correct: number };
  falseAlertRows: number[];
  missedRows: number[];
}

export function evaluateRealPosts(
  posts: RealPost[],
  classify: (i: ClassifyInput) => ClassificationResult,
): RealPostFigures {
  let complaints = 0,
    alerts = 0,
    caught = 0,
    relL = 0,
    relP = 0,
    relB = 0;
  const falseAlertRows: number[] = [];
  const missedRows: number[] = [];
  const pairs: CategoryPair[] = [];
  for (const p of posts) {
    const r = classify({ id: String(p.row), title: '', text: p.text });
    if (p.againstAuthority) complaints++;
    if (r.alert) alerts++;
    if (r.alert && p.againstAuthority) caught++;
    if (r.alert && !p.againstAuthority) falseAlertRows.push(p.row);
    if (!r.alert && p.againstAuthority) missedRows.push(p.row);
    if (p.relevant) relL++;
    if (r.relevant) relP++;
    if (p.relevant && r.relevant) relB++;
    if (p.againstAuthority) pairs.push([p.category, r.category]);
    else if (!p.relevant) pairs.push([null, r.category]);
  }
  return {
    posts: posts.length,
    complaints,
    alerts,
    falseAlerts: falseAlertRows.length,
    falseAlertRate: posts.length ? falseAlertRows.length / posts.length : 0,
    complaintsCaught: caught,
    complaintRecall: complaints ? caught / complaints : 1,
    relevant: { labelled: relL, predicted: relP, both: relB },
    category: categoryConfusion(pairs),
    complaintCategory: {
      items: complaints,
      correct: pairs.filter(([g, p]) => g !== null && g === p).length,
    },
    falseAlertRows,
    missedRows,
  };
}

export function formatRealPosts(name: string, f: RealPostFigures): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return [
    `${name}: ${f.posts} posts, ${f.complaints} complaints aimed at a tax authority`,
    `  alerts ${f.alerts} · false alerts ${f.falseAlerts} (${pct(f.falseAlertRate)} of the posts)` +
      (f.falseAlertRows.length ? ` rows ${f.falseAlertRows.join(' ')}` : ''),
    `  complaints caught ${f.complaintsCaught}/${f.complaints}` +
      (f.missedRows.length ? ` (missed rows ${f.missedRows.join(' ')})` : ''),
    `  relevant: labelled ${f.relevant.labelled}, predicted ${f.relevant.predicted}, both ${f.relevant.both}`,
    `  complaints' category ${f.complaintCategory.correct}/${f.complaintCategory.items}; over complaints and posts not about the authority:`,
    formatConfusion(f.category).replace(/^/gm, '  '),
  ].join('\n');
}

/**
 * The shared file's posts that carry no label (1,685 of 2,198): nobody read them to change a rule, and the models
 * never learned whether they are complaints. Every complaint-like post was drawn into the labelled set (README), so
 * what alerts here is almost surely a false alert: the alert rate on these rows is a false-alert figure on real text
 * nobody chose.
 */
export function loadUnlabelledPosts(sharedDir: string, labelsPath: string): { row: number; text: string }[] {
  const { posts } = readSharedPosts(sharedDir);
  const labelled = new Set(readLabels(labelsPath).map((l) => Number(l.row)));
  const out: { row: number; text: string }[] = [];
  for (let row = 1; row < posts.length; row++)
    if (!labelled.has(row) && posts[row][0] !== undefined) out.push({ row, text: posts[row][0] });
  return out;
}

export interface UnlabelledAlerts {
  posts: number;
  alerts: number;
  alertRate: number;
  alertRows: number[];
}

export function alertsOnUnlabelled(
  posts: { row: number; text: string }[],
  classify: (i: ClassifyInput) => ClassificationResult,
): UnlabelledAlerts {
  const alertRows = posts
    .filter((p) => classify({ id: String(p.row), title: '', text: p.text }).alert)
    .map((p) => p.row);
  return {
    posts: posts.length,
    alerts: alertRows.length,
    alertRate: posts.length ? alertRows.length / posts.length : 0,
    alertRows,
  };
}

export function formatUnlabelled(name: string, f: UnlabelledAlerts): string {
  return (
    `${name}: ${f.posts} posts, alerts ${f.alerts} (${(100 * f.alertRate).toFixed(1)} %)` +
    (f.alertRows.length ? ` rows ${f.alertRows.join(' ')}` : '')
  );
}
