import type { Principal } from '../../auth/roles';
import { html } from '../../console/html';
import { renderPage } from '../../console/layout';
import { formatShanghai } from '../../notifications/time-format';
import { STATS_CSS } from '../bulletin/bulletin-html';
import { TASK_STATUS_LABELS } from '../bulletin/bulletin-tables';
import { EXPLANATION_MAX_CHARS } from './explanation-tasks.service';
import { monthLabel } from '../figures/statistics-month';
import { ExplanationTaskView } from '../statistics.types';

/** One explanation task: what was flagged, the deadline, and for the unit's head the answer form. */
export function renderTaskPage(
  p: Principal,
  t: ExplanationTaskView,
  opts: { canAnswer: boolean; error: string | null; draft?: string; now: Date },
): string {
  const overdue = t.status === 'open' && Date.parse(t.dueAt) < opts.now.getTime();
  const body = html`<div class="page-head">
      <h1>情况说明：${t.bureauName}</h1>
      <p class="muted">
        <a href="/console/statistics?month=${t.month}&scope=${t.scopeCode}">${monthLabel(t.month)}统计通报</a>（第 ${t.bulletinVersion} 版）
      </p>
    </div>
    <section class="card">
      <dl class="props">
        <dt>原因</dt>
        <dd class="task-reason">${t.reason}</dd>
        <dt>主要负责人</dt>
        <dd>${t.headName ?? '—'}</dd>
        <dt>截止时间</dt>
        <dd>${formatShanghai(new Date(t.dueAt))}${overdue && html` <span class="flag">已逾期</span>`}</dd>
        <dt>状态</dt>
        <dd class="task-status">${TASK_STATUS_LABELS[t.status]}</dd>
      </dl>
    </section>
    ${
      t.answer
        ? html`<section class="card">
          <h2>情况说明</h2>
          <div class="task-answer">${t.answer}</div>
          <p class="muted">${t.answeredBy} · ${t.answeredAt ? formatShanghai(new Date(t.answeredAt)) : ''}</p>
        </section>`
        : opts.canAnswer && t.status === 'open'
          ? html`<section class="card">
            <h2>提交情况说明</h2>
            ${opts.error && html`<div class="alert alert-error" role="alert">${opts.error}</div>`}
            <form method="post" action="/console/statistics/tasks/${t.id}">
              <textarea name="answer" rows="12" style="width:100%" required minlength="2" maxlength="${EXPLANATION_MAX_CHARS}">${opts.draft ?? ''}</textarea>
              <p><button class="btn" type="submit">提交</button></p>
            </form>
          </section>`
          : html`<section class="card"><p class="muted">尚未提交情况说明。${opts.error ?? ''}</p></section>`
    }`;
  return renderPage({
    title: `情况说明 · ${t.bureauName}`,
    principal: p,
    active: 'statistics',
    body,
    head: STATS_CSS,
  });
}
