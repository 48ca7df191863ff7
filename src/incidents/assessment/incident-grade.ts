/**
 * Grade from spread (issue 5 §2). The evidence grade of an incident is the most severe of
 *   - the most severe grade hint of its items (the classifier's severity rules),
 *   - the grade its spread reaches: distinct outlets, distinct central-media outlets, peak items in one clock hour,
 *     each against the Ⅲ/Ⅱ/Ⅰ thresholds of IncidentsConfig (defaults: outlets 10/30/100, central 1/1/–, items per
 *     hour 20/100/500; a threshold of 0 is off).
 * Without any hint or spread an incident is Ⅳ (一般).
 *
 * An incident is created at its evidence grade. Later, the grouper raises the grade (never lowers it) when the
 * evidence grade rises above what it was before — the incident keeps it in evidence_grade — and is more severe than the
 * current grade. So a grade a person lowered (with a reason, see regrade()) stays lowered until new spread or a more
 * severe item goes beyond the evidence they judged; then it is raised and the timeline says why (瞒报 detection relies
 * on exactly that: a downgrade later overturned by spread evidence).
 */
import { Grade, moreSevere } from '../incident.types';
import type { IncidentsConfig } from '../incidents.config';

export interface SpreadFigures {
  distinctSources: number;
  centralSources: number;
  peakItemsPerHour: number;
}

export type SpreadThresholds = Pick<
  IncidentsConfig,
  | 'INCIDENT_GRADE_SOURCES_III'
  | 'INCIDENT_GRADE_SOURCES_II'
  | 'INCIDENT_GRADE_SOURCES_I'
  | 'INCIDENT_GRADE_CENTRAL_III'
  | 'INCIDENT_GRADE_CENTRAL_II'
  | 'INCIDENT_GRADE_CENTRAL_I'
  | 'INCIDENT_GRADE_RATE_III'
  | 'INCIDENT_GRADE_RATE_II'
  | 'INCIDENT_GRADE_RATE_I'
>;

function reached(value: number, iii: number, ii: number, i: number): Grade | null {
  if (i > 0 && value >= i) return 'I';
  if (ii > 0 && value >= ii) return 'II';
  if (iii > 0 && value >= iii) return 'III';
  return null;
}

/** The grade spread alone reaches, with the figure that reached it (for the timeline), or null. */
export function spreadGrade(f: SpreadFigures, t: SpreadThresholds): { grade: Grade; because: string } | null {
  const candidates: { grade: Grade | null; because: string }[] = [
    {
      grade: reached(
        f.distinctSources,
        t.INCIDENT_GRADE_SOURCES_III,
        t.INCIDENT_GRADE_SOURCES_II,
        t.INCIDENT_GRADE_SOURCES_I,
      ),
      because: `${f.distinctSources} 个不同来源转载`,
    },
    {
      grade: reached(
        f.centralSources,
        t.INCIDENT_GRADE_CENTRAL_III,
        t.INCIDENT_GRADE_CENTRAL_II,
        t.INCIDENT_GRADE_CENTRAL_I,
      ),
      because: `${f.centralSources} 家中央媒体报道`,
    },
    {
      grade: reached(
        f.peakItemsPerHour,
        t.INCIDENT_GRADE_RATE_III,
        t.INCIDENT_GRADE_RATE_II,
        t.INCIDENT_GRADE_RATE_I,
      ),
      because: `单小时 ${f.peakItemsPerHour} 条`,
    },
  ];
  let best: { grade: Grade; because: string } | null = null;
  for (const c of candidates) {
    if (c.grade && (!best || c.grade < best.grade)) best = { grade: c.grade, because: c.because };
  }
  return best;
}

/** The automatic grade: never less severe than `current`. */
export function automaticGrade(
  current: Grade | null,
  hint: Grade | null,
  f: SpreadFigures,
  t: SpreadThresholds,
): { grade: Grade; because: string | null } {
  let grade: Grade = current ?? 'IV';
  let because: string | null = null;
  if (hint && hint < grade) {
    grade = hint;
    because = '条目研判等级';
  }
  const s = spreadGrade(f, t);
  if (s && s.grade < grade) {
    grade = moreSevere(grade, s.grade);
    because = s.because;
  }
  return { grade, because };
}
