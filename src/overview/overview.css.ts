// The overview page's own stylesheet (kept apart from console.css, which other pages own); served as an asset.
export const OVERVIEW_CSS = `
.overview .page-head { margin-bottom: 12px; }
.overview .page-head h1 { margin: 0 0 4px; font-size: 20px; }
.ov-cards { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 12px; margin-bottom: 16px; }
.ov-card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 14px;
  color: inherit; text-decoration: none; min-width: 0; }
.ov-card .ov-figure { font-size: 28px; font-weight: 600; line-height: 1.3; }
.ov-card .ov-figure small { font-size: 12px; font-weight: normal; color: var(--muted); margin-left: 4px; }
.ov-alert.hot { border-color: var(--accent); } .ov-alert.hot .ov-figure { color: var(--accent); }
.ov-alert.warm { border-color: var(--warn); } .ov-alert.warm .ov-figure { color: var(--warn); }
.ov-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.overview .card { margin-bottom: 16px; min-width: 0; }
.overview .table-wrap { overflow-x: auto; max-width: 100%; }
.ov-table { border-collapse: collapse; width: 100%; }
.ov-table th, .ov-table td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.ov-table th { white-space: nowrap; background: #f7f8fa; font-weight: 600; }
.ov-table td.num { text-align: right; }
.ov-table td.unit { white-space: nowrap; }
.ov-table td.overdue { color: var(--accent); font-weight: 600; }
.ov-list { list-style: none; margin: 0; padding: 0; }
.ov-list li { padding: 6px 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.ov-list li small { display: block; }
.ov-chart { overflow-x: auto; margin: 0; } .ov-chart svg { max-width: 100%; height: auto; }
@media (max-width: 900px) {
  .ov-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .ov-grid { grid-template-columns: minmax(0, 1fr); }
}
/* Phones: each clock becomes a small card instead of a five-column table squeezed to 360 px. */
@media (max-width: 600px) {
  .ov-clocks thead { display: none; }
  .ov-clocks tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
  .ov-clocks td { display: block; border: 0; padding: 2px 0; }
  .ov-clocks td br { display: none; }
  .ov-clocks td small { margin-left: 6px; }
}
`;
