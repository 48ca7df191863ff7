import type { Principal } from '../../auth/roles';
import { html, raw, SafeHtml } from '../../console/html';
import { bureauUnitLabel, renderPage } from '../../console/layout';
import { assetUrl } from '../../console/console-assets';
import { roleMay } from '../../auth/policy/policy';
import type { Action } from '../../auth/policy/permissions';
import { bulkBar } from './incident-bulk.view';

const BULK_ACTIONS: Action[] = [
  'incident.confirm',
  'incident.dismiss',
  'incident.reassign',
  'incident.merge',
];
import { INCIDENT_CSS } from './incident-console.assets';
import { flash, gradeBadge, SHORTCUTS, statusBadge, time } from './incident-console.parts';
import type { ListIncidentsQuery } from '../incident.dto';
import type { IncidentPage, QueueCount } from '../query/incident-query.service';
import {
  CATEGORIES,
  DISMISS_REASONS,
  GRADE_LABELS,
  GRADES,
  STATUSES,
  STATUS_LABELS,
} from '../incident.types';

export interface QueueModel {
  q: ListIncidentsQuery;
  page: IncidentPage;
  counts: Record<QueueCount, { count: number; capped: boolean }>;
  bureaus: { code: string; name: string }[];
  hq: boolean;
  msg?: string;
  err?: string;
}

const SORT_LABELS = { heat: '热度最高', grade: '等级最高', age: '最新发现', oldest: '最早发现' } as const;

/** Query string of the current filters with some keys replaced (undefined removes a key). */
export function queueHref(q: ListIncidentsQuery, changes: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const base: Record<string, string | undefined> = {
    status: q.review ? 'review' : q.status?.length ? q.status.join(',') : 'all',
    grade: q.grade?.join(','),
    category: q.category?.join(','),
    bureau: q.bureau,
    unassigned: q.unassigned ? '1' : undefined,
    region: q.region,
    from: q.from,
    to: q.to,
    q: q.q,
    sort: q.sort,
    pendingReview: q.pendingReview ? '1' : undefined,
  };
  for (const [k, v] of Object.entries({ ...base, ...changes })) if (v) params.set(k, v);
  const s = params.toString();
  return `/console/incidents${s ? `?${s}` : ''}`;
}

/** The export of exactly this list: the same filters, every page (the cursor is dropped). */
export function exportHref(q: ListIncidentsQuery, format: 'xlsx' | 'csv'): string {
  const href = queueHref(q, { format });
  return href.replace('/console/incidents', '/console/incidents/export');
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}" ${selected ? raw(' selected') : ''}>${label}</option>`;
}

function filters(m: QueueModel): SafeHtml {
  const q = m.q;
  const one = (v?: string[]) => (v && v.length === 1 ? v[0] : '');
  return html`<form class="filters card" method="get" action="/console/incidents" role="search" id="queue-filters">
    <input type="hidden" name="status" value="${q.review ? 'review' : q.status?.length ? q.status.join(',') : 'all'}" />
    ${q.pendingReview && html`<input type="hidden" name="pendingReview" value="1" />`}
    <label>关键词<input type="search" name="q" value="${q.q ?? ''}" placeholder="标题或摘要中的词，如 电子税务局" maxlength="200" /></label>
    <label>等级<select name="grade">${option('', '全部等级', !q.grade?.length)}${GRADES.map((g) => option(g, GRADE_LABELS[g], one(q.grade) === g))}</select></label>
    <label>类别<select name="category">${option('', '全部类别', !q.category?.length)}${CATEGORIES.map((c) => option(c, c, one(q.category) === c))}</select></label>
    <label>单位<select name="bureau">${option('', '全部（本单位及下级）', !q.bureau)}${m.bureaus.map((b) => option(b.code, b.name, q.bureau === b.code))}</select></label>
    ${m.hq && html`<label>未分配<select name="unassigned">${option('', '不限', !q.unassigned)}${option('1', '仅未分配单位', !!q.unassigned)}</select></label>`}
    <label>地区代码<input type="text" name="region" value="${q.region ?? ''}" size="7" maxlength="6" pattern="[0-9]{2}|[0-9]{4}|[0-9]{6}" placeholder="如 4403" /></label>
    <label>发现时间从<input type="date" name="from" value="${q.from?.slice(0, 10) ?? ''}" /></label>
    <label>至<input type="date" name="to" value="${q.to?.slice(0, 10) ?? ''}" /></label>
    <label>排序<select name="sort">${Object.entries(SORT_LABELS).map(([k, l]) => option(k, l, (q.sort ?? 'heat') === k))}</select></label>
    <button type="submit" class="btn">筛选</button>
    <a class="btn btn-light" href="/console/incidents">重置</a>
  </form>`;
}

function tabs(m: QueueModel): SafeHtml {
  const active = m.q.pendingReview
    ? 'pendingReview'
    : m.q.review
      ? 'review'
      : m.q.status?.length === 1
        ? m.q.status[0]
        : m.q.status?.length
          ? null
          : 'all';
  const total = STATUSES.reduce((n, s) => n + m.counts[s].count, 0);
  const capped = STATUSES.some((s) => m.counts[s].capped);
  // A status tab leaves 待复核; the 待复核 tab shows pending requests whatever the incident's status.
  const tab = (key: string, label: string, n: number, more: boolean) =>
    html`<li><a href="${queueHref(m.q, key === 'pendingReview' ? { status: 'all', pendingReview: '1', cursor: undefined } : { status: key, pendingReview: undefined, cursor: undefined })}" class="${active === key ? 'active' : ''}" data-status="${key}"
      >${label}<span class="n">${n}${more ? '+' : ''}</span></a></li>`;
  return html`<ul class="tabs" id="status-tabs" aria-label="按状态">
    ${tab('review', STATUS_LABELS.new, m.counts.review.count, m.counts.review.capped)}
    ${tab('pendingReview', '待复核', m.counts.pendingReview.count, m.counts.pendingReview.capped)}
    ${STATUSES.filter((s) => s !== 'new').map((s) => tab(s, STATUS_LABELS[s], m.counts[s].count, m.counts[s].capped))}${tab('all', '全部', total, capped)}
  </ul>`;
}

function rows(m: QueueModel, bulk: boolean): SafeHtml {
  if (m.page.items.length === 0) {
    return html`<tr><td colspan="9" class="empty">没有符合条件的事件。</td></tr>`;
  }
  return html`${m.page.items.map((i) => {
    const href = `/console/incidents/${i.id}`;
    return html`<tr data-id="${i.id}" data-version="${i.version}" data-title="${i.title}" data-href="${href}" data-status="${i.status}">
      <td class="c-pick">${bulk && html`<input type="checkbox" name="pick" value="${i.id}:${i.version}" form="bulk-form" aria-label="勾选 ${i.title}" />`}</td>
      <td class="c-grade">${gradeBadge(i.grade)}</td>
      <td class="c-title"><a class="title" href="${href}">${i.title}</a><div class="summary">${i.summary ?? ''}</div>
        ${i.claimedByName && html`<div class="claim">🔒 ${i.claimedByName} 处理中</div>`}
        ${i.reviewPending && html`<span class="badge review-pending" title="单位负责人申请复核，等待研判结论">待复核</span>`}</td>
      <td class="c-unit">${i.bureauCode ? html`<span class="unit" title="${i.bureauName}">${bureauUnitLabel(i.bureauCode)}</span>` : html`<span class="muted">未分配</span>`}</td>
      <td class="c-cat">${i.category ?? '—'}</td>
      <td class="c-status">${statusBadge(i.status)}</td>
      <td class="num c-count">${i.itemCount} / ${i.sourceCount}</td>
      <td class="num c-heat">${i.heat}</td>
      <td class="c-time">${time(i.detectedAt)}<br /><small class="muted">最新 ${time(i.lastSeenAt)}</small></td>
    </tr>`;
  })}`;
}

function dismissDialog(): SafeHtml {
  return html`<dialog id="dismiss-dialog" aria-labelledby="dismiss-heading">
    <form method="dialog" class="stack">
      <h2 id="dismiss-heading">排除事件</h2>
      <p class="muted dismiss-title"></p>
      <input type="hidden" name="id" /><input type="hidden" name="expectedVersion" />
      <label>原因 <select name="reason" required>${DISMISS_REASONS.map((r) => option(r, r, false))}</select></label>
      <label>说明（原因为“其他”时必填）<textarea name="comment" maxlength="4000"></textarea></label>
      <div class="row"><button type="submit" class="btn btn-danger" value="dismiss">排除</button>
        <button type="submit" class="btn btn-light" value="cancel" formnovalidate>取消</button></div>
    </form>
  </dialog>`;
}

/** The shortcuts that act on an incident, by the action they do: offered only to a role that may do it. */
const SHORTCUT_ACTIONS: Record<string, Action> = { c: 'incident.confirm', d: 'incident.dismiss' };

export function renderQueue(p: Principal, m: QueueModel): string {
  // The bulk panel and row checkboxes only for a role the policy lets do at least one bulk action (not heads).
  const bulk = BULK_ACTIONS.some((a) => roleMay(p.role, a));
  const may = (a: Action) => roleMay(p.role, a);
  const shortcuts = SHORTCUTS.filter(([k]) => !SHORTCUT_ACTIONS[k] || may(SHORTCUT_ACTIONS[k]));
  const body = html`<div class="page-head">
      <div><h1>事件队列</h1><p>同一事件的转载归为一条；按单位管辖范围显示。</p></div>
      <p class="shortcuts">快捷键：${shortcuts.map(([k, l]) => html`<kbd>${k}</kbd> ${l}${raw('&emsp;')}`)}</p>
    </div>
    ${flash(m.msg, m.err)}
    <div id="queue-flash" class="alert" hidden></div>
    ${filters(m)}
    ${tabs(m)}
    ${bulk && bulkBar(queueHref(m.q, { cursor: m.q.cursor }))}
    <section class="card">
      <div class="queue-head"><p class="muted" id="queue-meta">本页 ${m.page.items.length} 条 · 每 30 秒自动刷新</p>
        <p class="export">导出筛选结果：<a href="${exportHref(m.q, 'xlsx')}" download>Excel</a> · <a href="${exportHref(m.q, 'csv')}" download>CSV</a></p></div>
      <table class="data" id="queue" data-can-confirm="${may('incident.confirm') ? '1' : ''}" data-can-dismiss="${may('incident.dismiss') ? '1' : ''}">
        <thead><tr><th class="c-pick">${bulk && html`<input type="checkbox" id="pick-all" aria-label="全选本页" hidden />`}</th><th>等级</th><th>事件</th><th>单位</th><th>类别</th><th>状态</th><th class="num">条目/来源</th><th class="num">热度</th><th>发现时间</th></tr></thead>
        <tbody id="queue-body">${rows(m, bulk)}</tbody>
      </table>
      <div class="pager" id="queue-pager">
        ${m.q.cursor && html`<a class="btn btn-light" href="${queueHref(m.q)}">回到第一页</a>`}
        ${m.page.nextCursor && html`<a class="btn btn-light" rel="next" href="${queueHref(m.q, { cursor: m.page.nextCursor })}">下一页</a>`}
      </div>
    </section>
    ${may('incident.dismiss') && dismissDialog()}`;
  return renderPage({
    title: '事件队列',
    principal: p,
    active: 'incidents',
    body,
    head: html`<style>${raw(INCIDENT_CSS)}</style>`,
    scripts: html`<script src="${assetUrl('incident-queue.js')}" defer></script>
      <script src="${assetUrl('bureau-picker.js')}" defer></script>`,
  });
}
