import { can, NATIONAL } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import { formatShanghai } from '../../notifications/time-format';
import { roleList } from '../mail/escalation-mail';
import { POLICY_KEY_LABELS, PolicyKey } from '../policy/escalation-policy';
import type { PolicyVersion } from '../policy/escalation-policy.service';
import { CLOCK_KIND_LABELS, ClockPolicy, ClockKind } from '../escalation.types';
import type { ExtensionRequestView } from '../incident/extension.service';
import { ADMIN_HEAD } from './escalation-admin.style';

function clockSummary(c: ClockPolicy, calendar: string): SafeHtml {
  const length = c.workingDays ? `${c.workingDays} 个工作日` : `${c.minutes} 分钟`;
  const cal = (c.calendar ?? calendar) === 'working' ? '工作时间' : '全天候';
  return html`<tr>
    <td>${CLOCK_KIND_LABELS[c.kind]}</td>
    <td>${length}（${cal}，自${c.anchor === 'detected' ? '发现' : '确认'}起算）</td>
    <td>${
      c.steps.length
        ? c.steps.map(
            (s, i) =>
              html`${i ? ' → ' : ''}${i === 0 ? '到期' : ''}+${s.delayMinutes} 分：${s.up === 0 ? '本单位' : `上 ${s.up} 级`} ${roleList(s.roles)}`,
          )
        : '不督办'
    }${c.repeat ? `；末级每 ${c.repeatEveryMinutes} 分重复，最多 ${c.repeat} 次` : ''}</td>
  </tr>`;
}

export interface PolicyEditState {
  key: PolicyKey;
  text: string;
  comment: string;
  problems: string[];
}

/**
 * 时限策略: the current version of each policy, a link to its Chinese form (and a JSON editor folded away), and each
 * key's history. The policies are national: everyone may read them (policy.view), only HQ admins edit (policy.edit).
 */
export function renderPolicies(
  p: Principal,
  current: PolicyVersion[],
  history: Map<string, PolicyVersion[]>,
  edit?: PolicyEditState,
  saved?: string,
): string {
  const editable = can(p, 'policy.edit', NATIONAL);
  const body = html`<section class="esc">
    <div class="page-head"><h1>时限策略</h1>
      <p class="muted">每次保存生成新版本；已在计时的事件沿用启动时的策略快照，不受修改影响。</p>
      ${editable ? '' : html`<p class="alert alert-info">时限策略全国统一，由总局系统管理员修改；此处仅供查看。</p>`}</div>
    ${saved ? html`<div class="alert alert-info" role="status">${saved}</div>` : ''}
    ${current.map((v) => {
      const editing = edit?.key === v.policyKey ? edit : null;
      return html`<div class="card" id="policy-${v.policyKey}">
        <h2>${POLICY_KEY_LABELS[v.policyKey]} <small class="muted">第 ${v.version} 版${v.version === 0 ? '（默认）' : ''}${v.createdBy ? ` · ${v.createdBy}` : ''}${v.createdAt ? ` · ${formatShanghai(v.createdAt)}` : ''}</small></h2>
        <p>首次通知：${roleList(v.policy.notifyAtStart) || '无'}；漏报认定宽限：${v.policy.missedGraceMinutes} 分钟</p>
        <div class="scroll-x"><table><tr><th>时限</th><th>时长</th><th>督办阶梯</th></tr>${v.policy.clocks.map((c) => clockSummary(c, v.policy.calendar))}</table></div>
        ${editing?.problems.length ? html`<div class="alert alert-error" role="alert"><ul>${editing.problems.map((m) => html`<li>${m}</li>`)}</ul></div>` : ''}
        ${
          editable &&
          html`<p><a class="btn" href="/console/escalation/policies/${v.policyKey}/edit">修改${POLICY_KEY_LABELS[v.policyKey]}策略</a></p>
          <details ${editing ? html`open` : ''}><summary>高级：以 JSON 编辑</summary>
          <form method="post" action="/console/escalation/policies/${v.policyKey}">
          <label for="policy-${v.policyKey}-json">策略（JSON）</label>
          <textarea id="policy-${v.policyKey}-json" name="policy" rows="14" style="width:100%;font-family:monospace">${editing?.text ?? JSON.stringify(v.policy, null, 2)}</textarea>
          <label for="policy-${v.policyKey}-comment">修改说明</label>
          <input id="policy-${v.policyKey}-comment" name="comment" type="text" maxlength="500" style="width:100%" value="${editing?.comment ?? ''}" />
          <button type="submit" class="btn" data-busy="保存中…">保存为新版本</button>
        </form></details>`
        }
        <details><summary>历史版本（${(history.get(v.policyKey) ?? []).length}）</summary>
          <ul>${(history.get(v.policyKey) ?? []).map((h) => html`<li>第 ${h.version} 版 ${h.createdBy ?? '系统默认'} ${h.createdAt ? formatShanghai(h.createdAt) : ''} ${h.comment ?? ''}</li>`)}</ul>
        </details>
      </div>`;
    })}
  </section>`;
  return renderPage({ title: '时限策略', principal: p, active: 'escalation', body, head: ADMIN_HEAD });
}

/** 延期审批: requests to the principal's bureau and below; who decides each is extension.decide. */
export function renderExtensions(
  p: Principal,
  rows: ExtensionRequestView[],
  now: Date,
  notice?: string,
): string {
  const canDecide = (r: ExtensionRequestView) => can(p, 'extension.decide', { bureauPath: r.approverPath });
  const body = html`<section class="esc">
    <div class="page-head"><h1>延期申请审批</h1><p class="muted">下级单位通过邮件链接提交的延期申请；批准后时限顺延并记入事件时间线。</p></div>
    ${notice ? html`<div class="alert alert-info" role="status">${notice}</div>` : ''}
    ${
      rows.length === 0
        ? html`<p class="empty">暂无延期申请。</p>`
        : html`<div class="scroll-x"><table>
          <tr><th>申请时间</th><th>单位</th><th>事件</th><th>时限</th><th>当前截止</th><th>申请延至</th><th>理由</th><th>状态</th><th></th></tr>
          ${rows.map(
            (r) => html`<tr data-extension="${r.id}">
              <td>${formatShanghai(r.createdAt)}</td>
              <td>${r.bureauName}<br /><small>${r.requestedByName ?? ''} ${r.requestedByEmail}</small></td>
              <td>${html`<a href="${r.subjectKind === 'incident' ? `/console/escalation/incidents/${r.subjectId}` : `/console/statistics/tasks/${r.subjectId}`}">${r.subjectTitle}</a>`}</td>
              <td>${CLOCK_KIND_LABELS[r.clockKind as ClockKind] ?? r.clockKind}</td>
              <td>${formatShanghai(r.currentDueAt)}${r.currentDueAt < now && r.status === 'pending' ? html`<br /><small class="status-missed">已超时</small>` : ''}</td>
              <td>${formatShanghai(r.requestedDueAt)}</td>
              <td>${r.reason}</td>
              <td>${r.status === 'pending' ? '待审批' : r.status === 'approved' ? '已批准' : '已驳回'}${r.decidedByLabel ? html`<br /><small>${r.decidedByLabel} ${r.decidedAt ? formatShanghai(r.decidedAt) : ''}</small>` : ''}</td>
              <td>${
                r.status === 'pending' && canDecide(r)
                  ? html`<form method="post" action="/console/escalation/extensions/${r.id}">
                    <input type="text" name="comment" maxlength="500" placeholder="审批意见（可选）" />
                    <button type="submit" name="decision" value="approve" class="btn">批准</button>
                    <button type="submit" name="decision" value="refuse" class="btn btn-light">驳回</button>
                  </form>`
                  : ''
              }</td>
            </tr>`,
          )}
        </table></div>`
    }
  </section>`;
  return renderPage({ title: '延期申请审批', principal: p, active: 'extensions', body, head: ADMIN_HEAD });
}
