import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import type { AccountRow } from '../accounts/account-admin.service';
import { Principal, ROLE_LABELS } from '../roles';
import { flash, formatTime, USER_PAGES_HEAD, USER_PAGES_SCRIPTS } from './user-pages.parts';

export function accountStatus(a: Pick<AccountRow, 'disabled' | 'locked'>): SafeHtml {
  if (a.disabled) return html`<span class="ustatus ustatus-off">已停用</span>`;
  if (a.locked) return html`<span class="ustatus ustatus-locked">已锁定</span>`;
  return html`<span class="ustatus ustatus-ok">正常</span>`;
}

/** Tabs between the two pages of the 用户与令牌 section. */
export function sectionTabs(active: 'users' | 'tokens'): SafeHtml {
  return html`<nav class="utabs" aria-label="用户与令牌">
    <a href="/console/users" class="${active === 'users' ? 'active' : ''}">用户</a>
    <a href="/console/tokens" class="${active === 'tokens' ? 'active' : ''}">API 令牌</a>
  </nav>`;
}

/** /console/users: the accounts of the admin's subtree. */
export function renderUsersList(
  p: Principal,
  m: { accounts: AccountRow[]; scopeName: string; msg?: string; err?: string },
): string {
  const body = html`<div class="page-head">
      <div>
        <h1>用户与令牌</h1>
        <p>管辖范围：${m.scopeName}，共 ${m.accounts.length} 个用户</p>
      </div>
      <a class="btn" href="/console/users/new">新建用户</a>
    </div>
    ${sectionTabs('users')} ${flash(m.msg, m.err)}
    <section class="card">
      <div class="table-scroll">
        <table class="data users-table">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>所属单位</th>
              <th>状态</th>
              <th>创建时间</th>
            </tr>
          </thead>
          <tbody>
            ${m.accounts.map(
              (a) =>
                html`<tr data-username="${a.username}">
                  <td><a href="/console/users/${a.id}">${a.username}</a></td>
                  <td>${a.displayName}</td>
                  <td>${ROLE_LABELS[a.role] ?? a.role}</td>
                  <td>${a.bureauName} <span class="code muted">${a.bureauCode}</span></td>
                  <td>${accountStatus(a)}</td>
                  <td class="nowrap">${formatTime(a.createdAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  return renderPage({
    title: '用户与令牌',
    principal: p,
    active: 'users',
    body,
    head: USER_PAGES_HEAD,
    scripts: USER_PAGES_SCRIPTS,
  });
}

/** Shown once after an account is created or its password reset: the admin passes it on; it is never shown again. */
export function renderOneTimePassword(
  p: Principal,
  m: { username: string; userId: string; password: string; created: boolean },
): string {
  const body = html`<div class="page-head">
      <div>
        <h1>${m.created ? '用户已创建' : '密码已重置'}</h1>
        <p>用户 ${m.username}</p>
      </div>
    </div>
    <section class="card secret-card">
      <h2>一次性密码</h2>
      <p>请将以下密码当面或通过安全渠道告知用户。<strong>此密码只显示这一次</strong>，离开本页后无法再次查看。</p>
      <p><code class="secret" data-secret>${m.password}</code></p>
      ${!m.created && html`<p class="muted">该用户已登录的会话均已结束，需用新密码重新登录。</p>`}
      <p><a class="btn" href="/console/users/${m.userId}">完成，返回用户详情</a></p>
    </section>`;
  return renderPage({
    title: m.created ? '用户已创建' : '密码已重置',
    principal: p,
    active: 'users',
    body,
    head: USER_PAGES_HEAD,
  });
}
