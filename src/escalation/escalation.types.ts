import type { ContactRole } from '../organisation/organisation.types';

/** What a clock is about. 'incident' is implemented here; statistics registers 'explanation' (contracts.md). */
export const SUBJECT_KINDS = ['incident', 'explanation', 'supervision'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * Deadlines. `response_followup` is the second public-response limit of grade Ⅰ/Ⅱ (press conference / full account
 * within 24 h, 国办发〔2016〕61号) next to `response` (authoritative information within 5 h, 国办发〔2016〕80号).
 */
export const CLOCK_KINDS = [
  'acknowledge',
  'first_report',
  'written_report',
  'response',
  'response_followup',
  'explanation',
  'supervision',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const CLOCK_KIND_LABELS: Record<ClockKind, string> = {
  acknowledge: '签收',
  first_report: '首报（向上级报告）',
  written_report: '书面报告',
  response: '权威信息发布（回应）',
  response_followup: '新闻发布/详细回应',
  explanation: '情况说明',
  supervision: '督办事项报告',
};

export const CLOCK_STATUSES = ['running', 'met', 'missed', 'cancelled'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  running: '计时中',
  met: '已完成',
  missed: '已超时',
  cancelled: '已取消',
};

/** Ⅰ/Ⅱ run round the clock; Ⅲ/Ⅳ count working time on the official calendar (DOMAIN.md "Time limits"). */
export type CalendarMode = '24x7' | 'working';

/** Who one escalation step emails: these roles at the bureau `up` levels above the notified bureau (0 = itself). */
export interface StepTarget {
  up: number;
  roles: ContactRole[];
}

export interface EscalationStep extends StepTarget {
  /** Wait before this step: for the first step, after the deadline; for the others, after the previous step. */
  delayMinutes: number;
}

/** One deadline of a policy and the ladder that runs when it passes. */
export interface ClockPolicy {
  kind: ClockKind;
  /** Length of the clock in minutes (working minutes when the calendar is 'working')… */
  minutes?: number;
  /** …or: due at the end of the n-th working day after the start (Ⅳ acknowledgement: "next working day"). */
  workingDays?: number;
  /** Counted from detection (the legal limits) or from confirmation (nobody can acknowledge before being told). */
  anchor: 'detected' | 'confirmed';
  calendar?: CalendarMode;
  steps: EscalationStep[];
  /** After the last step, repeat it at most this many times, every `repeatEveryMinutes`. */
  repeat: number;
  repeatEveryMinutes?: number;
}

/** A policy: per grade ('I'…'IV') or for another subject kind ('explanation'). Versioned in escalation_policies. */
export interface EscalationPolicy {
  calendar: CalendarMode;
  /** Roles told at once when the clocks start (DOMAIN.md: "notify the head and liaison — at once"). */
  notifyAtStart: ContactRole[];
  clocks: ClockPolicy[];
  /** 漏报: a first report still missing this long after its deadline is recorded as missed (grades Ⅰ–Ⅲ). */
  missedGraceMinutes: number;
}

/** What is frozen onto a clock when it starts: later policy edits never change a running clock. */
export interface PolicySnapshot {
  policyKey: string;
  version: number;
  calendar: CalendarMode;
  clock: ClockPolicy;
  workingHours: string;
}

/** An escalation_clocks row as the engine and the pages use it (ids are strings). */
export interface ClockRow {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  bureauCode: string;
  notifyBureauCode: string;
  kind: ClockKind;
  grade: string | null;
  startedAt: Date;
  dueAt: Date;
  metAt: Date | null;
  status: ClockStatus;
  nextStepAt: Date | null;
  stepIndex: number;
  repeatCount: number;
  findingCheckAt: Date | null;
  policySnapshot: PolicySnapshot;
  version: number;
}

export const ACTION_KINDS = ['acknowledge', 'report', 'review', 'extension'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LABELS: Record<ActionKind, string> = {
  acknowledge: '签收',
  report: '已上报',
  review: '申请复核',
  extension: '申请延期',
};

/**
 * suspected_concealment (疑似瞒报): the unit dismissed its own confirmed incident — on record for its superior, not
 * counted as 瞒报 unless the incident is confirmed again (reporting-findings.ts).
 */
export const FINDING_KINDS = ['late', 'missed', 'concealed', 'suspected_concealment'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_LABELS: Record<FindingKind, string> = {
  late: '迟报',
  missed: '漏报',
  concealed: '瞒报',
  suspected_concealment: '疑似瞒报',
};

/** A person an escalation mail goes to. */
export interface Recipient {
  name: string;
  email: string;
  role: ContactRole;
  bureauCode: string;
  bureauName: string;
}
