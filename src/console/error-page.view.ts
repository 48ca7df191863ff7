import type { Principal } from '../auth/roles';
import { html } from './html';
import { APP_NAME, renderPage, renderPublicPage } from './layout';

function headingOf(status: number): string {
  if (status === 403) return '无权访问';
  if (status === 404) return '未找到';
  if (status >= 500) return '服务器出错';
  return status === 400 ? '请求有误' : '出错了';
}

/** What to do next, said once for every page of a kind (the message names what was wrong). */
function hintOf(status: number, loggedIn: boolean): string {
  const elsewhere = loggedIn ? '从上方导航进入所需页面' : '登录后从导航进入所需页面';
  if (status === 404) return `地址可能有误，或该页面已不存在。请${elsewhere}。`;
  if (status === 400) return `链接中的参数无法识别（可能被截断或改动过）。请检查地址，或${elsewhere}。`;
  return '';
}

function errorCard(status: number, message: string, loggedIn: boolean) {
  const hint = hintOf(status, loggedIn);
  // A visitor's card is the login page's (brand on top, centred on the public background, as wide as a phone allows).
  return html`<section class="${loggedIn ? 'card' : 'login-card'} error-page">
    ${!loggedIn && html`<span class="brand-name">${APP_NAME}</span>`}
    <div class="status">${status}</div>
    <h1>${headingOf(status)}</h1>
    <p class="muted error-message">${message}</p>
    ${hint && html`<p class="error-hint">${hint}</p>`}
    <p><a class="btn btn-light" href="${loggedIn ? '/' : '/login'}">${loggedIn ? '返回首页' : '前往登录'}</a></p>
  </section>`;
}

/** A console error page (403 outside the user's scope, 404 unknown, 400 bad input …) inside the normal layout. */
export function renderErrorPage(principal: Principal, status: number, message: string): string {
  return renderPage({ title: headingOf(status), principal, body: errorCard(status, message, true) });
}

/**
 * The same page for a visitor who is not logged in: the public layout (brand, no navigation, phone width), like the
 * login page, rather than a bare document.
 */
export function renderPublicErrorPage(status: number, message: string): string {
  return renderPublicPage({ title: headingOf(status), body: errorCard(status, message, false) });
}
