import { html, SafeHtml } from '../../console/html';
import { formatShanghai } from '../../notifications/time-format';
import {
  AuthorityTier,
  Grade,
  GRADE_LABELS,
  IncidentStatus,
  STATUS_LABELS,
  TIER_LABELS,
} from '../incident.types';

const GRADE_SHORT: Record<Grade, string> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' };

export function gradeBadge(g: string): SafeHtml {
  const grade = g as Grade;
  return html`<span class="grade grade-${grade}" title="${GRADE_LABELS[grade] ?? g}">${GRADE_SHORT[grade] ?? g}</span>`;
}

export function statusBadge(s: string): SafeHtml {
  return html`<span class="status status-${s}">${STATUS_LABELS[s as IncidentStatus] ?? s}</span>`;
}

export function tierLabel(t: string | null): string {
  return t ? (TIER_LABELS[t as AuthorityTier] ?? t) : '—';
}

export function time(d: Date | string | null | undefined): SafeHtml {
  if (!d) return html`—`;
  const date = d instanceof Date ? d : new Date(d);
  return html`<time datetime="${date.toISOString()}">${formatShanghai(date)}</time>`;
}

/** Messages carried across a form POST's redirect (?msg= / ?err=). */
export function flash(msg?: string, err?: string): SafeHtml {
  return html`${msg && html`<div class="alert alert-info flash" role="status">${msg}</div>`}${
    err && html`<div class="alert alert-error flash" role="alert">${err}</div>`
  }`;
}

/** Keys for the queue's keyboard shortcuts, shown on the page so they can be discovered. */
export const SHORTCUTS: [string, string][] = [
  ['j / n', '下一条'],
  ['k', '上一条'],
  ['Enter / o', '打开'],
  ['c', '确认'],
  ['d', '排除（选择原因）'],
  ['r', '立即刷新'],
];
