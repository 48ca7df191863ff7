import type { Principal } from '../../auth/roles';
import { html } from '../../console/html';
import { renderPage } from '../../console/layout';
import { formatShanghai } from '../../notifications/time-format';
import { statusLabel } from './supervision-xlsx';
import { SupervisionMatter } from './supervision.types';

const STATUSES = [
  ['', '全部'],
  ['open', '办理中'],
  ['overdue', '逾期未办'],
  ['answered', '已办结'],
  ['late', '迟报'],
] as const;

/** The ledger: filters (status, responsible unit), the matters, the XLSX export, and the form to open a matter. */
export function renderLedgerPage(
  p: Principal,
  rows: SupervisionMatter[],
  f: { status?: string; bureau?: string },
  error?: string,
): string {
  const q = new URLSearchParams({
    ...(f.status ? { status: f.status } : {}),
    ...(f.bureau ? { bureau: f.bureau } : {}),
  });
  return renderPage({
    title: '督办台账',
    principal: p,
    active: 'supervision',
    body: html`<h1>督办台账</h1>
      ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
      <form method="get" action="/console/supervision" class="filters">
        <label>状态 <select name="status">${STATUSES.map(
          ([v, l]) =>
            html`<option value="${v}" ${v === (f.status ?? '') ? html`selected` : ''}>${l}</option>`,
        )}</select></label>
        <label>责任单位代码 <input name="bureau" value="${f.bureau ?? ''}" size="8" /></label>
        <button type="submit">筛选</button>
        <a href="/console/supervision.xlsx${q.size ? `?${q}` : ''}">导出 Excel</a>
      </form>
      ${
        rows.length
          ? html`<table class="data">
            <thead><tr><th>编号</th><th>督办事项</th><th>督办单位</th><th>责任单位</th><th>办理时限</th><th>状态</th></tr></thead>
            <tbody>${rows.map(
              (m) => html`<tr class="${m.overdue || m.late ? 'warn' : ''}">
                <td>${m.id}</td><td><a href="/console/supervision/${m.id}">${m.title}</a></td>
                <td>${m.issuerName}</td><td>${m.bureauName}</td>
                <td>${formatShanghai(new Date(m.dueAt))}</td><td>${statusLabel(m)}</td></tr>`,
            )}</tbody>
          </table>`
          : html`<p class="muted">暂无督办事项。</p>`
      }
      <form method="post" action="/console/supervision" class="card">
        <h2>新建督办事项</h2>
        <label class="stack">标题<input name="title" maxlength="200" required /></label>
        <label class="stack">督办要求<textarea name="instruction" rows="4" required></textarea></label>
        <label class="stack">报送要求<input name="requiredReport" maxlength="2000" /></label>
        <label class="stack">责任单位代码<input name="bureauCode" maxlength="6" required /></label>
        <label class="stack">办理时限（当日 17:30 截止）<input type="date" name="dueDate" required /></label>
        <button type="submit">下发督办</button>
      </form>`,
  });
}

export function renderMatterPage(
  p: Principal,
  m: SupervisionMatter,
  canAnswer: boolean,
  error?: string,
): string {
  return renderPage({
    title: m.title,
    principal: p,
    active: 'supervision',
    body: html`<p><a href="/console/supervision">← 督办台账</a></p>
      <h1>${m.title}</h1>
      ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
      <dl class="facts">
        <dt>督办单位</dt><dd>${m.issuerName}</dd>
        <dt>责任单位</dt><dd>${m.bureauName}</dd>
        <dt>办理时限</dt><dd>${formatShanghai(new Date(m.dueAt))}</dd>
        <dt>状态</dt><dd>${statusLabel(m)}</dd>
        <dt>督办要求</dt><dd>${m.instruction}</dd>
        ${m.requiredReport ? html`<dt>报送要求</dt><dd>${m.requiredReport}</dd>` : ''}
        ${m.answer ? html`<dt>办理情况</dt><dd>${m.answer}（${m.answeredBy}，${formatShanghai(new Date(m.answeredAt!))}）</dd>` : ''}
      </dl>
      <p class="muted">逾期将按规定逐级提醒督办；需要延期的，请通过提醒邮件中的“申请延期”链接提出，由上级单位在<a href="/console/escalation/extensions">延期审批</a>中决定。</p>
      ${
        canAnswer
          ? html`<form method="post" action="/console/supervision/${m.id}/answer" class="card">
            <h2>报送办理情况</h2>
            <textarea name="answer" rows="6" required maxlength="20000"></textarea>
            <button type="submit">报送</button>
          </form>`
          : ''
      }`,
  });
}
