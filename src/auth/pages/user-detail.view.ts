import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import type { AccountRow, SecurityEventRow } from '../accounts/account-admin.service';
import { Principal, ROLE_LABELS } from '../roles';
import { TokenRow, tokensTable } from './tokens.view';
import { accountStatus } from './users-list.view';
import {
  BureauOption,
  bureauPicker,
  flash,
  formatTime,
  roleSelect,
  USER_PAGES_HEAD,
  USER_PAGES_SCRIPTS,
} from './user-pages.parts';

const EVENT_LABELS: Record<string, string> = {
  locked: '登录失败过多，账号锁定',
  unlocked: '解除锁定',
  created: '创建账号',
  disabled: '停用账号',
  enabled: '启用账号',
  password_reset: '重置密码',
  role_changed: '修改角色或管辖范围',
  token_created: '创建 API 令牌',
  token_revoked: '吊销 API 令牌',
};

export interface UserDetailModel {
  account: AccountRow;
  events: SecurityEventRow[];
  tokens: TokenRow[];
  /** The role form's state (from a 查找单位 round trip, else the account's own). */
  role: string;
  bq: string;
  bureauCode: string;
  options: BureauOption[];
  self: boolean;
  now: Date;
  minPasswordLength: number;
  msg?: string;
  err?: string;
}

function op(id: string, name: string, label: string, cls = 'btn btn-light', extra?: SafeHtml): SafeHtml {
  return html`<form method="post" action="/console/users/${id}/act" class="inline">
    <input type="hidden" name="op" value="${name}" />${extra}
    <button type="submit" class="${cls}" data-busy="处理中…">${label}</button>
  </form>`;
}

/** /console/users/:id: the account, its role and scope, password, lock, state, tokens and audit trail. */
export function renderUserDetail(p: Principal, m: UserDetailModel): string {
  const a = m.account;
  const body = html`<div class="page-head">
      <div>
        <h1>${a.displayName} <span class="muted">（${a.username}）</span></h1>
        <p><a href="/console/users">← 返回用户列表</a></p>
      </div>
    </div>
    ${flash(m.msg, m.err)}
    <div class="ugrid">
      <section class="card">
        <h2>账号</h2>
        <dl class="props">
          <dt>状态</dt>
          <dd>${accountStatus(a)}</dd>
          <dt>角色</dt>
          <dd>${ROLE_LABELS[a.role] ?? a.role}</dd>
          <dt>所属单位</dt>
          <dd>${a.bureauName} <span class="code muted">${a.bureauCode}</span></dd>
          <dt>电子邮箱</dt>
          <dd>${a.email ?? '—'}</dd>
          <dt>创建时间</dt>
          <dd>${formatTime(a.createdAt)}</dd>
        </dl>
        ${
          !m.self &&
          html`<div class="uactions">
          ${a.disabled ? op(a.id, 'enable', '启用账号') : op(a.id, 'disable', '停用账号', 'btn btn-danger')}
          ${a.locked && op(a.id, 'unlock', '解除登录锁定')}
        </div>`
        }
      </section>
      <section class="card">
        <h2>重置密码</h2>
        <p class="muted">重置后该用户的所有会话立即结束。</p>
        ${op(a.id, 'reset-generate', '生成一次性密码', 'btn')}
        <form method="post" action="/console/users/${a.id}/act" class="uform reset-form">
          <input type="hidden" name="op" value="reset-set" />
          <label for="password">或由管理员设定新密码</label>
          <input
            type="password"
            id="password"
            name="password"
            required
            minlength="${m.minPasswordLength}"
            maxlength="256"
            autocomplete="new-password"
          />
          <small class="muted">至少 ${m.minPasswordLength} 个字符，不能是常见密码、用户名或简单重复</small>
          <div><button type="submit" class="btn btn-light" data-busy="处理中…">设定密码</button></div>
        </form>
      </section>
    </div>
    ${
      m.self
        ? html`<section class="card"><p class="muted">不能修改自己的角色、管辖范围或停用自己的账号。</p></section>`
        : html`<section class="card">
          <h2>角色与管辖范围</h2>
          <form method="post" action="/console/users/${a.id}/act" class="uform" id="role-form">
            <input type="hidden" name="op" value="role" />
            <label for="role">角色</label>
            ${roleSelect(m.role)}
            ${bureauPicker({
              searchAction: `/console/users/${a.id}`,
              q: m.bq,
              options: m.options,
              selected: m.bureauCode,
            })}
            <p class="muted">修改后该用户需重新登录。</p>
            <div><button type="submit" class="btn" data-busy="正在保存…">保存角色与范围</button></div>
          </form>
        </section>`
    }
    <section class="card">
      <h2>API 令牌</h2>
      ${tokensTable(m.tokens, { showUser: false, now: m.now })}
      <p><a href="/console/tokens?username=${a.username}">为该用户创建令牌</a></p>
    </section>
    <section class="card">
      <h2>安全记录</h2>
      ${
        m.events.length === 0
          ? html`<p class="empty">暂无记录</p>`
          : html`<ul class="uevents">
            ${m.events.map(
              (e) =>
                html`<li>
                  <span class="when">${formatTime(e.at)}</span>
                  <span>${EVENT_LABELS[e.action] ?? e.action}</span>
                  <span class="muted">${e.actor ? `操作人 ${e.actor}` : '系统'}</span>
                </li>`,
            )}
          </ul>`
      }
    </section>`;
  return renderPage({
    title: `用户 ${a.username}`,
    principal: p,
    active: 'users',
    body,
    head: USER_PAGES_HEAD,
    scripts: USER_PAGES_SCRIPTS,
  });
}
