import type { Principal } from '../auth/roles';
import { CONTACT_ROLE_LABELS } from '../organisation/organisation.types';
import { bureauHref, bureauLabel, LEVEL_LABELS } from './bureau-labels';
import { levelBadge } from './bureau-directory.view';
import type { DetailModel } from './bureau-pages.model';
import { ContactFormRow, contactsEditForm } from './contacts-edit.view';
import type { CsvIssue } from '../organisation/contacts-csv';
import { html, SafeHtml } from './html';
import { bureauShortName, renderPage } from './layout';

function breadcrumb(m: DetailModel): SafeHtml {
  const b = m.bureau;
  const trail = b.ancestors.filter((a) => a.code !== b.code);
  return html`<ol class="breadcrumb" aria-label="上级单位">
    <li><a href="/console/bureaus">单位目录</a></li>
    ${trail.map((a) =>
      m.visibleAncestorCodes.has(a.code)
        ? html`<li><a href="${bureauHref(a.code)}">${bureauLabel(a)}</a></li>`
        : html`<li>${bureauLabel(a)}</li>`,
    )}
    <li aria-current="page">${bureauLabel(b)}</li>
  </ol>`;
}

function details(m: DetailModel): SafeHtml {
  const b = m.bureau;
  return html`<section class="card">
    <h2>基本信息</h2>
    <dl class="props">
      <dt>全称</dt>
      <dd>${b.name}</dd>
      <dt>简称</dt>
      <dd>${b.shortName}</dd>
      <dt>单位代码</dt>
      <dd class="code">${b.code}</dd>
      <dt>级别</dt>
      <dd>${LEVEL_LABELS[b.level]}${b.separatelyPlanned && '（计划单列市，直属总局）'}</dd>
      <dt>上级单位</dt>
      <dd>${b.parentCode ? bureauShortName(b.parentCode) : '—'}</dd>
      <dt>行政区划</dt>
      <dd>${b.placeName}${b.regionCode && html` <span class="muted code">${b.regionCode}</span>`}</dd>
      <dt>别名</dt>
      <dd>
        ${
          b.aliases.length === 0
            ? html`<span class="muted">无</span>`
            : html`<ul class="chips aliases">
                ${b.aliases.map((a) => html`<li>${a}</li>`)}
              </ul>`
        }
      </dd>
    </dl>
  </section>`;
}

function contacts(m: DetailModel): SafeHtml {
  const list = m.bureau.contacts;
  return html`<section class="card contacts">
    <h2>联系人 <span class="muted">(${list.length})</span></h2>
    ${
      list.length === 0
        ? html`<p class="empty">尚未登记联系人。系统管理员可导入联系人通讯录（CSV）。</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th>职责</th>
                <th>姓名</th>
                <th>职务</th>
                <th>电子邮箱</th>
                <th>电话</th>
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (c) =>
                  html`<tr>
                    <td><span class="badge">${CONTACT_ROLE_LABELS[c.role] ?? c.role}</span></td>
                    <td>${c.name}</td>
                    <td>${c.title ?? '—'}</td>
                    <td><a href="mailto:${c.email}">${c.email}</a></td>
                    <td>${c.phone ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function children(m: DetailModel): SafeHtml {
  return html`<section class="card children">
    <h2>下级单位 <span class="muted">(${m.children.length})</span></h2>
    ${
      m.children.length === 0
        ? html`<p class="empty">无下级单位。</p>`
        : html`<table class="data">
            <thead>
              <tr>
                <th>单位</th>
                <th>级别</th>
                <th class="num">下辖</th>
              </tr>
            </thead>
            <tbody>
              ${m.children.map(
                (c) =>
                  html`<tr>
                    <td><a href="${bureauHref(c.bureau.code)}">${bureauLabel(c.bureau)}</a></td>
                    <td>${levelBadge(c.bureau)}</td>
                    <td class="num">${c.childCount || '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

/** The edit form's state: null when the user may not edit this bureau's contacts. */
export interface ContactsEdit {
  rows: ContactFormRow[];
  issues: CsvIssue[];
  msg: string;
}

/** /console/bureaus/:code: breadcrumb, details and aliases, contacts, subordinate bureaus (and the edit form). */
export function renderBureauDetail(
  principal: Principal,
  m: DetailModel,
  edit: ContactsEdit | null = null,
): string {
  const b = m.bureau;
  const body = html`${breadcrumb(m)}
    <div class="page-head">
      <div>
        <h1>${b.name}</h1>
        <p>${levelBadge(b)} <span class="code">${b.code}</span></p>
      </div>
      <div class="row">
        ${edit && html`<a class="btn btn-light" href="/console/bureaus/contacts/import">导入联系人</a>`}
        <a class="btn incidents-link" href="/console/incidents?${new URLSearchParams({ status: 'all', bureau: b.code }).toString()}">查看本单位及下级的舆情事件</a>
        <a class="btn btn-light" href="/console/bureaus?open=${b.code}">在组织架构中查看</a>
      </div>
    </div>
    ${edit?.msg ? html`<div class="alert alert-info" role="status">${edit.msg}</div>` : ''}
    <div class="grid-2">
      <div>${details(m)}${contacts(m)}${edit && contactsEditForm(b.code, edit.rows, edit.issues)}</div>
      <div>${children(m)}</div>
    </div>`;
  return renderPage({ title: bureauLabel(b), principal, active: 'bureaus', body });
}
