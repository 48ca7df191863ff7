import type { SupervisionFigures } from '../briefings/supervision/supervision-figures';
import type { Category, Grade } from '../incidents/incident.types';
import type { FindingKind, RateKey } from './figures/figure-definitions';
import type { RankingResult } from './figures/ranking';
import type { MonthKey } from './figures/statistics-month';

/** An on-time rate: `rate` is null ("—") when no clock was judged. */
export interface OnTimeRate {
  judged: number;
  onTime: number;
  rate: number | null;
}

/** Durations in minutes; null when no incident was timed. */
export interface DurationFigure {
  n: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** Every figure of one unit (rolled up its subtree) in one month; see figure-definitions.ts. */
export interface UnitFigures {
  code: string;
  name: string;
  shortName: string;
  detected: number;
  incidents: number;
  byGrade: Record<Grade, number>;
  byCategory: Record<Category, number>;
  previousMonth: number;
  sameMonthLastYear: number;
  changeVsPreviousMonth: number | null;
  changeVsLastYear: number | null;
  dismissed: number;
  falsePositives: number;
  falsePositiveRate: number | null;
  onTime: Record<RateKey, OnTimeRate>;
  timeToAcknowledge: DurationFigure;
  timeToReport: DurationFigure;
  timeToClose: DurationFigure;
  findings: Record<FindingKind, number> & { total: number };
  heat: { total: number; max: number | null };
}

export interface TrendPoint {
  month: MonthKey;
  incidents: number;
}

export interface ScopeInfo {
  code: string;
  name: string;
  shortName: string;
  level: string;
  path: string;
}

/** An explanation task as listed with a bulletin (live, not frozen: answers arrive after publication). */
export interface ExplanationTaskView {
  id: string;
  month: MonthKey;
  scopeCode: string;
  bureauCode: string;
  /** The unit's materialised path: explanation.answer's subject. */
  bureauPath: string;
  bureauName: string;
  flags: string[];
  reason: string;
  headName: string | null;
  headEmail: string | null;
  status: 'open' | 'answered' | 'cancelled';
  createdAt: string;
  dueAt: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  bulletinVersion: number;
}

/**
 * Everything a bulletin shows, computed once and frozen as JSON: the page, the XLSX, the CSV, the print view and the
 * email are all rendered from this object, never from live tables.
 */
export interface MonthlySnapshot {
  schema: 1;
  month: MonthKey;
  scope: ScopeInfo;
  /** The instant the figures were computed (clocks past due at this instant count as late). */
  asOf: string;
  total: UnitFigures;
  /** Incidents, clocks and findings of the scope bureau itself (本级), when it has any. */
  direct: UnitFigures | null;
  /** The scope's child units, each rolled up its subtree, in code order. */
  units: UnitFigures[];
  trend: TrendPoint[];
  ranking: RankingResult;
  /** 督办台账 figures of the month (issue 14), present only when the scope had matters. */
  supervision?: SupervisionFigures;
}

/** A stored bulletin version with its frozen snapshot. */
export interface BulletinRecord {
  id: string;
  month: MonthKey;
  scopeCode: string;
  version: number;
  status: 'draft' | 'published';
  figuresHash: string;
  note: string | null;
  generatedAt: string;
  publishedAt: string | null;
  snapshot: MonthlySnapshot;
}

/** What the API and pages serve: a stored bulletin (frozen) or figures computed on request (live). */
export interface MonthlyReport {
  source: 'bulletin' | 'live';
  bulletin: Omit<BulletinRecord, 'snapshot'> | null;
  /** Earlier versions of this month and scope (corrections keep them). */
  versions: { version: number; status: string; publishedAt: string | null; note: string | null }[];
  snapshot: MonthlySnapshot;
  tasks: ExplanationTaskView[];
}
