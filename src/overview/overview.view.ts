import type { Principal } from '../auth/roles';
import { html, raw, SafeHtml } from '../console/html';
import { renderPage } from '../console/layout';
import { CLOCK_KIND_LABELS } from '../escalation/escalation.types';
import { gradeBadge, time } from '../incidents/console/incident-console.parts';
import { GRADES, Grade } from '../incidents/incident.types';
import { formatSpan } from '../notifications/time-format';
import { assetUrl } from '../console/console-assets';
import { openIncidentsChart } from './overview-chart';
import { sum } from './overview.service';
import { isMonthKey, monthLabel } from '../statistics/figures/statistics-month';
import type { ClockAlert, OverviewModel, TroubledSource } from './overview.types';

/** Seconds between automatic reloads: a <meta> refresh, since the CSP forbids inline script. */
export const OVERVIEW_REFRESH_SECONDS = 60;
const GRADE_SHORT: Record<Grade, string> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' };

function gradeCells(r: Record<Grade, number>): SafeHtml[] {
  return GRADES.map((g) => html`<td class="num">${r[g] || ''}</td>`);
}

/**
 * Each kind of clock subject opens its own page under its own name: ids of different kinds share no sequence, so a
 * supervision matter's id read as a task id opens another unit's task. Each page checks its own view action.
 */
function clockSubject(c: ClockAlert): SafeHtml {
  const id = c.subjectId;
  const month = c.explanationMonth;
  switch (c.subjectKind) {
    case 'incident':
      return html`<a href="/console/escalation/incidents/${id}">${c.incidentTitle ?? `事件 #${id}`}</a>`;
    case 'supervision':
      return html`<a href="/console/supervision/${id}">督办事项：${c.supervisionTitle ?? `#${id}`}</a>`;
    case 'explanation':
      return html`<a href="/console/statistics/tasks/${id}"
        >情况说明${month && isMonthKey(month) ? `（${monthLabel(month)}统计通报）` : ` #${id}`}</a
      >`;
  }
}

function clockTable(rows: ClockAlert[], now: Date, overdue: boolean, id: string): SafeHtml {
  if (!rows.length)
    return html`<p class="empty" id="${id}">${overdue ? '没有超时的时限' : '一小时内没有到期的时限'}</p>`;
  return html`<div class="table-wrap"><table class="ov-table ov-clocks" id="${id}">
    <thead><tr><th>时限</th><th>事项</th><th>责任单位</th><th>主要负责人</th><th>${overdue ? '已超时' : '剩余'}</th></tr></thead>
    <tbody>${rows.map(
      (c) => html`<tr data-clock-id="${c.id}">
        <td>${c.grade ? gradeBadge(c.grade) : ''} ${CLOCK_KIND_LABELS[c.kind] ?? c.kind}</td>
        <td class="subject">${clockSubject(c)}</td>
        <td class="late-unit">${c.bureauName}</td>
        <td class="late-head">${c.headName ?? '未登记'}${c.headPhone ? html` <small class="muted">${c.headPhone}</small>` : ''}</td>
        <td class="${overdue ? 'overdue' : ''}">${overdue ? '已超时 ' : '剩余 '}${formatSpan(new Date(c.dueAt).getTime() - now.getTime())}<br /><small class="muted">截止 ${time(c.dueAt)}</small></td>
      </tr>`,
    )}</tbody></table></div>`;
}

/** 异常信息源: shown only to roles with source.view (the model has null otherwise); each opens its own page. */
function troubledSources(sources: TroubledSource[]): SafeHtml {
  return html`<section class="card" id="troubled-sources"><h2>异常信息源</h2>
    ${
      sources.length
        ? html`<ul class="ov-list">${sources.map(
            (s) => html`<li><a href="/console/sources/${s.id}">${s.name}</a>
            <small class="muted">${[
              s.needsAttention ? '需要处理' : '',
              s.stale ? '长时间无更新' : '',
              s.consecutiveErrors ? `连续失败 ${s.consecutiveErrors} 次` : '',
            ]
              .filter(Boolean)
              .join(' · ')}</small></li>`,
          )}</ul>`
        : html`<p class="empty">信息源运行正常</p>`
    }
  </section>`;
}

export function renderOverviewPage(p: Principal, m: OverviewModel): string {
  const body = html`<div class="overview">
    <div class="page-head">
      <h1>态势总览 · ${m.scopeName}</h1>
      <p class="muted">更新于 ${time(m.now)}，每 ${OVERVIEW_REFRESH_SECONDS} 秒自动刷新</p>
    </div>
    <div class="ov-cards">
      ${GRADES.map(
        (g) => html`<div class="ov-card grade-card-${g}" data-grade="${g}">
          <div class="ov-label">${gradeBadge(g)} 新增</div>
          <div class="ov-figure"><span class="today">${m.totals.today[g]}</span><small>今日</small></div>
          <div class="muted">本周 <span class="week">${m.totals.week[g]}</span></div>
        </div>`,
      )}
      <a class="ov-card ov-alert ${m.overdue.length ? 'hot' : ''}" href="#overdue">
        <div class="ov-label">超时时限</div><div class="ov-figure" id="overdue-count">${m.overdue.length}</div>
        <div class="muted">一小时内到期 ${m.dueSoon.length}</div></a>
      <a class="ov-card ov-alert ${m.triage.total ? 'warm' : ''}" href="#triage">
        <div class="ov-label">待研判</div><div class="ov-figure" id="triage-count">${m.triage.total}</div>
        <div class="muted">${m.triage.oldest[0] ? html`最久 ${formatSpan(m.now.getTime() - new Date(m.triage.oldest[0].detectedAt).getTime())}` : '无积压'}</div></a>
    </div>
    <section class="card" id="overdue"><h2>超时未完成（谁在迟报）</h2>${clockTable(m.overdue, m.now, true, 'overdue-clocks')}</section>
    <section class="card"><h2>一小时内到期</h2>${clockTable(m.dueSoon, m.now, false, 'due-soon-clocks')}</section>
    <div class="ov-grid">
      <section class="card"><h2>新增事件（按单位、等级）</h2>
        ${
          m.byUnit.length
            ? html`<div class="table-wrap"><table class="ov-table" id="new-by-unit">
              <thead><tr><th rowspan="2">单位</th><th colspan="4">今日</th><th colspan="4">本周</th></tr>
              <tr>${[...GRADES, ...GRADES].map((g) => html`<th>${GRADE_SHORT[g]}</th>`)}</tr></thead>
              <tbody>${m.byUnit.map(
                (r) =>
                  html`<tr data-unit="${r.code}"><td class="unit">${r.name}</td>${gradeCells(r.today)}${gradeCells(r.week)}</tr>`,
              )}</tbody></table></div>`
            : html`<p class="empty">本周暂无新增事件</p>`
        }
        <p class="muted">本周合计 ${sum(m.totals.week)} 起，今日 ${sum(m.totals.today)} 起。</p>
      </section>
      <section class="card"><h2>各单位未办结事件</h2>
        ${
          m.open.length
            ? html`<figure class="chart ov-chart" role="img" aria-label="各单位未办结事件条形图">${raw(openIncidentsChart(m.open))}</figure>`
            : html`<p class="empty">无下级单位</p>`
        }
      </section>
    </div>
    <div class="ov-grid">
      <section class="card" id="triage"><h2>待研判事件（${m.triage.total}）</h2>
        ${
          m.triage.oldest.length
            ? html`<ul class="ov-list">${m.triage.oldest.map(
                (t) => html`<li>${gradeBadge(t.grade)} <a href="/console/incidents/${t.id}">${t.title}</a>
                <small class="muted">${t.bureauName ?? '未分派'} · 已等待 ${formatSpan(m.now.getTime() - new Date(t.detectedAt).getTime())}</small></li>`,
              )}</ul>`
            : html`<p class="empty">没有待研判的事件</p>`
        }
      </section>
      ${m.sources && troubledSources(m.sources)}
    </div>
  </div>`;
  return renderPage({
    title: '态势总览',
    principal: p,
    active: 'overview',
    body,
    head: html`<meta http-equiv="refresh" content="${OVERVIEW_REFRESH_SECONDS}" />
      <link rel="stylesheet" href="${assetUrl('overview.css')}" />`,
  });
}
