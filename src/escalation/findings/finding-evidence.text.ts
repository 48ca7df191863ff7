/**
 * One Chinese sentence for a reporting finding (迟报, 漏报, 瞒报, 疑似瞒报), from the evidence its writer stored (see
 * escalation.service.ts meetClock, escalation-step.applier.ts, reporting-findings.service.ts). Pure: the evidence
 * comes from JSONB, so instants arrive as ISO strings and any field may be missing in old rows.
 */
import { formatShanghai } from '../../notifications/time-format';
import { CLOCK_KIND_LABELS, ClockKind, FINDING_LABELS, FindingKind } from '../escalation.types';
import { REPORT_TYPE_LABELS, reportEvidenceOf, reportLine } from '../../incidents/triage/report-form';

type Evidence = Record<string, unknown>;

const GRADE_SHORT: Record<string, string> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' };
const RELATION: Record<string, string> = {
  superior: '上级单位',
  system: '系统（依据传播情况）',
  unit: '本单位',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function when(v: unknown): string | null {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? formatShanghai(d) : null;
}

function clockName(v: unknown): string {
  const k = str(v);
  return k ? `“${CLOCK_KIND_LABELS[k as ClockKind] ?? k}”` : '办理';
}

function grade(v: unknown): string | null {
  const g = str(v);
  return g ? (GRADE_SHORT[g] ?? g) : null;
}

/** "某人" or "系统" with the relation in front: "上级单位 王科长". */
function who(name: unknown, relation?: unknown): string {
  const n = str(name);
  const r = str(relation);
  if (r === 'system' || n === '系统') return '系统（依据传播情况）';
  return [r ? (RELATION[r] ?? '') : '', n ?? '有关人员'].filter(Boolean).join(' ');
}

function reason(e: Evidence, reasonKey: string, commentKey: string): string {
  const parts = [str(e[reasonKey]), str(e[commentKey])].filter(Boolean);
  return parts.length ? `（理由：${parts.join('；')}）` : '';
}

function spread(e: Evidence): string {
  const items = num(e.itemCount);
  return items !== null ? `认定时共有相关报道 ${items} 篇。` : '';
}

function late(e: Evidence): string {
  const due = when(e.dueAt);
  const met = when(e.reportedAt);
  const minutes = num(e.minutesLate);
  let s = `${clockName(e.clockKind)}时限`;
  s += due ? `截止于 ${due}` : '已到期';
  s += met ? `，实际于 ${met}` : '，之后';
  s += str(e.by) ? ` 由 ${str(e.by)} 完成` : '完成';
  s += minutes !== null ? `，迟报 ${minutes} 分钟。` : '，构成迟报。';
  // the 上报 form in the words every route writes it (report-form.ts); old rows may lack the addressee
  const form = reportEvidenceOf(e);
  const report = [
    form
      ? str(form.reportedTo)
        ? reportLine(form)
        : [REPORT_TYPE_LABELS[form.reportType], str(form.reference) ? `文号：${str(form.reference)}` : null]
            .filter(Boolean)
            .join('，')
      : null,
    str(e.comment) ? `备注：${str(e.comment)}` : null,
  ].filter(Boolean);
  return report.length ? `${s}${report.join('，')}。` : s;
}

function missed(e: Evidence): string {
  const g = grade(e.grade);
  const due = when(e.dueAt);
  const checked = when(e.checkedAt);
  return (
    `${g ? `${g}事件的` : ''}${clockName(e.clockKind)}时限${due ? `截止于 ${due}` : '已到期'}，` +
    `${checked ? `至 ${checked} 核查时` : '核查时'}仍未完成，认定漏报。`
  );
}

function concealed(e: Evidence): string {
  if (e.how === 'downgraded') {
    const from = grade(e.downgradedFrom);
    const to = grade(e.downgradedTo);
    return (
      `本单位 ${who(e.downgradedBy)}${when(e.downgradedAt) ? ` 于 ${when(e.downgradedAt)}` : ''} 将事件` +
      `${from ? `由${from}` : ''}降为${to ?? '较低等级'}${reason(e, 'downgradeReason', 'downgradeComment')}，` +
      `后经 ${who(e.raisedBy, e.raisedByRelation)}${when(e.raisedAt) ? ` 于 ${when(e.raisedAt)}` : ''} ` +
      `升为${grade(e.raisedTo) ?? '较高等级'}，认定瞒报。${spread(e)}`
    );
  }
  const g = grade(e.grade);
  return (
    `本单位 ${who(e.dismissedBy)}${when(e.dismissedAt) ? ` 于 ${when(e.dismissedAt)}` : ''} 排除了该事件` +
    `${reason(e, 'dismissReason', 'dismissComment')}，后经 ${who(e.confirmedBy, e.confirmedByRelation)}` +
    `${when(e.confirmedAt) ? ` 于 ${when(e.confirmedAt)}` : ''} 重新确认${g ? `为${g}` : ''}，认定瞒报。${spread(e)}`
  );
}

function suspected(e: Evidence): string {
  const g = grade(e.grade);
  const confirmer =
    e.confirmedAutomatically === true
      ? '系统依据传播情况自动'
      : str(e.confirmedBy)
        ? `${str(e.confirmedBy)} `
        : '';
  return (
    `事件${when(e.confirmedAt) ? `于 ${when(e.confirmedAt)} ` : ''}已由${confirmer}确认${g ? `为${g}` : ''}，` +
    `本单位 ${who(e.dismissedBy)}${when(e.dismissedAt) ? ` 于 ${when(e.dismissedAt)}` : ''} 将其排除` +
    `${reason(e, 'dismissReason', 'dismissComment')}，列为疑似瞒报，待上级复核。${spread(e)}`
  );
}

export function findingEvidenceText(kind: string, evidence: unknown): string {
  const e: Evidence = evidence && typeof evidence === 'object' ? (evidence as Evidence) : {};
  switch (kind as FindingKind) {
    case 'late':
      return late(e);
    case 'missed':
      return missed(e);
    case 'concealed':
      return concealed(e);
    case 'suspected_concealment':
      return suspected(e);
    default:
      return `${FINDING_LABELS[kind as FindingKind] ?? '记录'}，详见事件时间线。`;
  }
}
