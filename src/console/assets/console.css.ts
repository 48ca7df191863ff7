// The console stylesheet, kept as a TS module so `tsc` carries it into dist/ (no copy step, no front-end build).
// Served at /console/assets/console.css by ConsoleAssetsController.
export const CONSOLE_CSS = `
:root {
  --brand: #1d3f72; --brand-dark: #132b4f; --accent: #c8102e; --bg: #f3f5f8; --card: #fff;
  --text: #1f2733; --muted: #6b7585; --line: #dde2ea; --link: #1f5fbf; --ok: #1f7a4d; --warn: #b25e09;
  --radius: 6px;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
    system-ui, sans-serif;
  font-size: 14px; line-height: 1.6; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 16px; margin: 0 0 12px; font-weight: 600; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }

.topbar { background: var(--brand); color: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.topbar-inner { max-width: 1240px; margin: 0 auto; padding: 0 20px; display: flex; align-items: center; gap: 28px;
  min-height: 56px; flex-wrap: wrap; }
.brand { display: flex; align-items: baseline; gap: 10px; color: #fff; white-space: nowrap; }
.brand:hover { text-decoration: none; }
.brand-name { font-size: 20px; font-weight: 700; letter-spacing: 2px; }
.brand-sub { font-size: 12px; opacity: .75; }
.nav { display: flex; gap: 4px; flex: 1; flex-wrap: wrap; }
.nav a { color: rgba(255,255,255,.85); padding: 17px 14px 15px; border-bottom: 3px solid transparent; }
.nav a:hover { color: #fff; text-decoration: none; background: rgba(255,255,255,.06); }
.nav a.active { color: #fff; border-bottom-color: #fff; font-weight: 600; }
.userbox { display: flex; align-items: center; gap: 12px; font-size: 13px; white-space: nowrap; }
.userbox .who { display: flex; flex-direction: column; line-height: 1.3; text-align: right; }
.userbox .who small { opacity: .75; }
.userbox form { margin: 0; }
.btn-logout { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); border-radius: var(--radius);
  padding: 4px 12px; cursor: pointer; font: inherit; }
.btn-logout:hover { background: rgba(255,255,255,.12); }

main { flex: 1; width: 100%; max-width: 1240px; margin: 0 auto; padding: 20px; }
.page-head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 16px;
  flex-wrap: wrap; }
.page-head p { margin: 0; color: var(--muted); }
.page-head .row { display: flex; gap: 8px; flex-wrap: wrap; }
.footer { color: var(--muted); font-size: 12px; text-align: center; padding: 16px; }

.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px 20px;
  margin-bottom: 16px; }
.grid-2 { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; align-items: start; }
@media (max-width: 900px) { .grid-2 { grid-template-columns: 1fr; } }
.muted { color: var(--muted); }
.empty { color: var(--muted); padding: 12px 0; }

.breadcrumb { display: flex; flex-wrap: wrap; gap: 6px; font-size: 13px; color: var(--muted); margin-bottom: 10px;
  padding: 0; list-style: none; }
.breadcrumb li + li::before { content: "›"; margin-right: 6px; color: #a0a8b5; }

.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; line-height: 20px;
  background: #e8eef8; color: var(--brand); white-space: nowrap; }
.badge-accent { background: #fdecee; color: var(--accent); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chips li { background: #f0f2f6; border: 1px solid var(--line); border-radius: 4px; padding: 0 8px; font-size: 13px; }

dl.props { display: grid; grid-template-columns: 8em 1fr; gap: 6px 12px; margin: 0; }
dl.props dt { color: var(--muted); }
dl.props dd { margin: 0; }

table.data { width: 100%; border-collapse: collapse; }
table.data th, table.data td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
table.data th { background: #f6f8fb; font-weight: 600; color: #3d4756; font-size: 13px; }
table.data tr:hover td { background: #fafbfd; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }

.search { display: flex; gap: 8px; }
.search input[type=search] { width: 320px; }
input[type=text], input[type=password], input[type=search], select { font: inherit; padding: 7px 10px;
  border: 1px solid #c5ccd8; border-radius: var(--radius); background: #fff; color: var(--text); }
input:focus, select:focus { outline: 2px solid rgba(31,95,191,.35); border-color: var(--link); }
.btn { display: inline-block; font: inherit; padding: 7px 16px; border-radius: var(--radius); cursor: pointer;
  border: 1px solid var(--brand); background: var(--brand); color: #fff; }
.btn:hover { background: var(--brand-dark); text-decoration: none; }
.btn:disabled { opacity: .6; cursor: progress; }
.btn-light { background: #fff; color: var(--brand); }
.btn-light:hover { background: #eef2f8; }

.tree, .tree ul { list-style: none; margin: 0; padding: 0; }
.tree ul { margin-left: 22px; border-left: 1px dashed #c9d0db; padding-left: 10px; }
.tree li { padding: 3px 0; }
.tree .node { display: inline-flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.tree .toggle { display: inline-block; width: 18px; text-align: center; color: var(--muted); font-size: 12px; }
.tree a.toggle:hover { text-decoration: none; color: var(--link); }
.tree .current > .node { background: #eef4fd; border-radius: 4px; padding: 0 6px 0 0; }
.tree .current > .node > a.name { font-weight: 600; }
.tree .count { color: var(--muted); font-size: 12px; }

.alert { border-radius: var(--radius); padding: 10px 14px; margin-bottom: 14px; }
.alert-error { background: #fdecee; border: 1px solid #f3c2c9; color: #9b1024; }
.alert-info { background: #eef4fd; border: 1px solid #c9daf5; color: #1e4e8c; }

.error-page { text-align: center; padding: 48px 20px; }
.error-page .status { font-size: 56px; font-weight: 700; color: var(--brand); line-height: 1; margin-bottom: 12px; }
/* The message may echo a long unknown path or query value: it wraps rather than widening the page on a phone. */
.error-page .error-message { overflow-wrap: anywhere; }

@media (max-width: 760px) {
  .topbar-inner { gap: 6px 16px; padding: 8px 12px 0; min-height: 0; }
  .brand-sub { display: none; }
  .userbox { margin-left: auto; }
  /* Phones (issue 13): the nav wraps onto a second line rather than scrolling out of sight. */
  .nav { order: 3; flex: 1 0 100%; flex-wrap: wrap; gap: 0 2px; }
  .nav a { padding: 6px 8px 4px; white-space: nowrap; }
  .userbox { gap: 8px; }
  .userbox .who small { display: none; }
  main { padding: 14px 12px; }
  h1 { font-size: 18px; overflow-wrap: anywhere; }
  .search { flex-wrap: wrap; width: 100%; }
  .search input[type=search] { width: 100%; }
  dl.props { grid-template-columns: 6em minmax(0, 1fr); }
  dl.props dd { overflow-wrap: anywhere; }
  .card { padding: 12px; }
  /* A wide table scrolls inside its card; the page itself never scrolls sideways. */
  main table, table.data { display: block; max-width: 100%; overflow-x: auto; }
  main pre, main code { white-space: pre-wrap; overflow-wrap: anywhere; }
  input[type=text], input[type=search], input[type=date], select, textarea { max-width: 100%; }
}

.public-body { background: linear-gradient(160deg, #1d3f72 0%, #2b5d9e 55%, #e9eef5 55%); }
.public-wrap { flex: 1; display: flex; align-items: center; justify-content: center; padding: 40px 16px; }
.login-card { width: 380px; max-width: 100%; background: #fff; border-radius: 10px; padding: 32px 32px 24px;
  box-shadow: 0 12px 32px rgba(19,43,79,.25); }
.login-card .brand-name { color: var(--brand); font-size: 26px; display: block; text-align: center; }
.login-card .brand-sub { color: var(--muted); display: block; text-align: center; margin-bottom: 22px; opacity: 1; }
.login-card label { display: block; font-size: 13px; color: #3d4756; margin: 12px 0 4px; }
.login-card input { width: 100%; }
.login-card .btn { width: 100%; margin-top: 20px; padding: 9px; }
.login-card .hint { font-size: 12px; color: var(--muted); text-align: center; margin-top: 16px; }
.contact-row { border: 1px solid var(--line, #dde3ea); border-radius: 6px; margin: 0 0 10px; padding: 8px 10px; min-width: 0; }
.contact-row .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.contact-row label { display: flex; flex-direction: column; font-size: 13px; gap: 2px; min-width: 0; }
.contact-row label.check { flex-direction: row; align-items: center; gap: 6px; }
.contact-row input:not([type=checkbox]), .contact-row select { width: 100%; min-width: 0; }
.import-form textarea { width: 100%; box-sizing: border-box; font-family: monospace; }
.import-form label { display: block; margin-bottom: 6px; }
.import-form .row { margin-top: 10px; }
.row-errors ul, .contact-errors ul { margin: 6px 0 0; padding-left: 20px; }
tr.bad-row td { background: #fff1f0; }
.badge-bad { background: #fde2e1; color: #a8071a; }
`;
