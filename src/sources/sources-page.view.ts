import { roleMay } from '../auth/policy/policy';
import type { Principal } from '../auth/roles';
import { html, SafeHtml } from '../console/html';
import { renderPage } from '../console/layout';
import { fetchErrorHtml } from './fetch-error.view';
import { HealthStatus, SourceView, TIER_LABELS } from './source.types';

export interface SourcesPageModel {
  sources: SourceView[];
  q: string;
  attentionOnly: boolean;
  msg?: string;
}

export const STATUS_LABELS: Record<HealthStatus, string> = {
  ok: '正常',
  pending: '待采集',
  failing: '采集失败',
  attention: '需处理',
  stale: '长期无更新',
  disabled: '已停用',
};

// Page-local styles for the health badges; the shared stylesheet has only neutral badges.
export const SOURCES_STYLE = html`<style>
  .health-ok { background: #e6f4ec; color: var(--ok); }
  .health-pending { background: #eef1f5; color: var(--muted); }
  .health-failing { background: #fff3e0; color: var(--warn); }
  .health-attention, .health-stale { background: #fdecee; color: var(--accent); }
  .health-disabled { background: #eef1f5; color: #9aa3b0; }
  .summary { display: flex; gap: 8px; flex-wrap: wrap; margin: 0 0 12px; padding: 0; list-style: none; }
  .src-url { display: block; max-width: 360px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; }
  .src-error { max-width: 280px; font-size: 12px; }
  .row-actions { display: flex; flex-wrap: wrap; gap: 8px; }
</style>`;

/** Beijing time, minutes: what monitoring staff read everywhere else. */
export function formatTime(d: Date | string | null): string {
  if (!d) return '—';
  const s = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

const badge = (status: HealthStatus) =>
  html`<span class="badge health-${status}">${STATUS_LABELS[status]}</span>`;

function row(s: SourceView): SafeHtml {
  const h = s.health;
  return html`<tr data-source-id="${s.id}" data-status="${h.status}">
    <td>
      <strong><a href="/console/sources/${s.id}">${s.name}</a></strong>
      ${s.url ? html`<span class="src-url muted" title="${s.url}">${s.url}</span>` : ''}
    </td>
    <td>${s.kind === 'feed' ? '订阅源' : '推送'}</td>
    <td>${s.bureauName ?? html`<span class="muted">全国</span>`}</td>
    <td>${TIER_LABELS[s.authorityTier]}</td>
    <td>${badge(h.status)}${h.stale && h.status !== 'stale' ? html` ${badge('stale')}` : ''}</td>
    <td>${formatTime(h.lastSuccessAt)}</td>
    <td class="src-error">
      ${
        h.lastErrorAt
          ? html`${formatTime(h.lastErrorAt)}<br />${fetchErrorHtml(h.lastErrorKind, h.lastError, 80)}`
          : '—'
      }
    </td>
    <td class="num">${h.consecutiveErrors}</td>
    <td class="num">${h.itemsLast24h}</td>
    <td>${s.kind === 'feed' && s.enabled ? formatTime(h.nextCheckAt) : '—'}</td>
  </tr>`;
}

/** 信息源: every source the user may see, with its health, worst first. */
export function renderSourcesPage(p: Principal, m: SourcesPageModel): string {
  const canManage = roleMay(p.role, 'source.manage');
  const counts = new Map<HealthStatus, number>();
  for (const s of m.sources) counts.set(s.health.status, (counts.get(s.health.status) ?? 0) + 1);
  const body = html`<div class="page-head">
      <div>
        <h1>信息源</h1>
        <p>订阅源与推送源的采集健康状况：最近成功、最近错误、连续错误次数、24 小时采集量和下次检查时间。</p>
      </div>
      <div class="row-actions">
        ${canManage ? html`<a class="btn" href="/console/sources/new">新增信息源</a>` : ''}
        <a class="btn btn-light" href="/api/sources.csv">导出 CSV</a>
      </div>
    </div>
    ${m.msg ? html`<div class="alert alert-info" role="status">${m.msg}</div>` : ''}
    <section class="card">
      <form class="search" method="get" action="/console/sources" role="search">
        <input type="search" name="q" value="${m.q}" placeholder="名称或地址" aria-label="搜索信息源" maxlength="100" />
        <label><input type="checkbox" name="attention" value="1" ${m.attentionOnly ? html`checked` : ''} /> 只看需处理</label>
        <button type="submit" class="btn">筛选</button>
      </form>
      <ul class="summary">
        <li><span class="badge">共 ${m.sources.length} 个</span></li>
        ${(Object.keys(STATUS_LABELS) as HealthStatus[])
          .filter((k) => counts.get(k))
          .map(
            (k) => html`<li><span class="badge health-${k}">${STATUS_LABELS[k]} ${counts.get(k)}</span></li>`,
          )}
      </ul>
      ${
        m.sources.length === 0
          ? html`<p class="empty">没有符合条件的信息源。</p>`
          : html`<table class="data sources">
            <thead>
              <tr>
                <th>名称</th>
                <th>类型</th>
                <th>所属单位</th>
                <th>权威级别</th>
                <th>状态</th>
                <th>最近成功</th>
                <th>最近错误</th>
                <th class="num">连续错误</th>
                <th class="num">24 小时采集</th>
                <th>下次检查</th>
              </tr>
            </thead>
            <tbody>
              ${m.sources.map(row)}
            </tbody>
          </table>`
      }
    </section>`;
  return renderPage({ title: '信息源', principal: p, active: 'sources', body, head: SOURCES_STYLE });
}
