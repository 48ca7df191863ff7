import type { Principal } from '../auth/roles';
import type { BureauView } from '../organisation/organisation.types';
import { BUREAU_LEVELS, bureauHref, bureauLabel, LEVEL_LABELS } from './bureau-labels';
import type { DirectoryModel, TreeNode } from './bureau-pages.model';
import { html, SafeHtml } from './html';
import { bureauShortName, renderPage } from './layout';

export function levelBadge(b: Pick<BureauView, 'level' | 'separatelyPlanned'>): SafeHtml {
  return html`<span class="badge">${LEVEL_LABELS[b.level]}</span>${
    b.separatelyPlanned && html` <span class="badge badge-accent">计划单列市</span>`
  }`;
}

function treeNode(n: TreeNode, parent: TreeNode | null, openCode: string | null): SafeHtml {
  const b = n.bureau;
  const expanded = n.children !== null;
  // Collapsing a node means opening its parent; the scope root stays open.
  const toggle =
    n.childCount === 0
      ? html`<span class="toggle">·</span>`
      : !expanded
        ? html`<a class="toggle" href="?open=${b.code}" title="展开" aria-label="展开 ${bureauLabel(b)}"
            >▸</a
          >`
        : parent
          ? html`<a
              class="toggle"
              href="?open=${parent.bureau.code}"
              title="收起"
              aria-label="收起 ${bureauLabel(b)}"
              >▾</a
            >`
          : html`<span class="toggle">▾</span>`;
  return html`<li class="${b.code === openCode ? 'current' : ''}" data-code="${b.code}">
    <span class="node"
      >${toggle}<a class="name" href="${bureauHref(b.code)}">${bureauLabel(b)}</a>${levelBadge(b)}<span
        class="count"
        >${n.childCount > 0 ? `下辖 ${n.childCount} 个单位` : ''}</span
      ></span
    >
    ${
      expanded &&
      n.children!.length > 0 &&
      html`<ul>
        ${n.children!.map((c) => treeNode(c, n, openCode))}
      </ul>`
    }
  </li>`;
}

function searchForm(m: DirectoryModel): SafeHtml {
  return html`<form class="search" method="get" action="/console/bureaus" role="search">
    <input
      type="search"
      name="q"
      value="${m.q}"
      placeholder="单位名称、简称或别名，如 南山区税务局"
      aria-label="搜索单位"
      maxlength="50"
    />
    <select name="level" aria-label="级别">
      <option value="">全部级别</option>
      ${BUREAU_LEVELS.map((l) => html`<option value="${l}" ${m.level === l ? html` selected` : ''}>${LEVEL_LABELS[l]}</option>`)}
    </select>
    <button type="submit" class="btn">搜索</button>
    ${m.q && html`<a class="btn btn-light" href="/console/bureaus">清除</a>`}
  </form>`;
}

function results(m: DirectoryModel): SafeHtml {
  const rows = m.results ?? [];
  return html`<section class="card search-results">
    <h2>搜索“${m.q}”：${rows.length} 个结果</h2>
    ${
      rows.length === 0
        ? html`<p class="empty">在您的管辖范围内没有找到匹配的单位。</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th>单位名称</th>
                <th>简称</th>
                <th>级别</th>
                <th>代码</th>
                <th>上级单位</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (b) =>
                  html`<tr>
                    <td><a href="${bureauHref(b.code)}">${b.name}</a></td>
                    <td>${b.shortName}</td>
                    <td>${levelBadge(b)}</td>
                    <td class="code">${b.code}</td>
                    <td>${b.parentCode ? bureauShortName(b.parentCode) : '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

/** /console/bureaus: search box, then either the search results or the scope root's tree. */
export function renderDirectory(principal: Principal, m: DirectoryModel): string {
  const root = m.root.bureau;
  const body = html`<div class="page-head">
      <div>
        <h1>单位目录</h1>
        <p>管辖范围：${root.name}，直属下级 ${m.root.childCount} 个单位</p>
      </div>
      ${searchForm(m)}
    </div>
    ${m.results !== null && results(m)}
    <section class="card">
      <h2>组织架构</h2>
      <ul class="tree">
        ${treeNode(m.root, null, m.openCode)}
      </ul>
    </section>`;
  return renderPage({ title: '单位目录', principal, active: 'bureaus', body });
}
