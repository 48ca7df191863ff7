// Styles and scripts of the incident pages (no build step): the styles are inlined, the scripts served as files at
// /console/assets/incident-{queue,detail}.js (the CSP forbids inline script). The pages work without the script; it adds
// keyboard shortcuts, quick confirm/dismiss and an auto-refresh that keeps the user's place.
export const INCIDENT_CSS = `
.grade { display:inline-block; min-width:3.2em; text-align:center; border-radius:4px; font-size:12px; line-height:20px;
  padding:0 6px; color:#fff; font-weight:600; white-space:nowrap; }
.grade-I { background:#c8102e; } .grade-II { background:#e8710a; } .grade-III { background:#d4a106; color:#222; }
.grade-IV { background:#2f6fd0; }
.status { display:inline-block; border-radius:10px; font-size:12px; line-height:20px; padding:0 8px; background:#eef1f5;
  color:#3d4756; white-space:nowrap; }
.status-new { background:#fff4e0; color:#9a5a00; } .status-confirmed { background:#fdecee; color:#9b1024; }
.status-dismissed { background:#eceff3; color:#6b7585; } .status-closed { background:#e6f4ec; color:#1f7a4d; }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; }
.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:2px; }
.filters input[type=search] { width:220px; } .filters input[type=date] { font:inherit; padding:6px 8px;
  border:1px solid #c5ccd8; border-radius:6px; }
.tabs { display:flex; flex-wrap:wrap; gap:4px; margin:0 0 12px; padding:0; list-style:none; }
.tabs a { display:inline-block; padding:4px 12px; border-radius:16px; border:1px solid var(--line); background:#fff;
  color:var(--text); font-size:13px; }
.tabs a.active { background:var(--brand); border-color:var(--brand); color:#fff; }
.tabs .n { font-variant-numeric:tabular-nums; opacity:.8; margin-left:4px; }
#queue th { white-space:nowrap; } #queue tbody tr { cursor:pointer; } #queue tr.selected td { background:#e7effb !important; }
#queue tr.selected td:first-child { box-shadow: inset 3px 0 0 var(--brand); }
#queue .title { font-weight:600; } #queue .summary { color:var(--muted); font-size:12px; max-width:520px;
  overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.claim { font-size:12px; color:#9a5a00; }
.review-pending { display:inline-block; border-radius:10px; font-size:12px; line-height:20px; padding:0 8px;
  background:#fdecee; color:#9b1024; font-weight:600; white-space:nowrap; }
.pager { display:flex; gap:8px; justify-content:flex-end; margin-top:12px; }
.shortcuts { font-size:12px; color:var(--muted); } .shortcuts kbd { border:1px solid #c5ccd8; border-radius:3px;
  padding:0 4px; background:#fff; font-family:inherit; }
dialog { border:1px solid var(--line); border-radius:8px; padding:20px; min-width:360px; }
dialog::backdrop { background:rgba(19,43,79,.35); }
.stack { display:flex; flex-direction:column; gap:8px; } .row { display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
textarea { font:inherit; padding:6px 8px; border:1px solid #c5ccd8; border-radius:6px; width:100%; min-height:56px; }
mark.evidence { background:#ffe08a; padding:0 1px; border-radius:2px; }
.article { border-top:1px solid var(--line); padding:12px 0; } .article:first-of-type { border-top:0; }
.article h3 { font-size:15px; margin:0 0 4px; } .article .meta { font-size:12px; color:var(--muted); }
.article .body { margin:6px 0; white-space:pre-wrap; word-break:break-word; }
.article .reasons { font-size:12px; color:var(--muted); }
.article .reasons .why { margin:4px 0; color:#3d4756; }
.article .reasons ul { margin:0; padding-left:18px; }
.article .reasons .label { color:#3d4756; }
.article .reasons mark.evidence { margin-right:4px; }
.timeline { list-style:none; margin:0; padding:0; } .timeline li { border-left:2px solid var(--line); padding:0 0 10px 12px;
  position:relative; } .timeline li::before { content:""; position:absolute; left:-5px; top:6px; width:8px; height:8px;
  border-radius:50%; background:var(--brand); } .timeline .what { font-weight:600; } .timeline .when { font-size:12px;
  color:var(--muted); } .timeline .note { margin:2px 0 0; }
.actions form { margin:0 0 10px; } .actions h3 { font-size:13px; margin:12px 0 6px; color:#3d4756; }
.btn-danger { background:#c8102e; border-color:#c8102e; } .btn-danger:hover { background:#9b1024; }
.spread-chart { max-width:100%; height:auto; display:block; }
.bulk { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; padding:10px 16px; }
.bulk label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:2px; }
.bulk label.grow { flex:1 1 200px; } .bulk label.grow input { width:100%; }
.bulk-count { align-self:center; font-size:13px; }
.queue-head { display:flex; flex-wrap:wrap; justify-content:space-between; gap:4px 12px; } .queue-head p { margin:0 0 8px; }
.export { font-size:13px; }
#queue .c-pick { width:28px; } #queue .c-pick input { width:18px; height:18px; }
.unit { white-space:nowrap; }
dialog { max-width:calc(100vw - 24px); }
/* Phones (issue 13): each incident becomes a block — title first, then grade, unit, status and time on a line —
   so the queue never scrolls sideways at 360–414 px. */
@media (max-width: 760px) {
  .shortcuts { display:none; }
  .filters label, .bulk label { flex:1 1 140px; } .filters input, .filters select, .bulk input, .bulk select { width:100%; }
  dialog { min-width:0; width:calc(100vw - 24px); }
  #queue, #queue tbody { display:block; overflow:visible; } #queue thead { display:none; }
  #queue tr { display:flex; flex-wrap:wrap; align-items:center; gap:4px 10px; padding:10px 0;
    border-bottom:1px solid var(--line); }
  #queue td { display:block; border:0; padding:0; }
  #queue td.c-title { order:-1; flex:1 1 calc(100% - 40px); min-width:0; overflow-wrap:anywhere; }
  #queue td.c-pick { order:-2; }
  #queue td.c-count, #queue td.c-heat { display:none; }
  #queue td.c-time br, #queue td.c-time small { display:none; }
  #queue td.empty { flex:1 1 100%; }
  #queue .summary { max-width:100%; }
  .pager { justify-content:flex-start; }
}
`;

export const INCIDENT_QUEUE_JS = `
(function () {
  var REFRESH_MS = 30000;
  var table = document.getElementById('queue');
  if (!table) return;
  var key = 'incident-queue-selected:' + location.pathname + location.search;
  var selected = sessionStorage.getItem(key);
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('#queue tbody tr[data-id]')); }
  function current() { var rs = rows(); for (var i = 0; i < rs.length; i++) if (rs[i].dataset.id === selected) return i; return -1; }
  function select(i, scroll) {
    var rs = rows(); if (!rs.length) { selected = null; return; }
    i = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r) { r.classList.remove('selected'); r.removeAttribute('aria-selected'); });
    rs[i].classList.add('selected'); rs[i].setAttribute('aria-selected', 'true');
    if (scroll) rs[i].scrollIntoView({ block: 'nearest' });
    selected = rs[i].dataset.id; sessionStorage.setItem(key, selected);
  }
  function row() { var i = current(); return i < 0 ? null : rows()[i]; }
  function say(text, bad) {
    var box = document.getElementById('queue-flash');
    box.className = 'alert ' + (bad ? 'alert-error' : 'alert-info'); box.textContent = text; box.hidden = false;
  }
  function picked() { return document.querySelectorAll('#queue input[name=pick]:checked').length; }
  function busy() { var d = document.getElementById('dismiss-dialog'); return d && d.open; }
  var all = document.getElementById('pick-all');
  function counted() {
    var n = picked(), c = document.getElementById('bulk-count');
    if (c) c.textContent = n ? '已勾选 ' + n + ' 个事件' : '批量处理已勾选的事件';
  }
  if (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      Array.prototype.forEach.call(document.querySelectorAll('#queue input[name=pick]'), function (b) { b.checked = all.checked; });
      counted();
    });
  }
  table.addEventListener('change', function (e) { if (e.target.name === 'pick') counted(); });
  function refresh() {
    var before = current();
    return fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        ['queue-body', 'status-tabs', 'queue-meta', 'queue-pager'].forEach(function (id) {
          var fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old) old.innerHTML = fresh.innerHTML;
        });
        // Keep the user's place: the same incident if it is still listed, else the same position.
        var i = current(); select(i >= 0 ? i : before, false);
        table.dataset.refreshedAt = String(Date.now());
      })
      .catch(function () { /* keep the page as it is; the next tick tries again */ });
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); });
  }
  function confirmSelected() {
    var r = row(); if (!r) return;
    post('/api/incidents/' + r.dataset.id + '/confirm', { expectedVersion: Number(r.dataset.version) }).then(function (res) {
      say(res.ok ? '已确认：' + r.dataset.title : (res.body.message || '操作失败'), !res.ok);
      return refresh();
    });
  }
  function openDismiss() {
    var r = row(); if (!r) return;
    var d = document.getElementById('dismiss-dialog');
    d.querySelector('[name=id]').value = r.dataset.id; d.querySelector('[name=expectedVersion]').value = r.dataset.version;
    d.querySelector('.dismiss-title').textContent = r.dataset.title; d.showModal();
    d.querySelector('select[name=reason]').focus();
  }
  var dialog = document.getElementById('dismiss-dialog');
  if (dialog) dialog.querySelector('form').addEventListener('submit', function (e) {
    if (e.submitter && e.submitter.value === 'cancel') return;
    e.preventDefault();
    var f = e.target;
    post('/api/incidents/' + f.id.value + '/dismiss', { expectedVersion: Number(f.expectedVersion.value), reason: f.reason.value, comment: f.comment.value || undefined })
      .then(function (res) {
        if (!res.ok) { say(res.body.message || '操作失败', true); return; }
        dialog.close(); f.comment.value = ''; say('已排除：' + f.querySelector('.dismiss-title').textContent + '（' + f.reason.value + '）');
        return refresh();
      });
  });
  table.addEventListener('click', function (e) {
    var tr = e.target.closest('tr[data-id]'); if (!tr || e.target.closest('a,button,input')) return;
    select(rows().indexOf(tr), false);
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || busy()) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    var k = e.key;
    if (k === 'j' || k === 'n') { select(current() + 1, true); e.preventDefault(); }
    else if (k === 'k') { select(Math.max(current() - 1, 0), true); e.preventDefault(); }
    else if (k === 'Enter' || k === 'o') { var r = row(); if (r) location.href = r.dataset.href; }
    // Only what the page offers: a role that may not confirm or dismiss has no shortcut for it (incident-queue.view.ts).
    else if (k === 'c' && table.dataset.canConfirm) { confirmSelected(); e.preventDefault(); }
    else if (k === 'd' && table.dataset.canDismiss) { openDismiss(); e.preventDefault(); }
    else if (k === 'r') { refresh(); e.preventDefault(); }
  });
  select(current() >= 0 ? current() : 0, false);
  // A refresh redraws the rows and would drop ticked boxes, so it waits while anything is ticked.
  setInterval(function () { if (!document.hidden && !busy() && !picked()) refresh(); }, REFRESH_MS);
  window.__incidentQueue = { refresh: refresh };
})();
`;

export const INCIDENT_DETAIL_JS = `
(function () {
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    if (e.key === 'c') { var b = document.querySelector('form[data-action=confirm] button'); if (b) { e.preventDefault(); b.click(); } }
    if (e.key === 'd') { var s = document.querySelector('form[data-action=dismiss] select'); if (s) { e.preventDefault(); s.focus(); } }
  });
})();
`;
