// Styles of the 用户与令牌 pages only (served at /console/assets/users.css), kept apart from console.css so other
// pages' layout work does not collide with them. Every rule must keep the page within a 390 px wide screen.
export const USERS_CSS = `
.utabs { display:flex; gap:4px; margin:0 0 14px; }
.utabs a { padding:4px 14px; border-radius:16px; border:1px solid var(--line); background:#fff; color:var(--text); }
.utabs a.active { background:var(--brand); border-color:var(--brand); color:#fff; }
.table-scroll { overflow-x:auto; max-width:100%; -webkit-overflow-scrolling:touch; }
.table-scroll table.data { display:table; }
/* Short values: one line each; a narrow screen scrolls the table inside its box instead of stacking characters. */
.table-scroll table.data th, .table-scroll table.data td { white-space:nowrap; }
.nowrap { white-space:nowrap; }
.ugrid { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:16px; align-items:start; }
.ugrid > .card { margin-bottom:16px; }
.uform { display:flex; flex-direction:column; gap:4px; max-width:480px; }
.uform label { font-size:13px; color:#3d4756; margin-top:8px; }
.uform input[type=text], .uform input[type=password], .uform input[type=date], .uform select { width:100%; font:inherit;
  padding:7px 10px; border:1px solid #c5ccd8; border-radius:var(--radius); background:#fff; }
.uform .btn { margin-top:12px; }
.uform small { font-size:12px; }
.picker { border:1px solid var(--line); border-radius:var(--radius); padding:8px 12px 10px; margin:10px 0 0; min-width:0; }
.picker legend { font-size:13px; color:#3d4756; padding:0 4px; }
.picker-search { display:flex; gap:8px; flex-wrap:wrap; }
.picker-search input[type=search] { flex:1 1 180px; min-width:0; }
.picker-options { list-style:none; margin:8px 0 0; padding:0; max-height:260px; overflow-y:auto; }
.picker-options li { padding:2px 0; }
.picker-options label { display:flex; gap:6px; align-items:baseline; cursor:pointer; flex-wrap:wrap; margin:0; }
.picker-options .code { color:var(--muted); font-size:12px; }
.uactions { display:flex; gap:8px; flex-wrap:wrap; margin-top:12px; }
form.inline { display:inline; margin:0; }
.reset-form { margin-top:12px; }
.ustatus { display:inline-block; border-radius:10px; font-size:12px; line-height:20px; padding:0 8px; white-space:nowrap; }
.ustatus-ok { background:#e6f4ec; color:#1f7a4d; } .ustatus-off { background:#eceff3; color:#6b7585; }
.ustatus-locked { background:#fff4e0; color:#9a5a00; }
.btn-danger { background:#c8102e; border-color:#c8102e; color:#fff; } .btn-danger:hover { background:#9b1024; }
.btn-small { padding:2px 10px; font-size:13px; }
.secret-card .secret { display:block; font-size:16px; padding:10px 12px; background:#f6f8fb; border:1px dashed #9fb3d1;
  border-radius:var(--radius); word-break:break-all; user-select:all; }
.uevents { list-style:none; margin:0; padding:0; }
.uevents li { display:flex; gap:10px; flex-wrap:wrap; padding:4px 0; border-bottom:1px solid var(--line); }
.uevents .when { color:var(--muted); font-variant-numeric:tabular-nums; }
@media (max-width: 760px) {
  .ugrid { grid-template-columns:1fr; gap:0; }
  .uform { max-width:none; }
  .page-head .btn { align-self:flex-start; }
}
`;
