import { assetUrl } from '../../console/console-assets';
import { html, SafeHtml } from '../../console/html';
import { ROLE_LABELS, ROLES, Role } from '../roles';

/** A picker option: one bureau the admin may give. */
export interface BureauOption {
  code: string;
  name: string;
  /** The bureau already chosen, kept on top although the query did not find it. */
  kept?: boolean;
}

/** The users pages' own stylesheet and picker script (served files: the CSP forbids inline script). */
export const USER_PAGES_HEAD = html`<link rel="stylesheet" href="${assetUrl('users.css')}" />`;
export const USER_PAGES_SCRIPTS = html`<script src="${assetUrl('users.js')}" defer></script>`;

export function flash(msg?: string, err?: string): SafeHtml {
  return html`${msg && html`<div class="alert alert-info" role="status">${msg}</div>`}${
    err && html`<div class="alert alert-error" role="alert">${err}</div>`
  }`;
}

export function roleSelect(selected: string | undefined): SafeHtml {
  return html`<select name="role" id="role" required>
    ${ROLES.map(
      (r: Role) =>
        html`<option value="${r}" ${r === selected ? html` selected` : ''}>${ROLE_LABELS[r]}</option>`,
    )}
  </select>`;
}

/**
 * 所属单位 picker. Without JavaScript the 查找单位 button re-opens the same page by GET with the query (bq) and the
 * form's other fields, and the matches come back as radio buttons; users.js searches /api/bureaus as one types and
 * replaces the options in place. Only bureaus within the admin's reach are ever offered (the search is scoped).
 */
export function bureauPicker(opts: {
  searchAction: string;
  q: string;
  options: BureauOption[];
  selected: string | null;
}): SafeHtml {
  return html`<fieldset class="picker" data-bureau-picker>
    <legend>所属单位（管辖范围）</legend>
    <div class="picker-search">
      <input
        type="search"
        name="bq"
        value="${opts.q}"
        maxlength="50"
        placeholder="输入单位名称或代码，如 南山"
        aria-label="查找单位"
        autocomplete="off"
        data-picker-query
      />
      <button type="submit" class="btn btn-light" formmethod="get" formaction="${opts.searchAction}" formnovalidate>
        查找单位
      </button>
    </div>
    <ul class="picker-options" data-picker-options aria-live="polite">
      ${opts.options.every((o) => o.kept) && html`<li class="empty">没有找到您管辖范围内的匹配单位</li>`}
      ${opts.options.map(
        (b) =>
          html`<li>
                <label
                  ><input
                    type="radio"
                    name="bureauCode"
                    value="${b.code}"
                    required
                    ${b.code === opts.selected ? html` checked` : ''}
                  />
                  <span class="picker-name">${b.name}</span> <span class="code">${b.code}</span></label
                >
              </li>`,
      )}
    </ul>
  </fieldset>`;
}

export function formatTime(d: Date | string | null): string {
  if (!d) return '—';
  const date = new Date(d);
  // Beijing time: the service's users are in China whatever the server's zone.
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}
