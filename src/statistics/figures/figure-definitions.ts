/**
 * THE definitions of the monthly figures (按月统计通报) — the only place that says what each figure counts. The SQL in
 * statistics-figures.repository.ts is assembled from the predicates below, and README.md carries the
 * same text (a unit test checks it is a verbatim copy of `definitionsMarkdown()`).
 */

import { sqlSecondsLate } from '../../escalation/findings/reporting-findings';

/** The incidents a month is made of: one row per incident, never the rows merged into another one. */
export const SQL_LIVE_INCIDENT = `i.merged_into_id IS NULL`;
/** Counted as negative public opinion: everything detected except what was dismissed (排除) for any reason. */
export const SQL_COUNTED = `i.status <> 'dismissed'`;
/** Dismissed as a false positive (误报). */
export const SQL_FALSE_POSITIVE = `i.status = 'dismissed' AND i.dismiss_reason = '误报'`;
/** The category an incident counts under (the primary one; none → 其他). */
export const SQL_CATEGORY = `COALESCE(i.category, '其他')`;
/** The time-to-close cohort: incidents whose current status is closed (a reopened one counts once closed again). */
export const SQL_CLOSED = `i.status = 'closed'`;

/** Escalation clocks behind the three on-time rates (escalation_clocks.kind). */
export const RATE_CLOCK_KINDS = {
  acknowledge: 'acknowledge',
  firstReport: 'first_report',
  response: 'response',
} as const;
export type RateKey = keyof typeof RATE_CLOCK_KINDS;
export const RATE_KEYS = Object.keys(RATE_CLOCK_KINDS) as RateKey[];

/** A clock is judged once it was met or its deadline has passed; cancelled clocks (dismissed incidents) never. */
export const sqlClockJudged = (asOfParam: string) =>
  `c.status <> 'cancelled' AND (c.met_at IS NOT NULL OR c.due_at <= ${asOfParam})`;
/** Met on time: met, and not late by the one definition of lateness (any positive delay, to the second). */
export const SQL_CLOCK_ON_TIME = `c.met_at IS NOT NULL AND ${sqlSecondsLate('c.due_at', 'c.met_at')} <= 0`;

/** reporting_findings.kind → the words of the rule (迟报/漏报/瞒报). */
export const FINDING_KINDS = { late: '迟报', missed: '漏报', concealed: '瞒报' } as const;
export type FindingKind = keyof typeof FINDING_KINDS;

export interface FigureDefinition {
  key: string;
  /** Chinese column heading, used by the page, XLSX, CSV and print view. */
  label: string;
  /** What the number counts, in one paragraph. */
  definition: string;
}

/** Rules that apply to every figure. */
export const GENERAL_RULES: readonly string[] = [
  'Month: a calendar month in Asia/Shanghai time (UTC+8, no daylight saving): 2026-10 is ' +
    '[2026-09-30T16:00Z, 2026-10-31T16:00Z). An incident detected at 2026-10-31T16:30Z belongs to November.',
  'Unit: a figure of a bureau covers its whole subtree (every bureau whose `bureaus.path` starts with its path). ' +
    'Incidents count for `incidents.bureau_code`, clocks for `escalation_clocks.bureau_code` (the responsible ' +
    'unit), findings for `reporting_findings.bureau_code` (the unit at fault). Incidents not yet assigned to any ' +
    'bureau count only in the national total (as HQ 本级).',
  'Cohorts: incident counts (and the trend, 环比 and 同比) belong to the month the incident OCCURRED ' +
    '(`occurred_at`: the earliest publication time its items report — never later than their ingestion — or, when ' +
    'none reports one, its detection time), however long it stays open, so an incident spanning two months counts ' +
    'once, in the first, and an item published last month but found today counts in last month. Durations belong ' +
    'to the month the incident was DETECTED (`detected_at`), when its clocks started. On-time rates belong to the ' +
    'month the clock was DUE (`due_at`); findings to the month they were FOUND (`found_at`).',
  'One incident is one incident: rows merged into another incident (`merged_into_id`) are left out, and a reopened ' +
    'incident (回头看) stays the same row, so it is never counted twice.',
  'Status, grade and category are those at computation time. A published bulletin freezes them in its snapshot; ' +
    'later changes only appear in a correction (a new version).',
  'Units: durations in minutes and heat to one decimal; rates and changes are ratios (0.125) shown as percentages ' +
    'with one decimal (12.5%).',
  '"—" means the figure has no denominator (no clock due, no incident timed): it is neither 0% nor 100%.',
];

export const FIGURES: readonly FigureDefinition[] = [
  {
    key: 'detected',
    label: '监测发现（起）',
    definition:
      'Incidents that occurred in the month (`occurred_at`, see the cohorts rule) and were found by monitoring, ' +
      'excluding rows merged into another incident.',
  },
  {
    key: 'incidents',
    label: '负面舆情（起）',
    definition:
      'Detected incidents not dismissed: dismissed ones (排除, any reason: 误报 false positive, 非本单位 not this ' +
      "unit's, 重复 duplicate, 其他) are left out. Includes incidents not yet assessed (待研判).",
  },
  {
    key: 'byGrade',
    label: '分级（Ⅰ/Ⅱ/Ⅲ/Ⅳ）',
    definition: '`incidents` by current grade.',
  },
  {
    key: 'byCategory',
    label: '分类',
    definition: '`incidents` by primary category; an incident without a category counts as 其他.',
  },
  {
    key: 'changeVsPreviousMonth',
    label: '环比',
    definition:
      '(incidents − incidents of the previous month) ÷ incidents of the previous month; "—" when that is 0. ' +
      "The ranking's rank change and its rise flag (环比上升, or 新增负面舆情 when last month had 0) compare with the " +
      'previous month only when that month had any incident, clock or finding in scope; otherwise (the first month ' +
      'of monitoring) both are "—" and nobody is flagged for a rise.',
  },
  {
    key: 'changeVsLastYear',
    label: '同比',
    definition: 'The same against the same month one year earlier.',
  },
  {
    key: 'onTime.acknowledge',
    label: '签收及时率',
    definition:
      'Over the `acknowledge` clocks of incidents due in the month and judged (met, or past due at computation ' +
      'time; cancelled clocks excluded): the share met on time (met no later than the second of its deadline: any ' +
      'positive delay, to the second, is late — the rule of the 迟报 finding). A clock past due and still ' +
      'running counts as late.',
  },
  {
    key: 'onTime.firstReport',
    label: '上报及时率',
    definition: 'The same over `first_report` (首报) clocks.',
  },
  {
    key: 'onTime.response',
    label: '回应及时率',
    definition:
      'The same over `response` (回应, the first public response) clocks; the Ⅰ/Ⅱ follow-up clock ' +
      '`response_followup` (press conference within 24 h) is not part of the rate.',
  },
  {
    key: 'timeToAcknowledge',
    label: '签收用时（中位数/P90，分钟）',
    definition:
      'Median and 90th percentile (`percentile_cont`, interpolated) of `acknowledged_at − detected_at` over ' +
      '`incidents` that were acknowledged.',
  },
  {
    key: 'timeToReport',
    label: '上报用时（中位数/P90，分钟）',
    definition: 'The same for `reported_at − detected_at` over `incidents` reported upward.',
  },
  {
    key: 'timeToClose',
    label: '办结用时（中位数/P90，分钟）',
    definition:
      'The same for `closed_at − detected_at` over `incidents` whose status is closed (a reopened incident counts ' +
      'only once it is closed again, with its last closing).',
  },
  {
    key: 'findings',
    label: '迟报/漏报/瞒报（次）',
    definition: '`reporting_findings` found in the month, by kind (late 迟报, missed 漏报, concealed 瞒报).',
  },
  {
    key: 'dismissed',
    label: '排除（起）',
    definition: 'Detected incidents whose status is dismissed, whatever the reason.',
  },
  {
    key: 'falsePositives',
    label: '误报（起）',
    definition: 'Detected incidents dismissed with the reason 误报.',
  },
  {
    key: 'falsePositiveRate',
    label: '误报率',
    definition: 'Detected incidents dismissed as 误报 ÷ `detected`; "—" when nothing was detected.',
  },
  {
    key: 'heat',
    label: '热度（合计/最高）',
    definition:
      'Sum and maximum of `incidents.heat` (the heat each incident had reached when its last item arrived) over ' +
      '`incidents`.',
  },
];

/** The definitions as the README section (README.md holds a verbatim copy). */
export function definitionsMarkdown(): string {
  const rules = GENERAL_RULES.map((r) => `- ${r}`).join('\n');
  const rows = FIGURES.map((f) => `| \`${f.key}\` | ${f.label} | ${f.definition} |`).join('\n');
  return `### Figure definitions\n\n${rules}\n\n| figure | 名称 | definition |\n|---|---|---|\n${rows}\n`;
}
