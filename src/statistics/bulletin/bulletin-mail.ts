import {
  callout,
  composeBody,
  heading,
  keyValueTable,
  linkList,
  paragraph,
} from '../../notifications/email-blocks';
import { renderEmail, RenderedEmail } from '../../notifications/email-layout';
import { formatShanghai, formatShanghaiLong } from '../../notifications/time-format';
import { formatCell } from './bulletin-cells';
import { flagText, scopeLabel } from './bulletin-tables';
import { monthLabel } from '../figures/statistics-month';
import { BulletinRecord, ExplanationTaskView, MonthlySnapshot } from '../statistics.types';

const pct = (v: number | null) => formatCell(v, 'pct');

function pageUrl(baseUrl: string, s: MonthlySnapshot, path = '/console/statistics'): string {
  return `${baseUrl.replace(/\/$/, '')}${path}?month=${s.month}&scope=${s.scope.code}`;
}

export function bulletinSubject(b: Pick<BulletinRecord, 'version'>, s: MonthlySnapshot): string {
  const title = `${monthLabel(s.month)}${scopeLabel(s)}负面舆情统计通报`;
  return b.version > 1 ? `【更正·第${b.version}版】${title}` : `【统计通报】${title}`;
}

/** The bulletin mail: headline figures, the ranking's flagged units, the explanation tasks; the XLSX is attached. */
export function bulletinEmail(
  b: Pick<BulletinRecord, 'version' | 'note'>,
  s: MonthlySnapshot,
  tasks: ExplanationTaskView[],
  baseUrl: string,
): RenderedEmail & { subject: string } {
  const t = s.total;
  const flagged = s.ranking.units.filter((u) => u.flags.bottom || u.flags.rise);
  const blocks = [
    ...(b.version > 1
      ? [callout(`本通报为第 ${b.version} 版更正：${b.note ?? ''}。请以本版为准。`, 'warning')]
      : []),
    paragraph(
      `${monthLabel(s.month)}${s.scope.name}负面舆情统计情况如下（数据截至 ${formatShanghai(new Date(s.asOf))}）。`,
    ),
    keyValueTable([
      {
        label: '负面舆情',
        value: `${t.incidents} 起（环比 ${formatCell(t.changeVsPreviousMonth, 'change')}，同比 ${formatCell(t.changeVsLastYear, 'change')}）`,
      },
      {
        label: '分级',
        value: `Ⅰ级 ${t.byGrade.I}，Ⅱ级 ${t.byGrade.II}，Ⅲ级 ${t.byGrade.III}，Ⅳ级 ${t.byGrade.IV}`,
      },
      { label: '签收及时率', value: pct(t.onTime.acknowledge.rate) },
      { label: '上报及时率', value: pct(t.onTime.firstReport.rate) },
      { label: '回应及时率', value: pct(t.onTime.response.rate) },
      {
        label: '迟报/漏报/瞒报',
        value: `${t.findings.late} / ${t.findings.missed} / ${t.findings.concealed}`,
      },
      { label: '误报率', value: pct(t.falsePositiveRate) },
      ...(s.supervision
        ? [
            {
              label: '督办事项',
              value: `本月下发 ${s.supervision.opened} 件，到期 ${s.supervision.due} 件（按时办结 ${s.supervision.onTime} 件，逾期未办 ${s.supervision.overdue} 件），迟报 ${s.supervision.late} 件`,
            },
          ]
        : []),
    ]),
    heading('排名靠后或负面舆情上升的单位'),
    flagged.length
      ? linkList(
          flagged.map((u) => ({
            title: `第 ${u.rank} 名 ${u.name}`,
            meta: `${flagText(u)}，得分 ${u.score.toFixed(2)}`,
          })),
        )
      : paragraph('无。'),
    ...(tasks.length
      ? [
          heading('情况说明'),
          paragraph(
            `请以下单位主要负责人于截止时间前通过系统提交情况说明：${tasks.map((x) => `${x.bureauName}（${formatShanghai(new Date(x.dueAt))}前）`).join('；')}。`,
          ),
        ]
      : []),
    paragraph('完整统计表见附件（Excel），图表与各单位明细请登录系统查看。'),
  ];
  const subject = bulletinSubject(b, s);
  const body = composeBody(blocks);
  return {
    subject,
    ...renderEmail({
      title: subject.replace(/^【[^】]+】/, ''),
      preheader: `负面舆情 ${t.incidents} 起，签收及时率 ${pct(t.onTime.acknowledge.rate)}`,
      ...body,
      actions: [
        { label: '查看通报', url: pageUrl(baseUrl, s) },
        { label: '打印版', url: pageUrl(baseUrl, s, '/console/statistics/print') },
      ],
      tone: b.version > 1 ? 'warning' : 'info',
    }),
  };
}

/** The notice to a unit's head that an explanation (情况说明) is due. */
export function taskNoticeEmail(
  task: ExplanationTaskView,
  s: MonthlySnapshot,
  baseUrl: string,
): RenderedEmail & { subject: string } {
  const subject = `【情况说明】${monthLabel(s.month)}统计通报：请${task.bureauName}作出情况说明`;
  const body = composeBody([
    paragraph(
      `${task.headName ? `${task.headName}同志：` : ''}根据${monthLabel(s.month)}${s.scope.name}负面舆情统计通报，贵单位${task.reason}。`,
    ),
    callout(
      `请于 ${formatShanghaiLong(new Date(task.dueAt))} 前登录系统提交情况说明。逾期未报将按规定提醒并逐级通报。`,
      'warning',
    ),
  ]);
  return {
    subject,
    ...renderEmail({
      title: subject.replace(/^【[^】]+】/, ''),
      preheader: `截止 ${formatShanghai(new Date(task.dueAt))}`,
      ...body,
      actions: [
        { label: '填写情况说明', url: `${baseUrl.replace(/\/$/, '')}/console/statistics/tasks/${task.id}` },
      ],
      tone: 'warning',
    }),
  };
}
