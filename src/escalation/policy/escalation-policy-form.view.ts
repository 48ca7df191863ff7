import type { Principal } from '../../auth/roles';
import { html, SafeHtml } from '../../console/html';
import { renderPage } from '../../console/layout';
import { CONTACT_ROLE_LABELS, ContactRole } from '../../organisation/organisation.types';
import { formatSpan } from '../../notifications/time-format';
import { ADMIN_HEAD } from '../views/escalation-admin.style';
import {
  ClockFields,
  clockKindsOf,
  FieldError,
  MAX_STEPS,
  PolicyForm,
  ROLE_OPTIONS,
  SPARE_STEPS,
} from './escalation-policy.form';
import { POLICY_KEY_LABELS, PolicyKey } from './escalation-policy';
import type { PolicyVersion } from './escalation-policy.service';
import type { SimulatedMail } from '../engine/escalation.simulator';
import { CLOCK_KIND_LABELS, ClockKind } from '../escalation.types';

export interface PolicyFormPage {
  key: PolicyKey;
  current: PolicyVersion;
  form: PolicyForm;
  comment: string;
  errors: FieldError[];
  /** The bureau the preview simulates (a county of the editor's subtree unless chosen). */
  bureau: { code: string; name: string } | null;
  preview: { start: Date; mails: SimulatedMail[] } | null;
  /** Why there is no preview (情况说明 has no grade to simulate). */
  previewNote?: string;
}

const UP_OPTIONS = ['本单位', '上 1 级', '上 2 级', '上 3 级', '上 4 级'];

/** Field helpers: the error (if any) shown under the field, and the field marked. */
function fieldKit(errors: FieldError[]) {
  const byField = new Map(errors.map((e) => [e.field, e.message]));
  return {
    cls: (name: string) => (byField.has(name) ? 'field-error' : ''),
    err: (name: string) => {
      const m = byField.get(name);
      return m ? html`<span class="err" role="alert">${m}</span>` : '';
    },
  };
}

type Kit = ReturnType<typeof fieldKit>;

function select(name: string, value: string, options: [string, string][], kit: Kit, label: string) {
  return html`<select name="${name}" aria-label="${label}" class="${kit.cls(name)}">${options.map(
    ([v, l]) => html`<option value="${v}" ${v === value ? html`selected` : ''}>${l}</option>`,
  )}</select>`;
}

function roleBoxes(name: string, checked: string[]): SafeHtml[] {
  return ROLE_OPTIONS.map(
    (r) =>
      html`<label><input type="checkbox" name="${name}" value="${r.value}" ${checked.includes(r.value) ? html`checked` : ''} />${r.label}</label>`,
  );
}

function clockFieldset(kind: ClockKind, c: ClockFields, kit: Kit): SafeHtml {
  const n = (f: string) => `clocks[${kind}][${f}]`;
  const label = `${CLOCK_KIND_LABELS[kind]}时限`;
  const rows = [
    ...c.steps,
    ...Array.from({ length: SPARE_STEPS }, () => ({ up: '1', delayMinutes: '', roles: [] })),
  ].slice(0, MAX_STEPS);
  return html`<fieldset data-clock="${kind}">
    <legend><label><input type="checkbox" name="${n('on')}" value="1" ${c.on ? html`checked` : ''} /> ${label}</label></legend>
    <div class="row">
      <label>时长 <input type="number" min="1" name="${n('length')}" value="${c.length}" class="${kit.cls(n('length'))}" /></label>
      ${select(
        n('unit'),
        c.unit,
        [
          ['minutes', '分钟'],
          ['workingDays', '个工作日'],
        ],
        kit,
        `${label}单位`,
      )}
      ${select(
        n('anchor'),
        c.anchor,
        [
          ['detected', '自发现起算'],
          ['confirmed', '自确认起算'],
        ],
        kit,
        `${label}起算`,
      )}
      ${select(
        n('calendar'),
        c.calendar,
        [
          ['', '计时方式同上'],
          ['24x7', '全天候'],
          ['working', '工作时间'],
        ],
        kit,
        `${label}计时方式`,
      )}
    </div>
    ${kit.err(n('length'))}${kit.err(n('anchor'))}${kit.err(n('calendar'))}
    <div>到期未完成时，依次提醒（勾选角色的行生效；不勾选任何角色即删除该步）：</div>
    <ol class="steps">${rows.map((s, i) => {
      const sn = (f: string) => `clocks[${kind}][steps][${i}][${f}]`;
      return html`<li data-step="${i}"><div class="row">
        <span>第 ${i + 1} 步：${i === 0 ? '到期后' : '上一步后'}</span>
        <label><input type="number" min="0" name="${sn('delayMinutes')}" value="${s.delayMinutes}" class="${kit.cls(sn('delayMinutes'))}" aria-label="${label}第${i + 1}步延迟分钟" /> 分钟</label>
        <label>通知 ${select(
          sn('up'),
          s.up,
          UP_OPTIONS.map((l, k) => [String(k), l]),
          kit,
          `${label}第${i + 1}步通知单位`,
        )}</label>
        ${roleBoxes(`${sn('roles')}[]`, s.roles)}
      </div>${kit.err(sn('delayMinutes'))}${kit.err(sn('up'))}${kit.err(sn('roles'))}</li>`;
    })}</ol>
    <div class="row">
      <label>最后一步再重复 <input type="number" min="0" max="10" name="${n('repeat')}" value="${c.repeat}" class="${kit.cls(n('repeat'))}" /> 次</label>
      <label>间隔 <input type="number" min="1" name="${n('repeatEveryMinutes')}" value="${c.repeatEveryMinutes}" class="${kit.cls(n('repeatEveryMinutes'))}" /> 分钟</label>
    </div>
    ${kit.err(n('repeat'))}${kit.err(n('repeatEveryMinutes'))}
  </fieldset>`;
}

function who(m: SimulatedMail): string {
  if (m.skipped || m.recipients.length === 0) return '无人可通知，跳过';
  const bureau = m.recipients[0].bureauName;
  const people = m.recipients.map(
    (r) => `${CONTACT_ROLE_LABELS[r.role as ContactRole] ?? r.role}${r.name ? ` ${r.name}` : ''}`,
  );
  return `${bureau}：${people.join('、')}`;
}

function timeline(preview: NonNullable<PolicyFormPage['preview']>): SafeHtml {
  const offset = (d: Date) => {
    const ms = d.getTime() - preview.start.getTime();
    return ms < 60_000 ? '立即' : `+${formatSpan(ms)}`;
  };
  return html`<ol class="timeline" id="policy-preview">${preview.mails.map(
    (m) => html`<li class="${m.skipped ? 'skipped' : ''}" data-clock-kind="${m.clockKind ?? 'start'}">
      <span class="when">${offset(m.at)}</span>
      <span>${
        m.clockKind
          ? `${CLOCK_KIND_LABELS[m.clockKind]}时限${m.dueAt ? `（${offset(m.dueAt)}到期）` : ''}未完成 · 第 ${(m.stepNo ?? 0) + 1} 步${m.repeat ? `（第 ${m.repeat} 次重复）` : ''}`
          : '事件确认，开始计时'
      } → ${who(m)}</span>
    </li>`,
  )}</ol>`;
}

/**
 * One policy key as a Chinese form, with 预览 (simulated timeline, nothing saved) and 保存. The buttons carry no
 * data-busy: console.js disables busy buttons on submit, and a disabled button would not send its action=….
 */
export function renderPolicyForm(p: Principal, v: PolicyFormPage): string {
  const kit = fieldKit(v.errors);
  const f = v.form;
  const body = html`<section class="esc pf">
    <div class="page-head"><h1>修改时限策略：${POLICY_KEY_LABELS[v.key]}</h1>
      <p class="muted">当前第 ${v.current.version} 版。保存后生成新版本，已在计时的事件沿用原策略。<a href="/console/escalation/policies">返回时限策略</a></p></div>
    ${v.errors.length ? html`<div class="alert alert-error" role="alert" id="form-errors"><p>请修改以下 ${v.errors.length} 处：</p><ul>${v.errors.map((e) => html`<li>${e.message}</li>`)}</ul></div>` : ''}
    <form method="post" action="/console/escalation/policies/${v.key}/edit" class="card">
      <fieldset><legend>总体设置</legend>
        <div class="row">
          <label>计时方式 ${select(
            'calendar',
            f.calendar,
            [
              ['24x7', '全天候（含节假日）'],
              ['working', '工作时间（按法定工作日历）'],
            ],
            kit,
            '计时方式',
          )}</label>
          <label>漏报认定宽限 <input type="number" min="0" name="missedGraceMinutes" value="${f.missedGraceMinutes}" class="${kit.cls('missedGraceMinutes')}" /> 分钟</label>
        </div>${kit.err('calendar')}${kit.err('missedGraceMinutes')}
        <div class="row"><span>启动时立即通知：</span>${roleBoxes('notifyAtStart[]', f.notifyAtStart)}</div>${kit.err('notifyAtStart')}
      </fieldset>
      ${clockKindsOf(v.key).map((k) => clockFieldset(k, f.clocks[k]!, kit))}
      <div class="row">
        <label>预览模拟单位（代码） <input type="text" class="code" name="bureau" value="${v.bureau?.code ?? ''}" maxlength="6" /></label>
        ${v.bureau ? html`<span class="muted">${v.bureau.name}</span>` : ''}
      </div>
      <label for="policy-comment">修改说明</label>
      <input id="policy-comment" class="comment" name="comment" type="text" maxlength="500" value="${v.comment}" />
      <div class="actions">
        <button type="submit" name="action" value="preview" class="btn btn-light">预览时间线</button>
        <button type="submit" name="action" value="save" class="btn">保存为新版本</button>
      </div>
    </form>
    ${
      v.preview
        ? html`<div class="card"><h2>预览：如无人办理，将依次通知</h2><p class="muted">按上方未保存的设置模拟${v.bureau ? ` ${v.bureau.name} ` : ''}的一起事件（未保存）。</p>${timeline(v.preview)}</div>`
        : v.previewNote
          ? html`<p class="muted">${v.previewNote}</p>`
          : ''
    }
  </section>`;
  return renderPage({ title: '修改时限策略', principal: p, active: 'escalation', body, head: ADMIN_HEAD });
}
