/**
 * The words and tables of a briefing, shared by the mail, the .docx, the print page and the console view so they
 * all say the same thing. Pure: everything comes from the frozen snapshot.
 */
import { CLOCK_KIND_LABELS, ClockKind } from '../escalation/escalation.types';
import { formatShanghai, formatSpan } from '../notifications/time-format';
import { isoWeekday, localDate, weekMonday } from './briefing-period';
import { BriefingSnapshot } from './briefing.types';

export const GRADE_SHORT: Record<string, string> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' };
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

export function kindLabel(kind: string): string {
  return kind === 'weekly' ? '舆情周报' : '舆情日报';
}

/** 2026年12月3日（周四） / 2026年第49周（11月30日—12月6日）. */
export function periodLabel(s: Pick<BriefingSnapshot, 'kind' | 'period'>): string {
  if (s.kind === 'daily') return `${cnDate(s.period.key)}（周${WEEKDAYS[isoWeekday(s.period.key) - 1]}）`;
  const monday = weekMonday(s.period.key);
  const sunday = localDate(new Date(new Date(s.period.end).getTime() - 1));
  return `${s.period.key.slice(0, 4)}年第${Number(s.period.key.slice(6))}周（${cnDate(monday).slice(5)}—${cnDate(sunday).slice(5)}）`;
}

/** 国家税务总局舆情日报 */
export function briefingTitle(s: Pick<BriefingSnapshot, 'kind' | 'scope'>): string {
  return `${s.scope.name}${kindLabel(s.kind)}`;
}

export function briefingSubject(s: BriefingSnapshot): string {
  return `【${kindLabel(s.kind)}】${s.scope.name} ${periodLabel(s)}`;
}

function change(cur: number, prev: number): string {
  if (cur === prev) return '与上期持平';
  return cur > prev ? `较上期增加 ${cur - prev} 起` : `较上期减少 ${prev - cur} 起`;
}

/** The opening paragraph: the period's figures and the change on the period before. */
export function headline(s: BriefingSnapshot): string {
  const c = s.current;
  const g = c.byGrade;
  const span = `${formatShanghai(new Date(s.period.start))} 至 ${formatShanghai(new Date(s.period.end))}`;
  return (
    `本期（${span}）共监测发现负面舆情 ${c.incidents} 起，其中Ⅰ级 ${g.I} 起、Ⅱ级 ${g.II} 起、Ⅲ级 ${g.III} 起、` +
    `Ⅳ级 ${g.IV} 起，${change(c.incidents, s.previous.incidents)}（上期 ${s.previous.incidents} 起）；` +
    `经核查排除 ${c.dismissed} 起。截至本期末，逾期未办结的时限事项 ${s.overdue.total} 项` +
    (s.overdue.byBureau.length
      ? `，涉及${s.overdue.byBureau
          .slice(0, 5)
          .map((b) => `${b.name}（${b.count} 项）`)
          .join('、')}${s.overdue.byBureau.length > 5 ? '等单位' : ''}。`
      : '。')
  );
}

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Shown instead of an empty table. */
  empty: string;
}

export function changeTable(s: BriefingSnapshot): Table {
  const row = (label: string, cur: number, prev: number) => [
    label,
    String(cur),
    String(prev),
    cur === prev ? '0' : `${cur > prev ? '+' : '−'}${Math.abs(cur - prev)}`,
  ];
  const c = s.current;
  const p = s.previous;
  return {
    title: '与上期相比',
    header: ['项目', '本期', '上期', '增减'],
    rows: [
      row('负面舆情', c.incidents, p.incidents),
      ...(['I', 'II', 'III', 'IV'] as const).map((g) => row(GRADE_SHORT[g], c.byGrade[g], p.byGrade[g])),
      row('排除', c.dismissed, p.dismissed),
    ],
    empty: '',
  };
}

export function incidentsTable(s: BriefingSnapshot): Table {
  return {
    title: '新增较大以上负面舆情（Ⅰ—Ⅲ级）',
    header: ['级别', '事件', '涉事单位', '发现时间'],
    rows: s.incidents.map((i) => [
      GRADE_SHORT[i.grade] ?? i.grade,
      `#${i.id} ${i.line}`,
      i.bureauName ?? '未归属',
      formatShanghai(new Date(i.detectedAt)),
    ]),
    empty: '本期无新增Ⅰ—Ⅲ级负面舆情。',
  };
}

export function overdueTable(s: BriefingSnapshot): Table {
  return {
    title: '逾期未办事项',
    header: ['责任单位', '事项', '环节', '截止时间', '已逾期'],
    rows: s.overdue.items.map((o) => [
      o.bureauName,
      o.subjectKind === 'incident' ? `#${o.subjectId} ${o.subjectTitle}` : o.subjectTitle,
      CLOCK_KIND_LABELS[o.kind as ClockKind] ?? o.kind,
      formatShanghai(new Date(o.dueAt)),
      formatSpan(o.lateMinutes * 60_000),
    ]),
    empty: '无逾期事项。',
  };
}

export function hottestTable(s: BriefingSnapshot): Table {
  return {
    title: '热点舆情',
    header: ['排名', '事件', '涉事单位', '热度', '信息数'],
    rows: s.hottest.map((i, n) => [
      String(n + 1),
      `#${i.id} ${i.title}`,
      i.bureauName ?? '未归属',
      i.heat.toFixed(1),
      String(i.itemCount),
    ]),
    empty: '本期无负面舆情。',
  };
}

export function trendTable(s: BriefingSnapshot): Table {
  return {
    title: s.kind === 'daily' ? '近14日走势' : '近12周走势',
    header: [s.kind === 'daily' ? '日期' : '周次', '负面舆情（起）'],
    rows: s.trend.map((t) => [t.label, String(t.incidents)]),
    empty: '',
  };
}

/** The sections in the order every format shows them. */
export function briefingTables(s: BriefingSnapshot): Table[] {
  return [changeTable(s), incidentsTable(s), overdueTable(s), hottestTable(s), trendTable(s)];
}
