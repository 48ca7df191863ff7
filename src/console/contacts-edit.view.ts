import type { Principal } from '../auth/roles';
import type { ContactCsvRow, CsvIssue } from '../organisation/contacts-csv';
import { CONTACT_ROLE_LABELS, CONTACT_ROLES } from '../organisation/organisation.types';
import { html, SafeHtml } from './html';
import { renderPage } from './layout';

/** One row of the edit form, as typed (role is free text until validated). */
export interface ContactFormRow {
  role: string;
  name: string;
  title: string;
  email: string;
  phone: string;
}

export const FIELD_LABELS: Record<string, string> = {
  bureau_code: '单位代码',
  bureau_name: '单位名称',
  role: '职责',
  name: '姓名',
  title: '职务',
  email: '电子邮箱',
  phone: '电话',
};

/** `第 2 行 · 电子邮箱：邮箱格式不正确…` — the row, the field in Chinese, the reason. */
export function issueText(i: CsvIssue, rowWord = '行'): string {
  const field = i.column ? `${FIELD_LABELS[i.column] ?? i.column}：` : '';
  return `第 ${i.line} ${rowWord} · ${field}${i.message}`;
}

const BLANK_ROWS = 2;

/** The 编辑联系人 form on a bureau page (admins with contacts.edit on the bureau). */
export function contactsEditForm(code: string, rows: ContactFormRow[], issues: CsvIssue[]): SafeHtml {
  const all = [
    ...rows,
    ...Array.from({ length: BLANK_ROWS }, () => ({ role: '', name: '', title: '', email: '', phone: '' })),
  ];
  return html`<section class="card contacts-edit" id="edit-contacts">
    <h2>编辑联系人</h2>
    ${
      issues.length
        ? html`<div class="alert alert-error contact-errors" role="alert">
            <p>未保存，请修正以下问题：</p>
            <ul>
              ${issues.map((i) => html`<li>${issueText(i, '条')}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/console/bureaus/${code}/contacts" class="contact-form">
      ${all.map(
        (r, i) => html`<fieldset class="contact-row">
          <legend>${i < rows.length ? `第 ${i + 1} 条` : '新增联系人'}</legend>
          <div class="form-grid">
            <label
              >职责
              <select name="c[${i}][role]" id="c${i}-role">
                <option value="">—</option>
                ${CONTACT_ROLES.map(
                  (role) =>
                    html`<option value="${role}"${r.role === role ? ' selected' : ''}>${CONTACT_ROLE_LABELS[role]}</option>`,
                )}
              </select></label
            >
            <label>姓名 <input name="c[${i}][name]" type="text" id="c${i}-name" value="${r.name}" maxlength="100" /></label>
            <label>职务 <input name="c[${i}][title]" type="text" id="c${i}-title" value="${r.title}" maxlength="100" /></label>
            <label
              >电子邮箱
              <input name="c[${i}][email]" id="c${i}-email" type="text" inputmode="email" value="${r.email}" maxlength="254"
            /></label>
            <label>电话 <input name="c[${i}][phone]" type="text" id="c${i}-phone" value="${r.phone}" maxlength="50" /></label>
            ${
              i < rows.length
                ? html`<label class="check"><input type="checkbox" name="c[${i}][remove]" value="1" /> 删除</label>`
                : ''
            }
          </div>
        </fieldset>`,
      )}
      <p class="muted">留空的新增行会被忽略。保存后本单位的联系人以此表为准。</p>
      <button class="btn" type="submit">保存联系人</button>
    </form>
  </section>`;
}

export interface ImportModel {
  csv: string;
  preview: { rows: ContactCsvRow[]; issues: CsvIssue[]; valid: number } | null;
  msg: string;
  err: string;
}

function previewTable(p: NonNullable<ImportModel['preview']>): SafeHtml {
  const byLine = new Map<number, CsvIssue[]>();
  for (const i of p.issues) byLine.set(i.line, [...(byLine.get(i.line) ?? []), i]);
  return html`<section class="card import-preview">
    <h2>预览 <span class="muted">(${p.rows.length} 行，${p.issues.length} 个问题)</span></h2>
    ${
      p.issues.length
        ? html`<div class="alert alert-error row-errors" role="alert">
            <p>文件有错误，不能导入：</p>
            <ul>
              ${p.issues.map((i) => html`<li class="row-error">${issueText(i)}</li>`)}
            </ul>
          </div>`
        : html`<div class="alert alert-info preview-ok" role="status">
            全部 ${p.valid} 条联系人有效，可以导入。导入将替换文件中出现的单位的全部联系人。
          </div>`
    }
    <div class="table-scroll">
      <table class="data">
        <thead>
          <tr>
            <th class="num">行</th>
            <th>单位</th>
            <th>职责</th>
            <th>姓名</th>
            <th>职务</th>
            <th>电子邮箱</th>
            <th>电话</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          ${p.rows.map((r) => {
            const bad = byLine.get(r.line);
            return html`<tr class="${bad ? 'bad-row' : ''}">
              <td class="num">${r.line}</td>
              <td>${r.bureauCode || r.bureauName}</td>
              <td>${r.role}</td>
              <td>${r.name}</td>
              <td>${r.title}</td>
              <td>${r.email}</td>
              <td>${r.phone}</td>
              <td>${bad ? html`<span class="badge badge-bad">错误</span>` : html`<span class="badge">有效</span>`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** /console/bureaus/contacts/import: paste a contacts CSV, 预览 the rows and their errors, 导入 all or nothing. */
export function renderContactsImport(principal: Principal, m: ImportModel): string {
  const body = html`<div class="page-head">
      <div>
        <h1>导入联系人</h1>
        <p class="muted">
          粘贴 CSV（列：bureau_code,role,name,title,email,phone；role 为 head/deputy/liaison/office 或 主要负责人 等）。
          文件中出现的单位，其联系人将被整体替换；任何一行有错误则不导入。
        </p>
      </div>
    </div>
    ${m.msg ? html`<div class="alert alert-info" role="status">${m.msg}</div>` : ''}
    ${m.err ? html`<div class="alert alert-error" role="alert">${m.err}</div>` : ''}
    <section class="card">
      <form method="post" action="/console/bureaus/contacts/import" class="import-form">
        <label for="csv">CSV 内容（不超过 1 万字符；更大的文件请分批导入，或用 API POST /api/organisation/contacts.csv）</label>
        <textarea id="csv" name="csv" rows="10" maxlength="10000" spellcheck="false">${m.csv}</textarea>
        <div class="row">
          <button class="btn btn-light" type="submit" name="op" value="preview">预览</button>
          <button class="btn" type="submit" name="op" value="import">导入</button>
        </div>
      </form>
    </section>
    ${m.preview ? previewTable(m.preview) : ''}`;
  return renderPage({ title: '导入联系人', principal, active: 'bureaus', body });
}
