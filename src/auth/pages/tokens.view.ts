import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import { Principal } from '../roles';
import { sectionTabs } from './users-list.view';
import { flash, formatTime, USER_PAGES_HEAD, USER_PAGES_SCRIPTS } from './user-pages.parts';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  username: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function tokenStatus(t: TokenRow, now: Date): SafeHtml {
  if (t.revokedAt) return html`<span class="ustatus ustatus-off">已吊销</span>`;
  if (t.expiresAt && new Date(t.expiresAt) <= now)
    return html`<span class="ustatus ustatus-off">已过期</span>`;
  return html`<span class="ustatus ustatus-ok">有效</span>`;
}

/** The token list (all of the scope's on /console/tokens, one user's on the user page), with revoke buttons. */
export function tokensTable(tokens: TokenRow[], opts: { showUser: boolean; now: Date }): SafeHtml {
  if (tokens.length === 0) return html`<p class="empty">暂无 API 令牌</p>`;
  return html`<div class="table-scroll">
    <table class="data tokens-table">
      <thead>
        <tr>
          <th>名称</th>
          ${opts.showUser && html`<th>用户</th>`}
          <th>前缀</th>
          <th>状态</th>
          <th>最近使用</th>
          <th>有效期至</th>
          <th>创建时间</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${tokens.map(
          (t) =>
            html`<tr data-token="${t.name}">
              <td>${t.name}</td>
              ${opts.showUser && html`<td>${t.username}</td>`}
              <td><code>${t.prefix}…</code></td>
              <td>${tokenStatus(t, opts.now)}</td>
              <td class="nowrap">${t.lastUsedAt ? formatTime(t.lastUsedAt) : '从未使用'}</td>
              <td class="nowrap">${t.expiresAt ? formatTime(t.expiresAt) : '长期有效'}</td>
              <td class="nowrap">${formatTime(t.createdAt)}</td>
              <td>
                ${
                  !t.revokedAt &&
                  html`<form method="post" action="/console/tokens/${t.id}/revoke" class="inline">
                  <button type="submit" class="btn btn-light btn-small" data-busy="处理中…">吊销</button>
                </form>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** /console/tokens: every token of the admin's scope and the form that creates one. */
export function renderTokens(
  p: Principal,
  m: { tokens: TokenRow[]; usernames: string[]; username: string; now: Date; msg?: string; err?: string },
): string {
  const body = html`<div class="page-head">
      <div>
        <h1>用户与令牌</h1>
        <p>API 令牌供其他系统以某个用户的身份调用接口，权限与该用户相同。</p>
      </div>
    </div>
    ${sectionTabs('tokens')} ${flash(m.msg, m.err)}
    <section class="card">
      <h2>创建令牌</h2>
      <form method="post" action="/console/tokens" class="uform token-form" id="new-token">
        <label for="token-user">以哪个用户的身份</label>
        <select id="token-user" name="username" required>
          ${m.usernames.map(
            (u) => html`<option value="${u}" ${u === m.username ? html` selected` : ''}>${u}</option>`,
          )}
        </select>
        <label for="token-name">名称（用途）</label>
        <input type="text" id="token-name" name="name" required maxlength="100" placeholder="如 省局大屏数据接口" />
        <label for="token-expiry">有效期至（可选，北京时间当日结束）</label>
        <input type="date" id="token-expiry" name="expiresOn" />
        <div><button type="submit" class="btn" data-busy="正在创建…">创建令牌</button></div>
      </form>
    </section>
    <section class="card">
      <h2>全部令牌</h2>
      ${tokensTable(m.tokens, { showUser: true, now: m.now })}
    </section>`;
  return renderPage({
    title: 'API 令牌',
    principal: p,
    active: 'users',
    body,
    head: USER_PAGES_HEAD,
    scripts: USER_PAGES_SCRIPTS,
  });
}

/** Shown once after creation: only the token's hash is kept, so it can never be shown again. */
export function renderNewToken(p: Principal, m: { name: string; username: string; token: string }): string {
  const body = html`<div class="page-head">
      <div><h1>令牌已创建</h1></div>
    </div>
    <section class="card secret-card">
      <h2>${m.name}（用户 ${m.username}）</h2>
      <p>请立即复制并妥善保存。<strong>令牌只显示这一次</strong>，系统只保存其摘要，无法再次查看。</p>
      <p><code class="secret" data-secret>${m.token}</code></p>
      <p class="muted">调用接口时在请求头中携带：Authorization: Bearer &lt;令牌&gt;</p>
      <p><a class="btn" href="/console/tokens">完成，返回令牌列表</a></p>
    </section>`;
  return renderPage({ title: '令牌已创建', principal: p, active: 'users', body, head: USER_PAGES_HEAD });
}
