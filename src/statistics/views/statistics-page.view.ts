import { can } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import { formatShanghai } from '../../notifications/time-format';
import { regionBarChart, trendLineChart } from '../bulletin/bulletin-charts';
import {
  chartHtml,
  reportHeadline,
  STATS_CSS,
  summaryCards,
  tableHtml,
  versionLine,
} from '../bulletin/bulletin-html';
import { bulletinTables, flagText, TASK_STATUS_LABELS } from '../bulletin/bulletin-tables';
import { monthLabel } from '../figures/statistics-month';
import { ExplanationTaskView, MonthlyReport } from '../statistics.types';

export interface StatisticsPageModel {
  report: MonthlyReport;
  /** Tasks this principal may answer (the head of the unit, or an admin). */
  canAnswer: (t: ExplanationTaskView) => boolean;
}

function rankingSection(m: StatisticsPageModel): SafeHtml {
  const s = m.report.snapshot;
  const r = s.ranking;
  if (r.units.length === 0) return html`<p class="empty">本单位没有下级单位，不参与排名。</p>`;
  const basis = r.sizeBasis === 'population' ? '按人口' : '按县级单位数';
  return html`<p class="muted">
      综合得分 = 数量 ${r.settings.weights.volume} · 及时性 ${r.settings.weights.timeliness} · 迟报漏报瞒报
      ${r.settings.weights.failures}（权重；数量${basis}折算）。标记：后 ${r.settings.bottomN} 名；负面舆情环比上升超过
      ${r.settings.risePercent}%。
    </p>
    <div class="table-scroll"><table class="data stats-table" id="ranking">
      <thead>
        <tr>
          <th class="num">排名</th><th>单位</th><th class="num">综合得分</th><th class="num">数量得分</th>
          <th class="num">及时性得分</th><th class="num">报告得分</th><th class="num">负面舆情</th><th class="num">环比</th>
          <th class="num">排名变化</th><th>标记</th>
        </tr>
      </thead>
      <tbody>
        ${r.units.map((u) => {
          const change =
            u.rankChange === null
              ? '—'
              : u.rankChange > 0
                ? `↑${u.rankChange}`
                : u.rankChange < 0
                  ? `↓${-u.rankChange}`
                  : '—';
          const flagged = u.flags.bottom || u.flags.rise;
          return html`<tr data-code="${u.code}" class="${flagged ? 'flagged-row' : ''}">
            <td class="num rank">${u.rank}</td>
            <td class="unit"><a href="/console/statistics?month=${s.month}&scope=${u.code}">${u.name}</a></td>
            <td class="num score">${u.score.toFixed(2)}</td>
            <td class="num">${u.volumeScore.toFixed(2)}</td>
            <td class="num">${u.timelinessScore === null ? '—' : u.timelinessScore.toFixed(2)}</td>
            <td class="num">${u.failureScore.toFixed(2)}</td>
            <td class="num">${u.incidents}</td>
            <td class="num">${u.change === null ? '—' : `${u.change > 0 ? '+' : ''}${(u.change * 100).toFixed(1)}%`}</td>
            <td class="num ${u.rankChange && u.rankChange > 0 ? 'rank-up' : u.rankChange && u.rankChange < 0 ? 'rank-down' : ''}">
              ${change}
            </td>
            <td class="flags">${flagText(u)
              .split('、')
              .filter(Boolean)
              .map((f) => html`<span class="flag">${f}</span>`)}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
}

function tasksSection(m: StatisticsPageModel): SafeHtml {
  const tasks = m.report.tasks;
  if (tasks.length === 0) return html`<p class="empty">本月没有需要作出情况说明的单位。</p>`;
  return html`<div class="table-scroll"><table class="data stats-table" id="tasks">
    <thead>
      <tr><th>单位</th><th>原因</th><th>负责人</th><th>截止时间</th><th>状态</th><th>情况说明</th></tr>
    </thead>
    <tbody>
      ${tasks.map(
        (t) => html`<tr data-task="${t.id}">
          <td class="unit">${t.bureauName}</td>
          <td>${t.reason}</td>
          <td>${t.headName ?? '—'}</td>
          <td>${formatShanghai(new Date(t.dueAt))}</td>
          <td>${TASK_STATUS_LABELS[t.status]}</td>
          <td>
            ${
              t.answer
                ? html`<div class="task-answer">${t.answer}</div>
                  <small class="muted">${t.answeredBy} · ${t.answeredAt ? formatShanghai(new Date(t.answeredAt)) : ''}</small>`
                : m.canAnswer(t) && t.status === 'open'
                  ? html`<a class="btn" href="/console/statistics/tasks/${t.id}">填写情况说明</a>`
                  : html`<span class="muted">待说明</span>`
            }
          </td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** 统计通报: one month and scope, from the bulletin's frozen snapshot (or computed live when none was published). */
export function renderStatisticsPage(p: Principal, m: StatisticsPageModel): string {
  const r = m.report;
  const s = r.snapshot;
  const q = `month=${s.month}&scope=${s.scope.code}`;
  const tables = bulletinTables(s, r.tasks).filter((t) => !['ranking', 'tasks', 'trend'].includes(t.key));
  const body = html`<div class="page-head">
      <h1>${reportHeadline(r)}</h1>
      <p class="muted version-line">${versionLine(r)}</p>
    </div>
    <section class="card">
      <form class="stats-form" method="get" action="/console/statistics">
        <label>月份 <input type="month" name="month" value="${s.month}" required /></label>
        <label>单位代码 <input type="text" name="scope" value="${s.scope.code}" pattern="[0-9]{2,6}" required /></label>
        <button class="btn" type="submit">查看</button>
      </form>
      <p class="downloads">
        <a href="/api/statistics/monthly.xlsx?${q}">下载 Excel</a>
        <a href="/api/statistics/monthly.csv?${q}">下载 CSV</a>
        <a href="/console/statistics/print?${q}" target="_blank">打印版 / PDF</a>
        ${parentLink(p, s.month, s.scope.path)}
      </p>
      ${
        r.versions.length > 1 &&
        html`<p class="muted">历史版本：${r.versions.map((v) => `第${v.version}版${v.note ? `（${v.note}）` : ''}`).join('；')}</p>`
      }
    </section>
    ${summaryCards(s)}
    <section class="card"><h2>各单位负面舆情</h2>${s.units.length ? chartHtml(regionBarChart(s), '各单位负面舆情柱状图') : html`<p class="empty">无下级单位</p>`}</section>
    <section class="card"><h2>趋势</h2>${chartHtml(trendLineChart(s), '近13个月趋势折线图')}</section>
    <section class="card"><h2>综合排名</h2>${rankingSection(m)}</section>
    <section class="card"><h2>情况说明</h2>${tasksSection(m)}</section>
    ${tables.map((t) => html`<section class="card"><h2>${t.title}</h2>${tableHtml(t)}</section>`)}`;
  return renderPage({
    title: `${monthLabel(s.month)}统计通报`,
    principal: p,
    active: 'statistics',
    body,
    head: STATS_CSS,
  });
}

/** 上级单位, only when the parent's figures are the viewer's to read (the route's statistics.view), else no link. */
function parentLink(p: Principal, month: string, path: string): SafeHtml | '' {
  const parts = path.split('.').filter(Boolean);
  if (parts.length < 2) return '';
  const parent = parts.slice(0, -1);
  if (!can(p, 'statistics.view', { bureauPath: `${parent.join('.')}.` })) return '';
  return html`<a href="/console/statistics?month=${month}&scope=${parent[parent.length - 1]}">上级单位</a>`;
}
