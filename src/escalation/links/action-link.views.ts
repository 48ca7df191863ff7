import { html, raw, SafeHtml } from '../../console/html';
import { renderPublicPage } from '../../console/layout';
import { CONTACT_ROLE_LABELS } from '../../organisation/organisation.types';
import { formatDuration, formatShanghai } from '../../notifications/time-format';
import type { LinkForm, LinkRefusal, LinkView } from './action-links.service';
import { ACTION_LABELS, CLOCK_KIND_LABELS, CLOCK_STATUS_LABELS } from '../escalation.types';
import { toShanghaiLocalInput } from '../engine/local-time';

const STYLE = raw(`<style>
.link-card{max-width:720px;margin:24px auto;background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:24px}
.link-card h1{font-size:20px;margin:0 0 12px}
.link-card .who{color:#4b5563;margin:0 0 16px}
.link-card form label{display:block;margin:12px 0 4px;font-weight:bold}
.link-card input[type=text],.link-card textarea,.link-card select,.link-card input[type=datetime-local]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #d1d5db;border-radius:4px;font-size:15px}
.link-card .choice{font-weight:normal;display:inline-block;margin-right:16px}
.link-card button{margin-top:18px;padding:10px 24px;font-size:16px;background:#b91c1c;color:#fff;border:0;border-radius:4px;cursor:pointer}
.link-card .error{background:#fef2f2;border-left:4px solid #b91c1c;padding:10px 14px;margin:12px 0}
.link-card .done{background:#ecfdf5;border-left:4px solid #047857;padding:12px 14px;margin:12px 0;font-size:16px}
.link-card table.deadlines{border-collapse:collapse;width:100%;margin:8px 0 16px}
.link-card table.deadlines td,.link-card table.deadlines th{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left}
</style>`);

const EXPLAIN: Record<string, string> = {
  acknowledge: '确认签收后，系统将记录签收时间，停止“签收”时限的督办提醒；上报与回应时限继续计时。',
  report: '记录本单位已向上级报告（首报或书面报告），系统将据此停止相应时限的督办提醒。',
  review: '如认为该事件为误报，请说明理由，舆情监测岗将重新研判。研判前各项时限继续计时。',
  extension:
    '如确有困难需要延长时限，请说明理由和申请延至的时间，由上级单位负责人审批。审批前原时限仍然有效。',
};

function deadlines(v: LinkView, now: Date): SafeHtml {
  const rows = v.clocks.filter((c) => c.status !== 'cancelled');
  if (!rows.length) return html``;
  return html`<table class="deadlines">
    <tr><th>时限</th><th>截止时间</th><th>状态</th></tr>
    ${rows.map(
      (c) => html`<tr>
        <td>${CLOCK_KIND_LABELS[c.kind]}</td>
        <td>${formatShanghai(c.dueAt)}</td>
        <td>${c.status === 'running' || c.status === 'missed' ? formatDuration(c.dueAt.getTime() - now.getTime()) : CLOCK_STATUS_LABELS[c.status]}</td>
      </tr>`,
    )}
  </table>`;
}

function fields(v: LinkView, form: LinkForm, now: Date): SafeHtml {
  switch (v.link.action) {
    case 'acknowledge':
      return html``;
    case 'report':
      return html`<label>报告方式</label>
        <span class="choice"><input type="radio" name="reportType" value="phone" id="rt-phone" ${form.reportType !== 'written' ? raw('checked') : ''} /> <label class="choice" for="rt-phone">电话/口头首报</label></span>
        <span class="choice"><input type="radio" name="reportType" value="written" id="rt-written" ${form.reportType === 'written' ? raw('checked') : ''} /> <label class="choice" for="rt-written">书面报告</label></span>
        <label for="reportedTo">报送对象</label>
        <input type="text" id="reportedTo" name="reportedTo" maxlength="200" required value="${form.reportedTo ?? ''}" placeholder="如：上级税务局办公室、当地党委政府" />
        <label for="reference">文号（书面报告必填）</label>
        <input type="text" id="reference" name="reference" maxlength="100" value="${form.reference ?? ''}" placeholder="如：穗天税发〔2026〕12号" />`;
    case 'review':
      return html`<label for="reason">复核理由</label>
        <textarea id="reason" name="reason" rows="4" maxlength="2000" required>${form.reason ?? ''}</textarea>`;
    case 'extension': {
      const live = v.clocks.filter((c) => c.status === 'running' || c.status === 'missed');
      const first = live[0];
      return html`<label for="clockId">延期的时限</label>
        <select id="clockId" name="clockId">
          ${live.map((c) => html`<option value="${c.id}" ${form.clockId === c.id ? raw('selected') : ''}>${CLOCK_KIND_LABELS[c.kind]}（当前截止 ${formatShanghai(c.dueAt)}）</option>`)}
        </select>
        <label for="requestedDue">申请延至（北京时间）</label>
        <input type="datetime-local" id="requestedDue" name="requestedDue" required
          value="${form.requestedDue ?? (first ? toShanghaiLocalInput(new Date(Math.max(first.dueAt.getTime(), now.getTime()) + 3600_000)) : '')}" />
        <label for="reason">延期理由</label>
        <textarea id="reason" name="reason" rows="4" maxlength="2000" required>${form.reason ?? ''}</textarea>`;
    }
  }
}

function header(v: LinkView): SafeHtml {
  const l = v.link;
  const role = l.recipientRole ? CONTACT_ROLE_LABELS[l.recipientRole] : '';
  return html`<p class="who">${l.recipientName ?? ''}${role ? `（${role}）` : ''} · ${l.recipientEmail}</p>
    <div class="summary">${raw(v.subject.summaryHtml)}</div>`;
}

/** GET: what the link will do, and a button to do it (nothing happens until it is pressed). */
export function renderLinkConfirm(
  v: LinkView,
  token: string,
  now: Date,
  form: LinkForm = {},
  error?: string,
): string {
  const label = ACTION_LABELS[v.link.action];
  const body = html`<section class="link-card">
    <h1>${label}：${v.subject.label ? `${v.subject.label}｜` : ''}${v.subject.title}</h1>
    ${header(v)}
    ${deadlines(v, now)}
    <p>${EXPLAIN[v.link.action]}</p>
    ${error ? html`<div class="error" role="alert">${error}</div>` : ''}
    <form method="post" action="/links/${token}">
      ${fields(v, form, now)}
      <button type="submit" data-busy="正在提交…">确认${label}</button>
    </form>
  </section>`;
  return renderPublicPage({ title: label, body, head: STYLE });
}

/** POST done: confirms what was recorded. */
export function renderLinkDone(v: LinkView, message: string, now: Date): string {
  const label = ACTION_LABELS[v.link.action];
  const body = html`<section class="link-card">
    <h1>${label}：${v.subject.title}</h1>
    <div class="done" role="status">${message}</div>
    <p>办理时间：${formatShanghai(now, { seconds: true })}（北京时间）。本链接已失效。</p>
    ${deadlines(v, now)}
    <p><a href="${v.subject.consoleUrl}">登录控制台查看事件详情</a></p>
  </section>`;
  return renderPublicPage({ title: `${label}成功`, body, head: STYLE });
}

export function renderLinkRefused(r: LinkRefusal): string {
  const body = html`<section class="link-card">
    <h1>${r.title}</h1>
    <div class="error" role="alert">${r.message}</div>
  </section>`;
  return renderPublicPage({ title: r.title, body, head: STYLE });
}
