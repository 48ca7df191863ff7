import type { Principal } from '../auth/roles';
import { html } from '../console/html';
import { renderPage } from '../console/layout';
import { formatShanghai } from '../notifications/time-format';
import { briefingBody } from './briefing-body.view';
import { briefingTitle, kindLabel } from './briefing-content';
import { BriefingRecord } from './briefing.types';
import { BriefingsRepository } from './briefings.repository';

type ArchiveRow = Awaited<ReturnType<BriefingsRepository['archive']>>[number];

const KINDS = [
  ['', '全部'],
  ['daily', '日报'],
  ['weekly', '周报'],
] as const;

/** The archive: every sent briefing of the viewer's subtree, newest first, filtered by kind. */
export function renderArchivePage(p: Principal, rows: ArchiveRow[], kind: string | undefined): string {
  const filter = html`<nav class="tabs" aria-label="简报类型">
    ${KINDS.map(
      ([k, label]) =>
        html`<a href="/console/briefings${k ? `?kind=${k}` : ''}" class="${(kind ?? '') === k ? 'active' : ''}">${label}</a>`,
    )}
  </nav>`;
  const table = rows.length
    ? html`<table class="data">
        <thead><tr><th>简报</th><th>期次</th><th>负面舆情</th><th>发送时间</th><th>收件人</th><th>下载</th></tr></thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <td><a href="/console/briefings/${r.id}">${r.scopeName}${kindLabel(r.kind)}</a></td>
              <td>${r.period}</td>
              <td class="num">${r.incidents}</td>
              <td>${formatShanghai(new Date(r.sentAt))}</td>
              <td class="num">${r.recipients}</td>
              <td><a href="/api/briefings/${r.id}/docx">Word</a> · <a href="/console/briefings/${r.id}/print">打印</a></td>
            </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="muted">暂无简报。日报于每个工作日 08:30、周报于每周一 08:30 自动生成并发送。</p>`;
  return renderPage({
    title: '舆情简报',
    principal: p,
    active: 'briefings',
    body: html`<h1>舆情日报 / 周报</h1>
      ${filter} ${table}`,
  });
}

export function renderBriefingPage(p: Principal, b: BriefingRecord): string {
  return renderPage({
    title: briefingTitle(b.snapshot),
    principal: p,
    active: 'briefings',
    body: html`<p class="no-print">
        <a href="/console/briefings">← 简报列表</a> ·
        <a href="/api/briefings/${b.id}/docx">下载 Word</a> ·
        <a href="/console/briefings/${b.id}/print">打印版</a>
      </p>
      <article class="briefing">${briefingBody(b)}</article>`,
  });
}
