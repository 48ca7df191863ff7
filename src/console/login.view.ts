import { html } from './html';
import { APP_NAME, APP_TAGLINE, renderPublicPage } from './layout';

export interface LoginViewModel {
  next?: string;
  username?: string;
  error?: string;
}

/** The login form; posts to /login and works without JavaScript. */
export function renderLoginPage(m: LoginViewModel): string {
  const body = html`<section class="login-card">
    <span class="brand-name">${APP_NAME}</span>
    <span class="brand-sub">${APP_TAGLINE}</span>
    ${m.error && html`<div class="alert alert-error" role="alert">${m.error}</div>`}
    <form method="post" action="/login" class="login-form">
      <input type="hidden" name="next" value="${m.next ?? ''}" />
      <label for="username">用户名</label>
      <input
        type="text"
        id="username"
        name="username"
        value="${m.username ?? ''}"
        autocomplete="username"
        required
        maxlength="64"
        ${m.username ? '' : html` autofocus`}
      />
      <label for="password">密码</label>
      <input
        type="password"
        id="password"
        name="password"
        autocomplete="current-password"
        required
        maxlength="256"
        ${m.username ? html` autofocus` : ''}
      />
      <button type="submit" class="btn" data-busy="登录中…">登录</button>
    </form>
    <p class="hint">仅限授权人员使用。账号由系统管理员开通。</p>
  </section>`;
  return renderPublicPage({ title: '登录', body });
}
