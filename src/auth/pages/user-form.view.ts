import { html } from '../../console/html';
import { renderPage } from '../../console/layout';
import { Principal } from '../roles';
import {
  BureauOption,
  bureauPicker,
  flash,
  roleSelect,
  USER_PAGES_HEAD,
  USER_PAGES_SCRIPTS,
} from './user-pages.parts';

/** What the new-user form was filled with (kept across a 查找单位 round trip and a refused submission). */
export interface NewUserForm {
  username: string;
  displayName: string;
  email: string;
  role: string;
  bq: string;
  bureauCode: string | null;
}

/** /console/users/new: username, name, role and scope; the password is generated and shown once. */
export function renderNewUser(p: Principal, f: NewUserForm, options: BureauOption[], err?: string): string {
  const body = html`<div class="page-head">
      <div>
        <h1>新建用户</h1>
        <p><a href="/console/users">← 返回用户列表</a></p>
      </div>
    </div>
    ${flash(undefined, err)}
    <section class="card">
      <form method="post" action="/console/users" class="uform" id="new-user">
        <label for="username">用户名</label>
        <input
          type="text"
          id="username"
          name="username"
          value="${f.username}"
          required
          minlength="3"
          maxlength="64"
          pattern="[a-zA-Z0-9_.\\-]{3,64}"
          autocomplete="off"
        />
        <small class="muted">3–64 位字母、数字或 _ . -，用于登录</small>
        <label for="displayName">姓名</label>
        <input type="text" id="displayName" name="displayName" value="${f.displayName}" maxlength="100" />
        <label for="email">电子邮箱（可选）</label>
        <input type="text" id="email" name="email" value="${f.email}" maxlength="200" inputmode="email" />
        <label for="role">角色</label>
        ${roleSelect(f.role || 'monitor')}
        ${bureauPicker({
          searchAction: '/console/users/new',
          q: f.bq,
          options,
          selected: f.bureauCode,
        })}
        <p class="muted">创建后系统生成一次性密码并只显示一次，请转交用户。</p>
        <div><button type="submit" class="btn" data-busy="正在创建…">创建用户</button></div>
      </form>
    </section>`;
  return renderPage({
    title: '新建用户',
    principal: p,
    active: 'users',
    body,
    head: USER_PAGES_HEAD,
    scripts: USER_PAGES_SCRIPTS,
  });
}
