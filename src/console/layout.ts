import type { Action } from '../auth/policy/permissions';
import { roleMay } from '../auth/policy/policy';
import { Principal, ROLE_LABELS } from '../auth/roles';
import { buildBureauCatalog } from '../organisation/bureau-catalog';
import { bureauLabel } from './bureau-labels';
import { assetUrl } from './console-assets';
import { html, HtmlValue, SafeHtml } from './html';

export const APP_NAME = '舆情哨';
export const APP_TAGLINE = '税务舆情监测与应急报告';

interface NavItem {
  key: string;
  label: string;
  href: string;
  /**
   * The view action of the page it opens (policy.ts): shown only to roles that may do it somewhere, so nobody is
   * offered a page that refuses them. Required, so a new section cannot skip the table.
   */
  action: Action;
}

/** The console's sections; `renderPage({active})` takes one of these keys. */
export const NAV: readonly NavItem[] = [
  { key: 'overview', label: '态势总览', href: '/console', action: 'overview.view' },
  { key: 'incidents', label: '事件队列', href: '/console/incidents', action: 'incident.view' },
  { key: 'sources', label: '信息源', href: '/console/sources', action: 'source.view' },
  { key: 'bureaus', label: '单位目录', href: '/console/bureaus', action: 'contacts.view' },
  { key: 'statistics', label: '统计通报', href: '/console/statistics', action: 'statistics.view' },
  { key: 'briefings', label: '舆情简报', href: '/console/briefings', action: 'briefing.view' },
  { key: 'supervision', label: '督办台账', href: '/console/supervision', action: 'supervision.view' },
  { key: 'escalation', label: '时限策略', href: '/console/escalation/policies', action: 'policy.view' },
  {
    key: 'extensions',
    label: '延期审批',
    href: '/console/escalation/extensions',
    action: 'extension.decide',
  },
  { key: 'users', label: '用户与令牌', href: '/console/users', action: 'user.manage' },
];

let shortNames: Map<string, string> | null = null;
let parents: Map<string, string> | null = null;

/**
 * Short label of a bureau (国家税务总局 for HQ, else the short name) for the user box and parent columns. Bureaus are
 * generated from the bundled catalogue (the table is seeded from it), so an in-memory map keeps renderPage
 * synchronous: 3,300 entries, built once in about 12 ms.
 */
export function bureauShortName(code: string): string {
  shortNames ??= new Map(buildBureauCatalog().map((b) => [b.code, bureauLabel(b)]));
  return shortNames.get(code) ?? code;
}

/** 北京市税务局 → 北京, 广州市税务局 → 广州: the place part of a short name, for prefixes. */
function placeOf(shortName: string): string {
  return (
    shortName.replace(/税务局$/, '').replace(/(省|市|自治区|特别行政区|地区|盟|自治州)$/, '') || shortName
  );
}

/**
 * The unit as a queue column shows it: the place of its parent, then its own place (北京·朝阳区 vs 长春·朝阳区), since
 * short names alone repeat across the country. Provinces and HQ keep their short name.
 */
export function bureauUnitLabel(code: string): string {
  parents ??= new Map(buildBureauCatalog().map((b) => [b.code, b.parentCode ?? '']));
  const parent = parents.get(code);
  const own = bureauShortName(code);
  if (!parent || parent === '00' || !parents.has(code)) return own;
  return `${placeOf(bureauShortName(parent))}·${own.replace(/税务局$/, '')}`;
}

function documentShell(opts: {
  title: string;
  bodyClass: string;
  head?: HtmlValue;
  content: SafeHtml;
  scripts?: HtmlValue;
}) {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · ${APP_NAME}</title>
        <link rel="stylesheet" href="${assetUrl('console.css')}" />
        <link rel="icon" type="image/svg+xml" href="${assetUrl('favicon.svg')}" />
        ${opts.head}
      </head>
      <body class="${opts.bodyClass}">
        ${opts.content}
        <script src="${assetUrl('console.js')}" defer></script>
        ${opts.scripts}
      </body>
    </html> `.toString();
}

export interface PageOptions {
  title: string;
  principal: Principal;
  /** Key of the highlighted nav item: one of NAV's keys. */
  active?: string;
  body: SafeHtml;
  head?: SafeHtml;
  scripts?: SafeHtml;
}

/** A full console page: header with brand, navigation and the user box (name, role, bureau, logout). */
export function renderPage(opts: PageOptions): string {
  const p = opts.principal;
  const nav = NAV.filter((n) => roleMay(p.role, n.action)).map(
    (n) =>
      html`<a
        href="${n.href}"
        class="${n.key === opts.active ? 'active' : ''}"
        ${n.key === opts.active ? html` aria-current="page"` : ''}
        >${n.label}</a
      >`,
  );
  const content = html`<header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="/"
          ><span class="brand-name">${APP_NAME}</span><span class="brand-sub">${APP_TAGLINE}</span></a
        >
        <nav class="nav" aria-label="主导航">${nav}</nav>
        <div class="userbox">
          <div class="who">
            <span class="user-name">${p.displayName || p.username}</span>
            <small
              ><span class="user-role">${ROLE_LABELS[p.role] ?? p.role}</span> ·
              <span class="user-bureau">${bureauShortName(p.bureauCode)}</span></small
            >
          </div>
          <form method="post" action="/logout">
            <button type="submit" class="btn-logout">退出登录</button>
          </form>
        </div>
      </div>
    </header>
    <main>${opts.body}</main>
    <footer class="footer">${APP_NAME} · ${APP_TAGLINE}</footer>`;
  return documentShell({
    title: opts.title,
    bodyClass: 'console',
    head: opts.head,
    content,
    scripts: opts.scripts,
  });
}

/** A page for visitors who are not logged in (login, signed action links): brand only, no navigation. */
export function renderPublicPage(opts: { title: string; body: SafeHtml; head?: SafeHtml }): string {
  const content = html`<div class="public-wrap">${opts.body}</div>
    <footer class="footer">${APP_NAME} · ${APP_TAGLINE}</footer>`;
  return documentShell({ title: opts.title, bodyClass: 'public-body', head: opts.head, content });
}
