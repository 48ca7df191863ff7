import { bureauPicker } from './incident-bulk.view';
import { can } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { html, raw, SafeHtml } from '../../console/html';
import { time } from './incident-console.parts';
import type { IncidentDetail } from '../query/incident-detail.service';
import { movableAnywhere } from '../triage/incident-reassign.rule';
import { REVIEW_DECISION_LABELS, REVIEW_DECISIONS, ReviewDecision } from '../triage/incident-review';
import { ACTION_LABELS } from '../triage/incident-state';
import { REPORT_TYPE_LABELS, REPORT_TYPES, TypedReportForm } from '../triage/report-form';
import { CATEGORIES, DISMISS_REASONS, GRADE_LABELS, GRADES, TransitionAction } from '../incident.types';

/** One small POST form; every form carries the version the user saw, so a stale page gets a clear refusal. */
function form(d: IncidentDetail, op: string, inner: SafeHtml, extra = ''): SafeHtml {
  return html`<form method="post" action="/console/incidents/${d.id}/act" data-action="${op}" class="${extra}">
    <input type="hidden" name="op" value="${op}" /><input type="hidden" name="expectedVersion" value="${d.version}" />
    ${inner}
  </form>`;
}

function option(value: string, label: string, selected = false): SafeHtml {
  return html`<option value="${value}" ${selected ? raw(' selected') : ''}>${label}</option>`;
}

/** 复核结论 for a pending 申请复核: only the decisions whose triage rule this principal passes are offered. */
function reviewForm(p: Principal, d: IncidentDetail): SafeHtml | false {
  if (!d.pendingReview) return false;
  const rule: Record<ReviewDecision, Parameters<typeof can>[1]> = {
    uphold: 'incident.confirm',
    regrade: 'incident.regrade',
    dismiss: 'incident.dismiss',
  };
  const offered = REVIEW_DECISIONS.filter(
    (k) => can(p, rule[k], d) && (k !== 'dismiss' || d.allowedActions.includes('dismiss')),
  );
  if (offered.length === 0) return false;
  return html`<h3>复核结论</h3>${form(
    d,
    'review',
    html`<div class="stack"><select name="decision">${offered.map((k) => option(k, REVIEW_DECISION_LABELS[k]))}</select>
    <label>改判后的等级（仅改判等级时）<select name="grade">${GRADES.map((g) => option(g, GRADE_LABELS[g], g === d.grade))}</select></label>
    <textarea name="reason" required minlength="2" maxlength="4000" placeholder="理由（必填，将记录在案并显示在处置记录中）"></textarea>
    <div><button type="submit" class="btn" data-busy="提交中…">提交复核结论</button></div></div>`,
  )}`;
}

/**
 * 上报 with the form every report route asks for (report-form.ts): how, to whom, the 文号 of a written report. A
 * report on an incident nobody has acknowledged acknowledges it too (offeredActions offers it from 已确认 then).
 */
function reportForm(d: IncidentDetail, typed: TypedReportForm): SafeHtml {
  return html`<h3>${ACTION_LABELS.report}（向上级报告）</h3>${form(
    d,
    'report',
    html`<div class="stack"><label>报告方式 <select name="reportType" required>${option('', '请选择…')}${REPORT_TYPES.map((k) => option(k, REPORT_TYPE_LABELS[k], typed.reportType === k))}</select></label>
    <label>报送对象 <input type="text" name="reportedTo" required maxlength="200" value="${typed.reportedTo ?? ''}" placeholder="如：广州市税务局办公室、区委区政府" /></label>
    <label>文号（书面报告必填） <input type="text" name="reference" maxlength="100" value="${typed.reference ?? ''}" placeholder="如：穗天税发〔2026〕12号" /></label>
    <textarea name="comment" maxlength="4000" placeholder="说明（可选，记入处置记录）"></textarea>
    <div><button type="submit" class="btn" data-busy="提交中…">${ACTION_LABELS.report}</button></div></div>`,
  )}`;
}

/**
 * The action panel: lifecycle buttons allowed from the current status and by the principal's permissions
 * (d.allowedActions, src/auth/policy), then the corrections this principal may make.
 */
export function actionPanel(p: Principal, d: IncidentDetail, typed: TypedReportForm = {}): SafeHtml {
  if (d.mergedIntoId) {
    return html`<p class="muted">该事件已合并到 <a href="/console/incidents/${d.mergedIntoId}">事件 #${d.mergedIntoId}</a>，请在该事件上操作。</p>`;
  }
  const may = (action: Parameters<typeof can>[1]) => can(p, action, d);
  // Dismissal and reopening need a reason on record, a report its form: they get their own forms below.
  const simple = d.allowedActions.filter(
    (a): a is TransitionAction => a !== 'dismiss' && a !== 'reopen' && a !== 'report',
  );
  const claimMine = d.claimActive && d.claimedBy === p.userId;
  return html`<div class="actions">
    ${d.claimActive && !claimMine && html`<p class="alert alert-info">🔒 ${d.claimedByName} 正在处理此事件，认领到期前您的操作会被拒绝。</p>`}
    ${
      simple.length > 0 &&
      html`<h3>处置</h3><div class="row">${simple.map((a) =>
        form(
          d,
          a,
          html`<button type="submit" class="btn" data-busy="提交中…">${ACTION_LABELS[a]}${a === 'confirm' ? '（c）' : ''}</button>`,
          'inline',
        ),
      )}</div>`
    }
    ${
      d.allowedActions.includes('dismiss') &&
      html`<h3>排除（d）</h3>${form(
        d,
        'dismiss',
        html`<div class="stack"><label>原因 <select name="reason" required>${option('', '请选择…')}${DISMISS_REASONS.map((r) => option(r, r))}</select></label>
        <textarea name="comment" placeholder="说明（原因为“其他”时必填）" maxlength="4000"></textarea>
        <div><button type="submit" class="btn btn-danger" data-busy="提交中…">排除</button></div></div>`,
      )}`
    }
    ${d.allowedActions.includes('report') && reportForm(d, typed)}
    ${
      d.allowedActions.includes('reopen') &&
      html`<h3>${ACTION_LABELS.reopen}</h3>${form(
        d,
        'reopen',
        html`<div class="stack"><textarea name="reason" required maxlength="4000" placeholder="理由（必填，将记录在案）"></textarea>
        <div><button type="submit" class="btn" data-busy="提交中…">${ACTION_LABELS.reopen}</button></div></div>`,
      )}`
    }
    ${reviewForm(p, d)}
    ${
      may('incident.claim') &&
      html`<h3>认领</h3>${
        claimMine
          ? form(
              d,
              'release',
              html`<button type="submit" class="btn btn-light">释放认领</button> <small class="muted">认领至 ${time(d.claimExpiresAt)}</small>`,
            )
          : form(d, 'claim', html`<button type="submit" class="btn btn-light">认领此事件</button>`)
      }`
    }
    ${
      may('incident.regrade') &&
      html`<h3>调整等级</h3>${form(
        d,
        'regrade',
        html`<div class="stack"><select name="grade">${GRADES.map((g) => option(g, GRADE_LABELS[g], g === d.grade))}</select>
        <input type="text" name="reason" placeholder="理由（降级必填）" maxlength="2000" /><div><button type="submit" class="btn btn-light">保存等级</button></div></div>`,
      )}`
    }
    ${
      may('incident.recategorise') &&
      html`<h3>调整类别</h3>${form(
        d,
        'recategorise',
        html`<div class="row"><select name="category">${CATEGORIES.map((c) => option(c, c, c === d.category))}</select>
        <button type="submit" class="btn btn-light">保存类别</button></div>`,
      )}`
    }
    ${
      may('incident.reassign') &&
      html`<h3>改派单位</h3>${
        !movableAnywhere(d.status) &&
        html`<p class="muted">已确认的事件只能改派到您管辖范围内的单位；改派到范围以外须由同时管辖两个单位的上级办理。</p>`
      }${form(
        d,
        'reassign',
        html`<div class="row">${bureauPicker('bureauCode', d.bureauCode ?? '', 'reassign-bureau', '输入单位名称或代码，留空为未分配')}
        <button type="submit" class="btn btn-light">改派</button></div>`,
      )}`
    }
    ${
      may('incident.merge') &&
      html`<h3>合并到其他事件</h3>${form(
        d,
        'merge',
        html`<div class="row"><input type="text" name="intoId" size="10" pattern="[0-9]+" placeholder="目标事件编号" required />
        <button type="submit" class="btn btn-light">合并</button></div>`,
      )}`
    }
    ${
      may('incident.comment') &&
      html`<h3>备注</h3>${form(
        d,
        'comment',
        html`<div class="stack"><textarea name="comment" required maxlength="4000" placeholder="研判意见、核实情况…"></textarea>
        <div><button type="submit" class="btn btn-light">添加备注</button></div></div>`,
      )}`
    }
  </div>`;
}
