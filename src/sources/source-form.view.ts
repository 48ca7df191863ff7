import type { Principal } from '../auth/roles';
import { html, SafeHtml } from '../console/html';
import { renderPage } from '../console/layout';
import { fetchErrorHtml, fetchErrorLabel } from './fetch-error.view';
import { formatTime, SOURCES_STYLE, STATUS_LABELS } from './sources-page.view';
import { AUTHORITY_TIERS, SourceErrorView, SourceView, TIER_LABELS } from './source.types';

/** What the source form was filled with (kept across a 测试抓取 round trip and a refused save). */
export interface SourceForm {
  name: string;
  kind: string;
  url: string;
  bureauCode: string;
  authorityTier: string;
  minIntervalSeconds: string;
  maxIntervalSeconds: string;
  enabled: boolean;
}

/** The result of 测试抓取: the first parsed items, or why the fetch failed. */
export type TestFetchResult =
  | {
      ok: true;
      title: string | null;
      total: number;
      items: { title: string; time: Date | null; link: string | null }[];
    }
  | { ok: false; error: string };

const STYLE = html`<style>
  .sform { display: flex; flex-direction: column; gap: 4px; max-width: 520px; }
  .sform label { font-size: 13px; color: #3d4756; margin-top: 8px; }
  .sform input[type='text'], .sform input[type='url'], .sform input[type='number'], .sform select {
    width: 100%; font: inherit; padding: 6px 8px; box-sizing: border-box;
  }
  .sform label.check { display: flex; gap: 6px; align-items: center; }
  .sform .actions, .row-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
  .row-actions form { margin: 0; }
  .fetched li { margin: 4px 0; overflow-wrap: anywhere; }
  .secret { font-family: monospace; font-size: 15px; overflow-wrap: anywhere; background: #f6f8fb; padding: 8px; }
  .btn-danger { background: #b3261e; }
  .delete-form { display: flex; gap: 6px; align-items: center; }
  .sform input[type='number'] { border: 1px solid var(--line); border-radius: 4px; }
</style>`;

export function flash(msg?: string, err?: string): SafeHtml {
  return html`${msg ? html`<div class="alert alert-info" role="status">${msg}</div>` : ''}${
    err ? html`<div class="alert alert-error" role="alert">${err}</div>` : ''
  }`;
}

function fields(f: SourceForm, isNew: boolean): SafeHtml {
  return html`<label for="name">名称</label>
    <input type="text" id="name" name="name" value="${f.name}" required maxlength="200" />
    ${
      isNew
        ? html`<label for="kind">类型</label>
            <select id="kind" name="kind">
              <option value="feed" ${f.kind !== 'push' ? html`selected` : ''}>订阅源（定时抓取）</option>
              <option value="push" ${f.kind === 'push' ? html`selected` : ''}>推送源（对方推送）</option>
            </select>`
        : ''
    }
    <label for="url">地址（订阅源必填）</label>
    <input type="text" id="url" name="url" value="${f.url}" maxlength="2048" inputmode="url" />
    <label for="bureauCode">所属单位代码（留空为全国）</label>
    <input type="text" id="bureauCode" name="bureauCode" value="${f.bureauCode}" maxlength="6" pattern="[0-9]{2,6}" />
    <label for="authorityTier">权威级别</label>
    <select id="authorityTier" name="authorityTier">
      ${AUTHORITY_TIERS.map(
        (t) =>
          html`<option value="${t}" ${t === f.authorityTier ? html`selected` : ''}>${TIER_LABELS[t]}</option>`,
      )}
    </select>
    <label for="minIntervalSeconds">最短检查间隔（秒）</label>
    <input type="number" id="minIntervalSeconds" name="minIntervalSeconds" value="${f.minIntervalSeconds}" min="60" />
    <label for="maxIntervalSeconds">最长检查间隔（秒）</label>
    <input type="number" id="maxIntervalSeconds" name="maxIntervalSeconds" value="${f.maxIntervalSeconds}" min="60" />
    <label class="check"><input type="checkbox" name="enabled" value="1" ${f.enabled ? html`checked` : ''} /> 启用</label>`;
}

function testResult(r: TestFetchResult | undefined): SafeHtml {
  if (!r) return html``;
  if (!r.ok)
    return html`<div class="alert alert-error test-fetch-error" role="alert">测试抓取失败：${r.error}</div>`;
  return html`<section class="card test-fetch">
    <h2>测试抓取结果${r.title ? html`：${r.title}` : ''}</h2>
    <p class="muted">共解析 ${r.total} 条${r.total > r.items.length ? html`，显示前 ${r.items.length} 条` : ''}（未保存）。</p>
    ${
      r.items.length === 0
        ? html`<p class="empty">地址可以访问，但没有解析出条目。</p>`
        : html`<ol class="fetched">
          ${r.items.map(
            (i) =>
              html`<li>
                <strong>${i.title || '（无标题）'}</strong>
                <span class="muted">${formatTime(i.time)}</span><br />
                ${i.link ? html`<a href="${i.link}" rel="noopener noreferrer" target="_blank">${i.link}</a>` : ''}
              </li>`,
          )}
        </ol>`
    }
  </section>`;
}

/** /console/sources/new: the form, 测试抓取 (fetch and parse without saving) and 保存. */
export function renderNewSource(p: Principal, f: SourceForm, test?: TestFetchResult, err?: string): string {
  const body = html`<div class="page-head">
      <div>
        <h1>新增信息源</h1>
        <p><a href="/console/sources">← 返回信息源</a></p>
      </div>
    </div>
    ${flash(undefined, err)} ${testResult(test)}
    <section class="card">
      <form method="post" action="/console/sources/new" class="sform" id="new-source">
        ${fields(f, true)}
        <div class="actions">
          <button type="submit" class="btn btn-light" name="op" value="test">测试抓取</button>
          <button type="submit" class="btn" name="op" value="save">保存</button>
        </div>
      </form>
    </section>`;
  return renderPage({
    title: '新增信息源',
    principal: p,
    active: 'sources',
    body,
    head: html`${SOURCES_STYLE}${STYLE}`,
  });
}

export interface SourceDetailModel {
  source: SourceView;
  errors: SourceErrorView[];
  canManage: boolean;
  form: SourceForm;
  msg?: string;
  err?: string;
  /** A new or rotated push secret: shown on this one answer only. */
  secret?: string;
}

const opButton = (id: string, op: string, label: string, cls = 'btn btn-light') =>
  html`<form method="post" action="/console/sources/${id}">
    <input type="hidden" name="op" value="${op}" /><button type="submit" class="${cls}">${label}</button>
  </form>`;

/** Deleting asks for a ticked box first (no script: the browser and the server both check it). */
const deleteButton = (id: string) =>
  html`<form method="post" action="/console/sources/${id}" class="delete-form">
    <input type="hidden" name="op" value="delete" />
    <label class="check"><input type="checkbox" name="confirm" value="1" required /> 确认删除</label>
    <button type="submit" class="btn btn-danger">删除</button>
  </form>`;

/** /console/sources/:id: definition, health, recent errors; for managers the edit form and actions. */
export function renderSourceDetail(p: Principal, m: SourceDetailModel): string {
  const s = m.source;
  const h = s.health;
  const body = html`<div class="page-head">
      <div>
        <h1>${s.name}</h1>
        <p><a href="/console/sources">← 返回信息源</a></p>
      </div>
    </div>
    ${flash(m.msg, m.err)}
    ${
      m.secret
        ? html`<section class="card">
          <h2>推送密钥（只显示这一次）</h2>
          <p class="secret" id="push-secret">${m.secret}</p>
          <p class="muted">请立即复制并交给推送方；离开本页后无法再次查看，只能重置。</p>
        </section>`
        : ''
    }
    <section class="card">
      <h2>健康状况</h2>
      <dl class="props source-health">
        <dt>状态</dt>
        <dd><span class="badge health-${h.status}" id="source-status">${STATUS_LABELS[h.status]}</span></dd>
        <dt>类型</dt>
        <dd>${s.kind === 'feed' ? '订阅源' : '推送源'}</dd>
        <dt>地址</dt>
        <dd>${s.url ?? '—'}</dd>
        <dt>所属单位</dt>
        <dd>${s.bureauName ?? '全国'}</dd>
        <dt>权威级别</dt>
        <dd>${TIER_LABELS[s.authorityTier]}</dd>
        <dt>最近检查</dt>
        <dd>${formatTime(h.lastCheckedAt)}</dd>
        <dt>最近成功</dt>
        <dd>${formatTime(h.lastSuccessAt)}</dd>
        <dt>连续错误</dt>
        <dd>${h.consecutiveErrors}</dd>
        <dt>最近错误</dt>
        <dd>${h.lastErrorAt ? html`${formatTime(h.lastErrorAt)} ${fetchErrorHtml(h.lastErrorKind, h.lastError)}` : '—'}</dd>
        <dt>下次检查</dt>
        <dd>${s.kind === 'feed' && s.enabled ? formatTime(h.nextCheckAt) : '—'}</dd>
        ${s.kind === 'push' ? html`<dt>密钥前缀</dt><dd>${s.pushSecretPrefix ?? '—'}</dd>` : ''}
      </dl>
      ${
        m.canManage
          ? html`<div class="row-actions">
            ${s.enabled ? opButton(s.id, 'pause', '暂停') : opButton(s.id, 'resume', '恢复')}
            ${s.kind === 'feed' ? opButton(s.id, 'check', '立即检查') : ''}
            ${s.kind === 'push' ? opButton(s.id, 'rotate', '重置密钥') : ''}
            ${deleteButton(s.id)}
          </div>`
          : ''
      }
    </section>
    <section class="card">
      <h2>最近错误</h2>
      ${
        m.errors.length === 0
          ? html`<p class="empty">没有错误记录。</p>`
          : html`<table class="data source-errors">
            <thead><tr><th>时间</th><th>类别</th><th>HTTP</th><th>信息</th></tr></thead>
            <tbody>
              ${m.errors.map(
                (e) =>
                  html`<tr><td>${formatTime(e.occurredAt)}</td><td title="${e.kind}">${fetchErrorLabel(e.kind)}</td><td>${e.status ?? '—'}</td><td>${e.message}</td></tr>`,
              )}
            </tbody>
          </table>`
      }
    </section>
    ${
      m.canManage
        ? html`<section class="card">
          <h2>编辑</h2>
          <form method="post" action="/console/sources/${s.id}" class="sform" id="edit-source">
            <input type="hidden" name="op" value="save" />
            ${fields(m.form, false)}
            <div class="actions"><button type="submit" class="btn">保存修改</button></div>
          </form>
        </section>`
        : ''
    }`;
  return renderPage({
    title: s.name,
    principal: p,
    active: 'sources',
    body,
    head: html`${SOURCES_STYLE}${STYLE}`,
  });
}
