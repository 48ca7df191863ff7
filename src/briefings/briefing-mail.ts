import {
  composeBody,
  EmailBlock,
  heading,
  keyValueTable,
  linkList,
  paragraph,
} from '../notifications/email-blocks';
import { emailHtml } from '../notifications/email-html';
import { renderEmail, RenderedEmail } from '../notifications/email-layout';
import { formatShanghai } from '../notifications/time-format';
import { briefingSubject, GRADE_SHORT, headline, kindLabel, periodLabel } from './briefing-content';
import { BriefingSnapshot } from './briefing.types';

const FONT = `'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',Arial,sans-serif`;

/**
 * The trend as a table of bars: mail clients drop SVG and scripts, and an image would be an attachment; cells with
 * a background width render everywhere and shrink on a phone.
 */
function trendBars(s: BriefingSnapshot): EmailBlock {
  const max = Math.max(1, ...s.trend.map((t) => t.incidents));
  const rows = s.trend.map((t) => {
    const pct = Math.max(1, Math.round((t.incidents / max) * 100));
    return emailHtml`<tr>
<td width="64" style="padding:2px 6px 2px 0;font-family:${FONT};font-size:12px;color:#4b5563;white-space:nowrap">${t.label}</td>
<td style="padding:2px 0"><table role="presentation" width="${pct}%" cellpadding="0" cellspacing="0" border="0"><tr><td bgcolor="#b91c1c" style="background-color:#b91c1c;height:10px;font-size:1px;line-height:1px">&nbsp;</td></tr></table></td>
<td width="36" align="right" style="padding:2px 0 2px 6px;font-family:${FONT};font-size:12px;color:#111827">${t.incidents}</td>
</tr>`;
  });
  return {
    html: emailHtml`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 14px 0">${rows}</table>`,
    text: s.trend.map((t) => `${t.label}：${t.incidents}`).join('；'),
  };
}

export function briefingUrl(baseUrl: string, id: string, suffix = ''): string {
  return `${baseUrl.replace(/\/$/, '')}/console/briefings/${id}${suffix}`;
}

const incidentUrl = (baseUrl: string, id: string) => `${baseUrl.replace(/\/$/, '')}/console/incidents/${id}`;

/** The briefing mail: one column, short lines, every incident a link — read on a phone on the way in. */
export function briefingEmail(
  id: string,
  s: BriefingSnapshot,
  baseUrl: string,
): RenderedEmail & { subject: string } {
  const c = s.current;
  const blocks: EmailBlock[] = [
    paragraph(headline(s)),
    keyValueTable([
      { label: '负面舆情', value: `${c.incidents} 起（上期 ${s.previous.incidents} 起）` },
      {
        label: '分级',
        value: `Ⅰ级 ${c.byGrade.I}，Ⅱ级 ${c.byGrade.II}，Ⅲ级 ${c.byGrade.III}，Ⅳ级 ${c.byGrade.IV}`,
      },
      { label: '逾期未办', value: `${s.overdue.total} 项` },
    ]),
    heading('新增较大以上负面舆情（Ⅰ—Ⅲ级）'),
    s.incidents.length
      ? linkList(
          s.incidents.map((i) => ({
            title: `【${GRADE_SHORT[i.grade]}】${i.line}`,
            url: incidentUrl(baseUrl, i.id),
            meta: `${i.bureauName ?? '未归属'} · ${formatShanghai(new Date(i.detectedAt))}`,
          })),
        )
      : paragraph('本期无新增Ⅰ—Ⅲ级负面舆情。'),
    heading('逾期未办事项'),
    s.overdue.byBureau.length
      ? linkList(s.overdue.byBureau.map((b) => ({ title: b.name, meta: `逾期 ${b.count} 项` })))
      : paragraph('无逾期事项。'),
    heading('热点舆情'),
    s.hottest.length
      ? linkList(
          s.hottest.map((i) => ({
            title: i.title,
            url: incidentUrl(baseUrl, i.id),
            meta: `${i.bureauName ?? '未归属'} · 热度 ${i.heat.toFixed(1)} · ${i.itemCount} 条信息`,
          })),
        )
      : paragraph('本期无负面舆情。'),
    heading(s.kind === 'daily' ? '近14日走势' : '近12周走势'),
    trendBars(s),
    paragraph('完整报告见附件（Word），也可登录系统查看、打印。'),
  ];
  const subject = briefingSubject(s);
  return {
    subject,
    ...renderEmail({
      title: `${s.scope.name}${kindLabel(s.kind)}`,
      preheader: `${periodLabel(s)}：负面舆情 ${c.incidents} 起，逾期未办 ${s.overdue.total} 项`,
      ...composeBody(blocks),
      actions: [
        { label: '在系统中查看', url: briefingUrl(baseUrl, id) },
        { label: '打印版', url: briefingUrl(baseUrl, id, '/print') },
      ],
      tone: c.byGrade.I + c.byGrade.II > 0 ? 'danger' : 'info',
    }),
  };
}
