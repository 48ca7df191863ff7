/**
 * The 上报 form: how a report upward went (phone/oral first report or written report), to whom, under which 文号.
 * One rule for every route that records a report — the API's and the console's 上报 transition, the mail link, the
 * 舆情专报 submission and the 书面报告 button — so that none of them records a report the others would refuse, and
 * every 上报 on the timeline and any 迟报 finding says how and to whom it went.
 */
import type { Action } from '../../auth/policy/permissions';
import type { IncidentStatus } from '../incident.types';

export const REPORT_TYPES = ['phone', 'written'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  phone: '电话/口头首报',
  written: '书面报告',
};

/**
 * The policy actions recording a report performs on an incident in this status: a report on an incident nobody has
 * acknowledged acknowledges it too, on every route, so it needs both rules (src/auth/policy/permissions.ts).
 */
export function reportActions(status: IncidentStatus): Action[] {
  return status === 'confirmed' ? ['incident.report', 'incident.acknowledge'] : ['incident.report'];
}

/** What a report upward is recorded with: on the clocks, the timeline and any 迟报 finding. */
export interface ReportEvidence {
  reportType: ReportType;
  reference: string | null;
  reportedTo: string;
  [more: string]: unknown;
}

/** The form's fields by name (API body, console form, and a refused console form's way back to the page). */
export const REPORT_FIELDS = ['reportType', 'reportedTo', 'reference'] as const;

/** What a person typed into the form, shown again after a refusal. */
export type TypedReportForm = Partial<Record<(typeof REPORT_FIELDS)[number], string>>;

/** The form as posted (API body or console form): untrusted strings. */
export interface ReportFormInput {
  reportType?: unknown;
  reportedTo?: unknown;
  reference?: unknown;
}

/** The Chinese problem with a filled-in form, or null: the addressee always, the 文号 for a written report. */
export function reportFormProblem(f: {
  reportType: ReportType | null;
  reference: string;
  reportedTo: string;
}): string | null {
  if (!f.reportType) return '请选择报告方式（电话/口头首报 或 书面报告）';
  if (!f.reportedTo || f.reportedTo.length > 200)
    return '请填写报送对象（如：广州市税务局办公室、区委区政府），最多 200 字';
  if (f.reportType === 'written' && !f.reference) return '书面报告请填写文号（如：粤税舆〔2026〕12号）';
  if (f.reference.length > 100) return '文号过长（最多 100 字）';
  return null;
}

// One line: the addressee and 文号 go into a timeline line and a mail's key-value row, where a typed newline would
// break the row.
const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** Reads a posted form into the evidence a report is recorded with, or the problem to show the person. */
export function readReportForm(f: ReportFormInput): { evidence: ReportEvidence } | { problem: string } {
  const reportType: ReportType | null =
    f.reportType === 'written' ? 'written' : f.reportType === 'phone' ? 'phone' : null;
  const reference = text(f.reference);
  const reportedTo = text(f.reportedTo);
  const problem = reportFormProblem({ reportType, reference, reportedTo });
  if (problem || !reportType) return { problem: problem ?? '' };
  return { evidence: { reportType, reference: reference || null, reportedTo } };
}

/** The timeline line of a 上报: how, to whom, and the 文号 when there is one. */
export function reportLine(e: ReportEvidence): string {
  return `${REPORT_TYPE_LABELS[e.reportType]}，报送：${e.reportedTo}${e.reference ? `，文号：${e.reference}` : ''}`;
}

/** Evidence recorded with a transition (incident_events.after.data), when it is a report's. */
export function reportEvidenceOf(
  data: Readonly<Record<string, unknown>> | undefined,
): ReportEvidence | undefined {
  if (!data || (data.reportType !== 'phone' && data.reportType !== 'written')) return undefined;
  return data as ReportEvidence;
}
