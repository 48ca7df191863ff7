import { html } from '../../console/html';
import { PAGE_STYLE } from './escalation-incident.view';

/**
 * Styles of the policy and extension pages on top of the escalation pages' own: wide tables scroll inside their card
 * (never the whole page, so a phone at 390 px has no sideways scroll), and the policy form's field groups.
 */
export const ADMIN_HEAD = html`${PAGE_STYLE}<style>
.esc .scroll-x{overflow-x:auto;max-width:100%}
.esc .scroll-x table{min-width:640px}
.esc .card{min-width:0}
.pf fieldset{border:1px solid #dde2ea;border-radius:6px;margin:0 0 14px;padding:10px 14px;min-width:0}
.pf legend{font-weight:600;padding:0 4px}
.pf .row{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:6px 0}
.pf .row label{display:inline-flex;gap:4px;align-items:center;white-space:nowrap}
.pf input[type=number]{width:6.5em}
.pf input.code{width:7em}
.pf select{max-width:100%}
.pf .steps{list-style:none;margin:6px 0;padding:0}
.pf .steps li{border-top:1px dashed #dde2ea;padding:6px 0}
.pf .field-error{border-color:#b91c1c !important;outline:1px solid #b91c1c}
.pf .err{color:#b91c1c;font-size:13px;display:block}
.pf .actions{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-top:12px}
.pf .comment{width:100%;max-width:480px}
.timeline{list-style:none;padding:0;margin:8px 0}
.timeline li{display:grid;grid-template-columns:7.5em minmax(0,1fr);gap:4px 12px;padding:6px 0;border-bottom:1px solid #e5e7eb}
.timeline .when{font-weight:600;white-space:nowrap}
.timeline .skipped{color:#6b7585}
@media (max-width:600px){.timeline li{grid-template-columns:minmax(0,1fr)}}
</style>`;
