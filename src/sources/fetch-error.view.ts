import { html, SafeHtml } from '../console/html';
import { FETCH_ERROR_LABELS } from '../ingestion/fetch/fetch-error-labels';

/**
 * A stored fetch error as the console shows it: the Chinese label the CLI and 立即检查 use (FETCH_ERROR_LABELS, the
 * one mapping) first, the fetcher's own words after it in small text, so staff can still quote them when reporting.
 */
export function fetchErrorLabel(kind: string | null): string {
  if (kind === null) return '采集错误';
  return Object.hasOwn(FETCH_ERROR_LABELS, kind)
    ? FETCH_ERROR_LABELS[kind as keyof typeof FETCH_ERROR_LABELS]
    : kind; // a kind from a newer or older fetcher: shown as stored rather than hidden
}

/** Label, then the detail (cut to `max` characters, the whole of it in the title attribute). */
export function fetchErrorHtml(kind: string | null, detail: string | null, max?: number): SafeHtml {
  const shown = detail && max !== undefined && detail.length > max ? `${detail.slice(0, max)}…` : detail;
  return html`<span class="fetch-error">${fetchErrorLabel(kind)}</span>${
    detail ? html` <small class="muted fetch-error-detail" title="${detail}">${shown}</small>` : ''
  }`;
}
