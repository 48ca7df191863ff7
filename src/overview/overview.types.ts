import type { ClockKind, SubjectKind } from '../escalation/escalation.types';
import type { Grade } from '../incidents/incident.types';

export interface GradeCount {
  grade: Grade;
  /** Child unit of the scope ('' for incidents of the scope's own bureau). */
  unitCode: string;
  today: number;
  week: number;
}

export interface OpenByUnit {
  unitCode: string;
  open: number;
  /** Of which Ⅰ/Ⅱ. */
  major: number;
}

export interface ClockAlert {
  id: string;
  kind: ClockKind;
  grade: Grade | null;
  dueAt: Date;
  /** What the clock runs for; each kind has its own page (overview.view.ts clockSubject). */
  subjectKind: SubjectKind;
  subjectId: string;
  bureauCode: string;
  bureauName: string;
  incidentTitle: string | null;
  supervisionTitle: string | null;
  /** The month of the bulletin an explanation task answers. */
  explanationMonth: string | null;
  /** The responsible unit's head (主要负责人), if the directory has one. */
  headName: string | null;
  headPhone: string | null;
  overdue: boolean;
}

export interface TriageItem {
  id: string;
  title: string;
  grade: Grade;
  detectedAt: Date;
  bureauName: string | null;
}

export interface TroubledSource {
  id: string;
  name: string;
  needsAttention: boolean;
  stale: boolean;
  consecutiveErrors: number;
  lastError: string | null;
  lastSuccessAt: Date | null;
}

/** One row of the "new incidents" table: a child unit (or the scope's own bureau) with counts per grade. */
export interface UnitNewRow {
  code: string;
  name: string;
  today: Record<Grade, number>;
  week: Record<Grade, number>;
}

export interface OverviewModel {
  now: Date;
  scopeName: string;
  totals: { today: Record<Grade, number>; week: Record<Grade, number> };
  byUnit: UnitNewRow[];
  open: { code: string; name: string; open: number; major: number }[];
  dueSoon: ClockAlert[];
  overdue: ClockAlert[];
  triage: { total: number; oldest: TriageItem[] };
  /** null: the role may not view sources (source.view), so the card is not shown at all. */
  sources: TroubledSource[] | null;
}
