import { can } from '../../auth/policy/policy';
import { findingEvidenceText } from '../findings/finding-evidence.text';
import type { Principal } from '../../auth/roles';
import { html, raw, SafeHtml } from '../../console/html';
import { assetUrl } from '../../console/console-assets';
import { renderPage } from '../../console/layout';
import { GRADE_LABELS, Grade, STATUS_LABELS, IncidentStatus } from '../../incidents/incident.types';
import { formatShanghai } from '../../notifications/time-format';
import { flash } from '../../incidents/console/incident-console.parts';
import { CONTACT_ROLE_LABELS, ContactRole } from '../../organisation/organisation.types';
import type { IncidentEscalationView, NotificationEntry } from './escalation-view.service';
import {
  CLOCK_KIND_LABELS,
  CLOCK_STATUS_LABELS,
  ClockRow,
  FINDING_LABELS,
  FindingKind,
  ACTION_LABELS,
  ActionKind,
} from '../escalation.types';
import { MANUAL_ACTIONS } from '../incident/manual-actions.service';
import { secondsLate } from '../findings/reporting-findings';
import { firstReportOutstanding } from '../incident/upward-reports.service';
import { reportLine } from '../../incidents/triage/report-form';

const REASONS: Record<string, string> = {
  start: '首次通知',
  step: '超时督办',
  repeat: '再次督办',
  acknowledged: '签收告知',
  closed: '办结告知',
  reopened: '重新打开告知',
  reassigned: '移交通知',
  extension_request: '延期待审批',
  extension_decision: '延期审批结果',
  reported: '上报告知',
  unreached: '无人接收告警',
  review_requested: '申请复核提醒',
};
/** In place of a person whose contact details the viewer may not read (contacts.view). */
const HIDDEN = '（联系方式不在您的查看范围内）';
/** Contacts by their directory role; monitoring staff (users, told of a 申请复核) by theirs. */
const roleLabel = (r: string | null) =>
  r ? (CONTACT_ROLE_LABELS[r as ContactRole] ?? (r === 'monitor' ? '舆情监测岗' : r)) : '';
/** A reason added later without a label here still reads as Chinese, never as the raw key. */
const reasonLabel = (r: string) => REASONS[r] ?? '其他通知';
const DELIVERY: Record<string, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已送达',
  failed: '发送失败',
  bundled: '已合并',
  skipped: '已跳过',
};

/** Live countdowns (src/console/assets/escalation-countdown.js.ts): a served file, as the CSP allows no inline script. */
export const COUNTDOWN_SCRIPT = html`<script src="${assetUrl('escalation-countdown.js')}" defer></script>`;

// On phones the tables scroll inside their card (console.css) instead of squeezing each column to one character wide.
export const PAGE_STYLE = raw(`<style>
.esc table{border-collapse:collapse;width:100%;margin:8px 0 18px}
.esc th,.esc td{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
.esc .countdown{font-weight:bold;color:#047857}.esc .countdown.overdue{color:#b91c1c}
.esc .status-met{color:#047857}.esc .status-missed{color:#b91c1c;font-weight:bold}.esc .status-cancelled{color:#6b7280}
.esc .met-report{color:#374151;font-weight:normal}
.esc .attempts{margin:0;padding-left:18px;color:#4b5563;font-size:12px}
.esc .recipient h3{font-size:15px;margin:14px 0 4px}
.esc form.inline{display:inline}
.esc .btn{white-space:nowrap}
@media (max-width:760px){.esc th,.esc td{min-width:6.5em}.esc td code{word-break:break-all}}
</style>`);

function clockCell(c: ClockRow, now: Date): SafeHtml {
  if (c.status === 'running' || c.status === 'missed') {
    return html`<span class="countdown${c.dueAt <= now ? ' overdue' : ''}" data-due="${c.dueAt.getTime()}"></span>`;
  }
  return html`<span class="status-${c.status}">${CLOCK_STATUS_LABELS[c.status]}${c.metAt ? html`（${formatShanghai(c.metAt)}${secondsLate(c.dueAt, c.metAt) > 0 ? '，逾期' : ''}）` : ''}</span>`;
}

/**
 * "标记完成" for the clocks no transition meets, shown only to whom ManualActionsService will allow it (the incident's
 * 上报/回应 rule); a written report asks for its 文号 and addressee, and waits for the 首报 (DOMAIN.md).
 */
function meetControl(p: Principal, v: IncidentEscalationView, c: ClockRow): SafeHtml | string {
  const action = MANUAL_ACTIONS[c.kind];
  if (!action || (c.status !== 'running' && c.status !== 'missed')) return '';
  if (!can(p, action, v.incidentSubject)) return '';
  const url = `/console/escalation/incidents/${v.incident.id}/clocks/${c.kind}/meet`;
  if (c.kind !== 'written_report')
    return html`<form class="inline" method="post" action="${url}"><button type="submit" class="btn btn-light">标记完成</button></form>`;
  if (firstReportOutstanding(v.clocks)) return html`<span class="muted">首报完成后登记</span>`;
  return html`<form class="inline" method="post" action="${url}">
    <input name="reportedTo" required maxlength="200" placeholder="报送对象" aria-label="报送对象" />
    <input name="reference" required maxlength="100" placeholder="文号" aria-label="文号" />
    <button type="submit" class="btn btn-light">登记书面报告</button></form>`;
}

/** How, to whom and under which 文号 the report that met a 首报 or 书面报告 went (the 上报 form's own line). */
function metReport(v: IncidentEscalationView, c: ClockRow): SafeHtml | string {
  const report = c.status === 'met' ? v.reports[c.id] : undefined;
  return report ? html`<br /><small class="met-report">${reportLine(report)}</small>` : '';
}

function clocksTable(p: Principal, v: IncidentEscalationView, now: Date): SafeHtml {
  if (!v.clocks.length) return html`<p class="muted">尚未启动时限（事件确认后自动开始计时）。</p>`;
  return html`<table class="clocks">
    <tr><th>时限</th><th>开始</th><th>截止（北京时间）</th><th>状态</th><th>剩余</th><th>下一步督办</th><th></th></tr>
    ${v.clocks.map(
      (c) => html`<tr data-clock-kind="${c.kind}" data-clock-status="${c.status}">
        <td>${CLOCK_KIND_LABELS[c.kind]}</td>
        <td>${formatShanghai(c.startedAt)}</td>
        <td>${formatShanghai(c.dueAt)}</td>
        <td class="status-${c.status}">${CLOCK_STATUS_LABELS[c.status]}${metReport(v, c)}</td>
        <td>${clockCell(c, now)}</td>
        <td>${c.nextStepAt ? `${formatShanghai(c.nextStepAt)}（第 ${Math.min(c.stepIndex + 1, c.policySnapshot.clock.steps.length)} 级）` : '—'}</td>
        <td>${meetControl(p, v, c)}</td>
      </tr>`,
    )}
  </table>
  <p class="muted">策略：${v.clocks[0].policySnapshot.policyKey} 第 ${v.clocks[0].policySnapshot.version} 版（启动时快照，之后修改策略不影响本事件）</p>`;
}

function attempts(n: NotificationEntry): SafeHtml {
  if (!n.attempts.length) return html`<span class="muted">尚无发送记录</span>`;
  return html`<ul class="attempts">
    ${n.attempts.map((a) => html`<li>${formatShanghai(a.at, { seconds: true })} ${a.result === 'sent' ? '发送成功' : a.result === 'failed' ? (a.transient ? '发送失败（将重试）' : '发送失败') : '跳过'}${a.response ? `：${a.response}` : ''}</li>`)}
  </ul>`;
}

function notificationLog(v: IncidentEscalationView): SafeHtml {
  if (!v.notifications.length) return html`<p class="muted">尚无通知。</p>`;
  const byRecipient = new Map<string, NotificationEntry[]>();
  for (const n of v.notifications) {
    // people whose contacts the viewer may not read are grouped by the role and bureau they were mailed as
    const key = n.recipientEmail?.toLowerCase() ?? `${n.recipientRole}@${n.recipientBureauCode}`;
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), n]);
  }
  return html`${[...byRecipient.values()].map((list) => {
    const first = list[0];
    const who = first.recipientEmail
      ? html`&lt;${first.recipientEmail}&gt;`
      : html`<span class="muted">${HIDDEN}</span>`;
    return html`<div class="recipient" data-recipient="${first.recipientEmail ?? ''}">
      <h3>${first.recipientName ?? ''}（${roleLabel(first.recipientRole)}，${first.recipientBureauCode ?? ''}）${who}</h3>
      <table>
        <tr><th>入队时间</th><th>原因</th><th>时限</th><th>邮件主题</th><th>投递</th><th>发送记录</th></tr>
        ${list.map(
          (n) => html`<tr>
            <td>${formatShanghai(n.queuedAt, { seconds: true })}</td>
            <td>${reasonLabel(n.reason)}${n.stepNo !== null ? `（第 ${n.stepNo + 1} 级${n.repeat ? `，第 ${n.repeat} 次重复` : ''}）` : ''}${n.fallbackFrom.length ? html`<br /><small>（${n.fallbackFrom.join('、')} 无联系人，改送上级）</small>` : ''}</td>
            <td>${n.clockKind ? CLOCK_KIND_LABELS[n.clockKind as ClockRow['kind']] : '—'}</td>
            <td>${n.subject}</td>
            <td>${DELIVERY[n.deliveryStatus] ?? n.deliveryStatus}${n.bundledIntoId ? html`<br /><small>合并于摘要 #${n.bundledIntoId}</small>` : ''}${n.deliveredAt ? html`<br /><small>${formatShanghai(n.deliveredAt, { seconds: true })}</small>` : ''}</td>
            <td>${attempts(n)}</td>
          </tr>`,
        )}
      </table>
    </div>`;
  })}`;
}

export function renderIncidentEscalation(
  p: Principal,
  v: IncidentEscalationView,
  now: Date,
  note: { msg?: string; err?: string } = {},
): string {
  const inc = v.incident;
  const body = html`<section class="esc" data-server-now="${now.getTime()}">
    <div class="page-head">
      <h1>时限与督办：${inc.title}</h1>
      <p>
        <span class="badge">${GRADE_LABELS[inc.grade as Grade] ?? inc.grade}</span>
        <span class="badge" data-incident-status="${inc.status}">${STATUS_LABELS[inc.status as IncidentStatus] ?? inc.status}</span>
        ${inc.bureauName ?? '未指定单位'} · <a href="/console/incidents/${inc.id}">返回事件详情</a>
      </p>
    </div>
    ${flash(note.msg, note.err)}
    <div class="card" id="clocks"><h2>办理时限</h2>${clocksTable(p, v, now)}</div>
    ${
      v.findings.length
        ? html`<div class="card"><h2>迟报、漏报、瞒报记录</h2><table><tr><th>类型</th><th>单位</th><th>认定时间</th><th>依据</th></tr>
          ${v.findings.map((f) => html`<tr><td>${FINDING_LABELS[f.kind as FindingKind] ?? f.kind}</td><td>${f.bureauCode}</td><td>${formatShanghai(f.foundAt)}</td><td class="finding-evidence">${findingEvidenceText(f.kind, f.evidence)}</td></tr>`)}
        </table></div>`
        : ''
    }
    ${
      v.linkUses.length
        ? html`<div class="card"><h2>邮件链接办理记录</h2><table><tr><th>操作</th><th>办理人</th><th>时间</th><th>IP</th></tr>
          ${v.linkUses.map((l) => html`<tr><td>${ACTION_LABELS[l.action as ActionKind] ?? l.action}</td><td>${l.recipientEmail ?? HIDDEN}</td><td>${formatShanghai(l.usedAt, { seconds: true })}</td><td>${l.usedIp ?? ''}</td></tr>`)}
        </table></div>`
        : ''
    }
    ${
      v.extensions.length
        ? html`<div class="card"><h2>延期申请</h2><table><tr><th>时限</th><th>申请人</th><th>申请延至</th><th>理由</th><th>状态</th></tr>
          ${v.extensions.map((e) => html`<tr><td>${CLOCK_KIND_LABELS[e.clockKind as ClockRow['kind']]}</td><td>${e.requestedByName ?? e.requestedByEmail}</td><td>${formatShanghai(e.requestedDueAt)}</td><td>${e.reason}</td><td>${e.status === 'pending' ? '待审批' : e.status === 'approved' ? '已批准' : '已驳回'}${e.decidedByLabel ? `（${e.decidedByLabel}）` : ''}</td></tr>`)}
        </table></div>`
        : ''
    }
    <div class="card"><h2>通知记录（按收件人）</h2>${notificationLog(v)}</div>
  </section>`;
  return renderPage({
    title: `时限与督办 · ${inc.title}`,
    principal: p,
    active: 'incidents',
    body,
    head: PAGE_STYLE,
    scripts: COUNTDOWN_SCRIPT,
  });
}
