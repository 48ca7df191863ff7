/**
 * The bulletin's tables, built from a snapshot once and rendered by every output (console page, print view, XLSX,
 * CSV, email), so all of them show the same numbers with the same Chinese headings.
 */
import { CATEGORIES, GRADES } from '../../incidents/incident.types';
import { FINDING_KINDS, RATE_KEYS } from '../figures/figure-definitions';
import { monthLabel } from '../figures/statistics-month';
import { ExplanationTaskView, MonthlySnapshot, UnitFigures } from '../statistics.types';
import type { RankedUnit } from '../figures/ranking';
import { formatShanghai } from '../../notifications/time-format';
import { BulletinTable, Cell, col, TableColumn } from './bulletin-cells';

const GRADE_HEADERS = ['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'Ⅳ级'];
const RATE_HEADERS: Record<string, string> = { acknowledge: '签收', firstReport: '上报', response: '回应' };

/** How a bulletin names its scope: HQ by its full name (its short name 税务总局 reads oddly in a title). */
export function scopeLabel(s: Pick<MonthlySnapshot, 'scope'>): string {
  return s.scope.level === 'national' ? s.scope.name : s.scope.shortName;
}

/** Total, 本级 and child units, each with its label. */
function unitRows(s: MonthlySnapshot): { label: string; f: UnitFigures; total: boolean }[] {
  return [
    { label: `合计（${scopeLabel(s)}）`, f: s.total, total: true },
    ...(s.direct ? [{ label: `${scopeLabel(s)}本级`, f: s.direct, total: false }] : []),
    ...s.units.map((f) => ({ label: f.shortName, f, total: false })),
  ];
}

function table(
  key: string,
  title: string,
  columns: TableColumn[],
  s: MonthlySnapshot,
  row: (f: UnitFigures) => Cell[],
): BulletinTable {
  const rows = unitRows(s);
  return {
    key,
    title,
    columns: [col('单位', 'text', 22), ...columns],
    rows: rows.map((r) => [r.label, ...row(r.f)]),
    totalRows: rows.flatMap((r, i) => (r.total ? [i] : [])),
  };
}

export function volumeTable(s: MonthlySnapshot): BulletinTable {
  return table(
    'volume',
    '负面舆情数量',
    [
      col('监测发现', 'int'),
      col('负面舆情', 'int'),
      col('上月', 'int'),
      col('环比', 'change'),
      col('去年同月', 'int'),
      col('同比', 'change'),
      ...GRADE_HEADERS.map((h) => col(h, 'int')),
      col('排除', 'int'),
      col('误报', 'int'),
      col('误报率', 'pct'),
      col('热度合计', 'num1', 12),
      col('最高热度', 'num1'),
    ],
    s,
    (f) => [
      f.detected,
      f.incidents,
      f.previousMonth,
      f.changeVsPreviousMonth,
      f.sameMonthLastYear,
      f.changeVsLastYear,
      ...GRADES.map((g) => f.byGrade[g]),
      f.dismissed,
      f.falsePositives,
      f.falsePositiveRate,
      f.heat.total,
      f.heat.max,
    ],
  );
}

export function categoryTable(s: MonthlySnapshot): BulletinTable {
  return table(
    'category',
    '分类统计',
    CATEGORIES.map((c) => col(c, 'int', 14)),
    s,
    (f) => CATEGORIES.map((c) => f.byCategory[c]),
  );
}

export function timelinessTable(s: MonthlySnapshot): BulletinTable {
  return table(
    'timeliness',
    '及时性',
    [
      ...RATE_KEYS.flatMap((k) => [
        col(`${RATE_HEADERS[k]}应计`, 'int'),
        col(`${RATE_HEADERS[k]}及时`, 'int'),
        col(`${RATE_HEADERS[k]}及时率`, 'pct', 12),
      ]),
      col('签收用时中位数（分钟）', 'num1', 14),
      col('签收用时P90（分钟）', 'num1', 14),
      col('上报用时中位数（分钟）', 'num1', 14),
      col('上报用时P90（分钟）', 'num1', 14),
      col('办结用时中位数（分钟）', 'num1', 14),
      col('办结用时P90（分钟）', 'num1', 14),
    ],
    s,
    (f) => [
      ...RATE_KEYS.flatMap((k) => [f.onTime[k].judged, f.onTime[k].onTime, f.onTime[k].rate]),
      f.timeToAcknowledge.medianMinutes,
      f.timeToAcknowledge.p90Minutes,
      f.timeToReport.medianMinutes,
      f.timeToReport.p90Minutes,
      f.timeToClose.medianMinutes,
      f.timeToClose.p90Minutes,
    ],
  );
}

export function findingsTable(s: MonthlySnapshot): BulletinTable {
  return table(
    'findings',
    '迟报漏报瞒报',
    [...Object.values(FINDING_KINDS).map((h) => col(h, 'int')), col('合计', 'int')],
    s,
    (f) => [f.findings.late, f.findings.missed, f.findings.concealed, f.findings.total],
  );
}

/**
 * The flags in words. A rise from zero has no 环比 percentage (the column shows 「—」), so it is named for what it is
 * rather than 环比上升.
 */
export function flagText(u: Pick<RankedUnit, 'flags' | 'previousIncidents'>): string {
  const rise = u.previousIncidents === 0 ? '新增负面舆情（上月为 0）' : '环比上升';
  return [u.flags.bottom ? '排名靠后' : '', u.flags.rise ? rise : ''].filter(Boolean).join('、');
}

/**
 * The ranking's v (negative opinion ÷ size, ranking.ts) as shown: per county-level unit it is typically 0.005–0.5, so
 * four decimals (two made 0.0075 and 0.0088 both 0.01); per person it would be ~1e-7, so it is shown per 10 000
 * people. The figure itself (volumePerSize in the snapshot and the API) is unchanged.
 */
const PER_SIZE = {
  counties: { header: '每县级单位负面舆情', scale: 1 },
  population: { header: '每万人负面舆情', scale: 10_000 },
} as const;

export function rankingTable(s: MonthlySnapshot): BulletinTable {
  const perSize = PER_SIZE[s.ranking.sizeBasis];
  return {
    key: 'ranking',
    title: '综合排名',
    columns: [
      col('排名', 'int', 8),
      col('单位', 'text', 22),
      col('综合得分', 'num2', 10),
      col('数量得分', 'num2', 10),
      col('及时性得分', 'num2', 10),
      col('报告得分', 'num2', 10),
      col('负面舆情', 'int'),
      col(perSize.header, 'num4', 16),
      col('上月排名', 'int'),
      col('排名变化', 'int'),
      col('环比', 'change'),
      col('标记', 'text', 18),
    ],
    rows: s.ranking.units.map((u) => [
      u.rank,
      u.name,
      u.score,
      u.volumeScore,
      u.timelinessScore,
      u.failureScore,
      u.incidents,
      u.volumePerSize * perSize.scale,
      u.previousRank,
      u.rankChange,
      u.change,
      flagText(u),
    ]),
    totalRows: [],
  };
}

export function trendTable(s: MonthlySnapshot): BulletinTable {
  return {
    key: 'trend',
    title: '月度趋势',
    columns: [col('月份', 'text', 14), col('负面舆情', 'int')],
    rows: s.trend.map((t) => [monthLabel(t.month), t.incidents]),
    totalRows: [],
  };
}

export const TASK_STATUS_LABELS: Record<ExplanationTaskView['status'], string> = {
  open: '待说明',
  answered: '已说明',
  cancelled: '已撤销',
};

export function tasksTable(tasks: ExplanationTaskView[]): BulletinTable {
  return {
    key: 'tasks',
    title: '情况说明',
    columns: [
      col('单位', 'text', 22),
      col('原因', 'text', 36),
      col('负责人', 'text', 12),
      col('截止时间', 'text', 18),
      col('状态', 'text', 10),
      col('说明时间', 'text', 18),
      col('说明内容', 'text', 60),
    ],
    rows: tasks.map((t) => [
      t.bureauName,
      t.reason,
      t.headName,
      formatShanghai(new Date(t.dueAt)),
      TASK_STATUS_LABELS[t.status],
      t.answeredAt ? formatShanghai(new Date(t.answeredAt)) : null,
      t.answer,
    ]),
    totalRows: [],
  };
}

/** Every table of a bulletin, in the order of the page and the workbook's sheets. */
export function bulletinTables(s: MonthlySnapshot, tasks: ExplanationTaskView[]): BulletinTable[] {
  return [
    volumeTable(s),
    rankingTable(s),
    timelinessTable(s),
    findingsTable(s),
    categoryTable(s),
    trendTable(s),
    tasksTable(tasks),
  ];
}

/** One wide table for the CSV: every per-unit figure (volume, timeliness, findings, categories) and the rank. */
export function wideTable(s: MonthlySnapshot): BulletinTable {
  const parts = [volumeTable(s), timelinessTable(s), findingsTable(s), categoryTable(s)];
  const rankOf = new Map(s.ranking.units.map((u) => [u.code, u]));
  const codes = [s.total.code, ...(s.direct ? [s.direct.code] : []), ...s.units.map((u) => u.code)];
  return {
    key: 'all',
    title: `${monthLabel(s.month)}${scopeLabel(s)}负面舆情统计`,
    columns: [
      col('单位代码', 'text'),
      parts[0].columns[0],
      ...parts.flatMap((p) => p.columns.slice(1)),
      col('排名', 'int'),
      col('综合得分', 'num2'),
      col('标记', 'text'),
    ],
    rows: parts[0].rows.map((r, i) => {
      const rank = i === 0 || (s.direct && i === 1) ? undefined : rankOf.get(codes[i]);
      return [
        codes[i],
        r[0],
        ...parts.flatMap((p) => p.rows[i].slice(1)),
        rank?.rank ?? null,
        rank?.score ?? null,
        rank ? flagText(rank) : null,
      ];
    }),
    totalRows: [0],
  };
}
