import type { BureauLevel } from '../organisation/bureau-catalog';

/** Exact category strings (contracts.md); the console and statistics group by them. */
export const CATEGORIES = [
  '执法争议',
  '服务态度与效率',
  '系统故障',
  '政策争议',
  '收费与负担',
  '廉政问题',
  '涉税诈骗',
  '其他',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const GRADES = ['I', 'II', 'III', 'IV'] as const;
export type Grade = (typeof GRADES)[number];

export type AuthorityTier = 'central' | 'provincial' | 'local' | 'social' | 'forum';

/**
 * One rule or term that fired. `start`/`end` are offsets (UTF-16 code units, as JS strings index them) into
 * `title + '\n' + text`, so the console can highlight them; rules without a position use 0/0.
 */
export interface Reason {
  rule: string;
  term: string;
  start: number;
  end: number;
}

/** Output of one classification (contracts.md "Classification output"; also the `classify` CLI line). */
export interface ClassificationResult {
  id: string;
  relevant: boolean;
  /** Tone of the text whatever its subject. */
  negative: boolean;
  /** -1 (very negative) … 1 (very positive). */
  toneScore: number;
  againstAuthority: boolean;
  /** Relevant and negative towards a tax authority: a candidate for the incident layer. */
  alert: boolean;
  bureau: { code: string; name: string } | null;
  region: { code: string; name: string; level: BureauLevel } | null;
  category: Category | null;
  secondaryCategories: Category[];
  gradeHint: Grade | null;
  reasons: Reason[];
  modelVersion: string;
  /** Version of the learned tone model that decided `negative` (`tone-3f2a9c1b`); null with rules alone. */
  toneModel: string | null;
}

/** What is known about where an item came from (the `sources` row, or the CLI's optional `source`). */
export interface SourceContext {
  name?: string | null;
  bureauCode?: string | null;
  /** Six-digit GB/T 2260 code. */
  regionCode?: string | null;
  authorityTier?: AuthorityTier | null;
}

export interface ClassifyInput {
  id: string;
  title: string;
  text: string;
  source?: SourceContext | null;
  url?: string | null;
}
