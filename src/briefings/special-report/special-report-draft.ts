import { GRADE_LABELS, Grade } from '../../incidents/incident.types';
import { formatShanghai, formatShanghaiLong } from '../../notifications/time-format';
import { SpecialReportFigures, SpecialReportText } from './special-report.types';

/**
 * "发布于" only for a time the post itself carries; the ingestion time is when the service found it (发现于), which
 * can be hours or days after publication — reporting it as the publication time would misstate the spread.
 */
function firstItem(f: SpecialReportFigures): string {
  return f.publishedAt
    ? `首条信息发布于 ${formatShanghai(new Date(f.publishedAt))}`
    : `首条信息发现于 ${formatShanghai(new Date(f.firstSeenAt))}（发布时间不详）`;
}

/**
 * The first draft of a 舆情专报 from the incident's data, in the official layout. Pure; the monitor edits it in the
 * console before it is submitted. Every figure is written out, so the exported document carries them even when
 * nobody touched the text.
 */
export function draftSpecialReport(f: SpecialReportFigures, reportingUnit: string): SpecialReportText {
  const unit = f.bureauName ?? '（涉事单位待确认）';
  const grade = GRADE_LABELS[f.grade as Grade] ?? f.grade;
  const spreadPeak = f.peakItemsPerHour ? `，单小时最多 ${f.peakItemsPerHour} 条` : '';
  return {
    title: `关于“${f.title}”舆情的专报`,
    basic:
      `${formatShanghaiLong(new Date(f.detectedAt))}，舆情监测发现“${f.title}”相关信息。` +
      `经研判，该舆情涉及${unit}，类别为${f.category ?? '其他'}，定为${grade}负面舆情。`,
    spread:
      `截至 ${formatShanghai(new Date(f.asOf))}，共监测到相关信息 ${f.itemCount} 条，来自 ${f.sourceCount} 个信息源` +
      `${f.centralSourceCount ? `，其中中央媒体 ${f.centralSourceCount} 家` : ''}${spreadPeak}；` +
      `${firstItem(f)}，最近一条为 ${formatShanghai(new Date(f.lastSeenAt))}，` +
      `当前热度 ${f.heat.toFixed(1)}。`,
    units: `${unit}${f.bureauCode ? `（单位代码 ${f.bureauCode}）` : ''}。`,
    measures: f.actions.length
      ? f.actions.map((a) => `${formatShanghai(new Date(a.at))} ${a.label}`).join('；') + '。'
      : '已安排专人跟踪监测，核实有关情况。',
    nextSteps:
      '继续加强舆情监测，密切关注事态发展；做好回应口径准备，及时回应社会关切；有关进展情况及时续报。',
    reportingUnit,
  };
}
