import { BriefingKind } from './briefing-period';

export type GradeCounts = { I: number; II: number; III: number; IV: number };

export interface BriefingIncidentLine {
  id: string;
  grade: string;
  title: string;
  /** One line: the summary (or the title) cut to about 80 characters. */
  line: string;
  bureauName: string | null;
  status: string;
  detectedAt: string;
  heat: number;
  itemCount: number;
}

export interface OverdueClockLine {
  clockId: string;
  subjectKind: string;
  subjectId: string;
  subjectTitle: string;
  bureauCode: string;
  bureauName: string;
  kind: string;
  dueAt: string;
  /** Minutes late at the end of the period. */
  lateMinutes: number;
}

export interface PeriodCounts {
  key: string;
  incidents: number;
  byGrade: GradeCounts;
  dismissed: number;
}

/**
 * What a 舆情日报/周报 says, frozen in briefings.snapshot when it is sent. Times are ISO strings; links are built from
 * ids when rendering (the public address may change, the frozen figures do not).
 */
export interface BriefingSnapshot {
  kind: BriefingKind;
  period: { key: string; start: string; end: string };
  scope: { code: string; name: string };
  asOf: string;
  current: PeriodCounts;
  previous: PeriodCounts;
  /** Clocks overdue at the period's end (due in the last 30 days, still neither met nor cancelled). */
  overdue: {
    total: number;
    byBureau: { code: string; name: string; count: number }[];
    items: OverdueClockLine[];
  };
  /** Ⅰ–Ⅲ incidents detected in the period, most severe and hottest first (Ⅳ are counted, not listed). */
  incidents: BriefingIncidentLine[];
  hottest: BriefingIncidentLine[];
  /** Incidents per day (daily: the 14 days before) or per ISO week (weekly: the 12 weeks up to this one). */
  trend: { label: string; incidents: number }[];
}

export interface BriefingRecord {
  id: string;
  kind: BriefingKind;
  scopeCode: string;
  period: string;
  recipients: number;
  createdAt: string;
  sentAt: string;
  snapshot: BriefingSnapshot;
}
