import { html, SafeHtml } from '../../console/html';
import { BULK_OP_LABELS, BULK_OPS } from '../triage/incident-bulk.service';
import { DISMISS_REASONS } from '../incident.types';

/** A text field for a bureau code with name suggestions (bureau-picker.js); plain code entry without script. */
export function bureauPicker(name: string, value: string, id: string, placeholder: string): SafeHtml {
  return html`<input type="text" name="${name}" id="${id}" value="${value}" list="${id}-list" data-bureau-picker
      autocomplete="off" maxlength="40" pattern="[0-9]{2,6}" title="单位代码（输入单位名称可选择）" placeholder="${placeholder}" />
    <datalist id="${id}-list"></datalist>`;
}

/**
 * 批量处理 bar of the queue. Row checkboxes belong to this form through form="bulk-form", so the filters form and the
 * table stay as they are; the POST goes through the same per-incident actions as the single buttons.
 */
export function bulkBar(back: string): SafeHtml {
  return html`<form class="bulk card" id="bulk-form" method="post" action="/console/incidents/bulk">
    <input type="hidden" name="back" value="${back}" />
    <strong class="bulk-count" id="bulk-count">批量处理已勾选的事件</strong>
    <label>操作<select name="op" required>
      ${BULK_OPS.map((op) => html`<option value="${op}">${BULK_OP_LABELS[op]}</option>`)}
    </select></label>
    <label>排除原因<select name="reason">
      <option value="">（排除时必选）</option>
      ${DISMISS_REASONS.map((r) => html`<option value="${r}">${r}</option>`)}
    </select></label>
    <label>改派给单位${bureauPicker('bureauCode', '', 'bulk-bureau', '输入单位名称或代码')}</label>
    <label>合并到事件<input type="text" name="intoId" inputmode="numeric" pattern="[0-9]{1,18}" size="8" placeholder="事件编号" /></label>
    <label class="grow">说明<input type="text" name="comment" maxlength="4000" placeholder="选填；原因为“其他”时必填" /></label>
    <button type="submit" class="btn">执行</button>
  </form>`;
}
