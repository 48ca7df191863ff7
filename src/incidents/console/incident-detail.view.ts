import type { Principal } from '../../auth/roles';
import { can } from '../../auth/policy/policy';
import { html, raw, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import { actionPanel } from './incident-actions.view';
import type { TypedReportForm } from '../triage/report-form';
import { assetUrl } from '../../console/console-assets';
import { INCIDENT_CSS } from './incident-console.assets';
import { flash, gradeBadge, statusBadge, tierLabel, time } from './incident-console.parts';
import type { IncidentDetail, IncidentEventView, IncidentItemView } from '../query/incident-detail.service';
import { highlightEvidence, Reason } from '../assessment/incident-evidence';
import { alertSummary, groupReasons } from '../assessment/incident-reasons';
import { spreadChart } from './incident-spread-chart';
import { ACTION_LABELS } from '../triage/incident-state';
import { CLOCK_KIND_LABELS, ClockKind } from '../../escalation/escalation.types';
import { GRADE_LABELS, Grade, STATUS_LABELS, IncidentStatus, TransitionAction } from '../incident.types';

const EVENT_LABELS: Record<string, string> = {
  created: '系统发现事件',
  items_added: '新增转载',
  grade_raised: '传播升级',
  regrade: '调整等级',
  recategorise: '调整类别',
  reassign: '改派单位',
  comment: '备注',
  claim: '认领',
  release: '释放认领',
  merged: '合并入其他事件',
  merged_into: '已合并到其他事件',
  split: '拆分',
  linked: '关联其他单位的同一事件',
  // written by the escalation engine (src/escalation)
  escalation_started: '启动处置时限',
  deadlines_tightened: '等级上调，时限收紧',
  deadline_met: '按时完成',
  deadline_missed: '超过时限',
  deadline_extended: '延期获批',
  extension_requested: '申请延期',
  extension_refused: '延期未获批准',
  escalation_step: '逐级提醒',
  escalation_step_skipped: '提醒未发出（无可通知人员）',
  escalation_no_recipients: '无可通知人员',
  routing_fallback: '按默认规则交办',
  reporting_finding: '记录报告问题',
  review_requested: '申请复核',
  review_answered: '复核结论',
  written_report: '书面报告',
};

/** Never an internal action name on screen: an action this page does not know yet reads 「其他操作」. */
function eventLabel(e: IncidentEventView): string {
  return EVENT_LABELS[e.action] ?? ACTION_LABELS[e.action as TransitionAction] ?? '其他操作';
}

/** What changed, in words: status, grade, bureau, reason, counts. */
function eventDetail(e: IncidentEventView): string {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const parts: string[] = [];
  if (a.status && b.status && a.status !== b.status) {
    parts.push(`${STATUS_LABELS[b.status as IncidentStatus]} → ${STATUS_LABELS[a.status as IncidentStatus]}`);
  }
  if (a.reason) parts.push(`原因：${String(a.reason)}`);
  if (a.grade && b.grade) parts.push(`${GRADE_LABELS[b.grade as Grade]} → ${GRADE_LABELS[a.grade as Grade]}`);
  if ('bureauCode' in a)
    parts.push(`${String(b.bureauCode ?? '未分配')} → ${String(a.bureauCode ?? '未分配')}`);
  if (a.category) parts.push(`${String(b.category ?? '—')} → ${String(a.category)}`);
  if (e.action === 'items_added') parts.push(`新增 ${String(a.added)} 条，共 ${String(a.itemCount)} 条`);
  if (e.action === 'merged') parts.push(`并入事件 #${String(a.from)}（${String(a.items)} 条）`);
  if (e.action === 'merged_into') parts.push(`并入事件 #${String(a.into)}`);
  if (e.action === 'split') parts.push(`拆出事件 #${String(a.newIncidentId)}`);
  const kind = CLOCK_KIND_LABELS[a.kind as ClockKind];
  if (kind && e.action.startsWith('deadline')) parts.push(`时限：${kind}`);
  return parts.join('；');
}

function timeline(events: IncidentEventView[]): SafeHtml {
  return html`<ol class="timeline" id="timeline">${events.map(
    (
      e,
    ) => html`<li data-action="${e.action}"><span class="what">${eventLabel(e)}</span> <span class="when">${time(e.at)} · ${e.actorLabel}</span>
      ${eventDetail(e) && html`<div class="note">${eventDetail(e)}</div>`}${e.comment && html`<div class="note muted">${e.comment}</div>`}</li>`,
  )}</ol>`;
}

/** Why the classifier flagged the item: one line, then the highlighted phrases grouped under Chinese labels. */
function reasonsHtml(reasons: readonly Reason[]): SafeHtml | false {
  const groups = groupReasons(reasons);
  if (groups.length === 0) return false;
  const summary = alertSummary(reasons);
  return html`<div class="reasons">${summary && html`<p class="why">研判：${summary}</p>`}<ul>${groups.map(
    (g) =>
      html`<li><span class="label">${g.label}</span>${g.terms.length > 0 && html`：${g.terms.map((t) => html`<mark class="evidence">${t}</mark>`)}`}</li>`,
  )}</ul></div>`;
}

function article(i: IncidentItemView, canSplit: boolean): SafeHtml {
  const ev = highlightEvidence(i.title ?? '', i.text ?? '', Array.isArray(i.reasons) ? i.reasons : []);
  return html`<article class="article" data-item="${i.id}">
    <h3>${canSplit && html`<input type="checkbox" name="itemIds" value="${i.id}" form="split-form" aria-label="选择此条目" /> `}${
      i.url ? html`<a href="${i.url}" rel="noopener noreferrer" target="_blank">${ev.title}</a>` : ev.title
    }</h3>
    <div class="meta">${i.sourceName} · ${tierLabel(i.authorityTier)} · ${time(i.publishedAt ?? i.ingestedAt)}${i.author ? ` · ${i.author}` : ''}</div>
    <div class="body">${ev.text}</div>
    ${reasonsHtml(Array.isArray(i.reasons) ? i.reasons : [])}
  </article>`;
}

export function renderDetail(
  p: Principal,
  d: IncidentDetail,
  flashes: { msg?: string; err?: string },
  /** A refused 上报 form's values, shown again. */
  typed: TypedReportForm = {},
): string {
  const canSplit = can(p, 'incident.split', d) && !d.mergedIntoId && d.itemCount > 1;
  const body = html`<ul class="breadcrumb"><li><a href="/console/incidents">事件队列</a></li><li>事件 #${d.id}</li></ul>
    <div class="page-head"><div><h1>${gradeBadge(d.grade)} ${d.title}</h1>
      <p>${statusBadge(d.status)} · ${d.bureauName ?? '未分配单位'} · ${d.category ?? '未分类'}</p></div></div>
    ${flash(flashes.msg, flashes.err)}
    ${
      d.pendingReview &&
      html`<div class="alert alert-error" id="review-pending"><span class="review-pending">待复核</span>
        ${d.pendingReview.by} 于 ${time(d.pendingReview.at)} 申请复核：${d.pendingReview.reason}</div>`
    }
    <div class="grid-2">
      <div>
        <section class="card"><h2>传播趋势</h2>${spreadChart(d.spread)}
          <dl class="props">
            <dt>条目 / 来源</dt><dd>${d.itemCount} 条 / ${d.sourceCount} 个来源（最高：${tierLabel(d.maxAuthorityTier)}）</dd>
            <dt>热度</dt><dd>${d.heatNow}</dd>
            <dt>首次 / 最近</dt><dd>${time(d.firstSeenAt)} / ${time(d.lastSeenAt)}</dd>
            <dt>最早发布</dt><dd>${d.publishedAt ? time(d.publishedAt) : '来源未提供'}</dd>
            <dt>发现时间</dt><dd>${time(d.detectedAt)}（时限自此起算）</dd>
            ${d.regionCode && html`<dt>地区代码</dt><dd>${d.regionCode}</dd>`}
            ${d.status === 'dismissed' && html`<dt>排除原因</dt><dd>${d.dismissReason}${d.dismissComment ? `：${d.dismissComment}` : ''}</dd>`}
            ${d.linked.length > 0 && html`<dt>关联事件</dt><dd>${d.linked.map((l) => html`<a href="/console/incidents/${l.id}">#${l.id} ${l.bureauName ?? '未分配'}</a> `)}</dd>`}
            ${d.mergedFrom.length > 0 && html`<dt>已并入</dt><dd>${d.mergedFrom.map((m) => html`#${m.id} `)}</dd>`}
          </dl>
        </section>
        <section class="card" id="articles"><h2>相关报道（${d.itemsShown < d.itemCount ? `最新 ${d.itemsShown} / ` : ''}${d.itemCount} 条）</h2>
          ${d.items.map((i) => article(i, canSplit))}
          ${
            canSplit &&
            html`<form id="split-form" method="post" action="/console/incidents/${d.id}/act">
            <input type="hidden" name="op" value="split" /><input type="hidden" name="expectedVersion" value="${d.version}" />
            <div class="row"><input type="text" name="comment" placeholder="拆分说明" maxlength="4000" />
            <button type="submit" class="btn btn-light">把所选条目拆分为新事件</button></div></form>`
          }
        </section>
      </div>
      <div>
        <section class="card"><h2>操作</h2>${actionPanel(p, d, typed)}
          <p><a href="/console/escalation/incidents/${d.id}">时限与督办（签收、上报、回应时限和通知记录）</a></p>
          <form method="post" action="/console/special-reports"><input type="hidden" name="incidentId" value="${d.id}" /><button type="submit">生成舆情专报</button></form></section>
        <section class="card"><h2>处置记录</h2>${timeline(d.timeline)}</section>
      </div>
    </div>`;
  return renderPage({
    title: `事件 #${d.id}`,
    principal: p,
    active: 'incidents',
    body,
    head: html`<style>${raw(INCIDENT_CSS)}</style>`,
    scripts: html`<script src="${assetUrl('incident-detail.js')}" defer></script>
      <script src="${assetUrl('bureau-picker.js')}" defer></script>`,
  });
}
