import { html, raw, SafeHtml } from '../console/html';
import { formatShanghai } from '../notifications/time-format';
import { briefingTables, briefingTitle, headline, periodLabel, Table } from './briefing-content';
import { trendChart } from './briefing-chart';
import { BriefingRecord } from './briefing.types';

/** Incident numbers (#123) become links to the incident page. */
function cell(v: string): SafeHtml {
  const m = /^#(\d+) (.*)$/s.exec(v);
  return m ? html`<a href="/console/incidents/${m[1]}">#${m[1]}</a> ${m[2]}` : html`${v}`;
}

function tableHtml(t: Table): SafeHtml {
  if (t.rows.length === 0) return html`<h2>${t.title}</h2><p class="muted">${t.empty}</p>`;
  return html`<h2>${t.title}</h2>
    <table class="data">
      <thead><tr>${t.header.map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${t.rows.map((r) => html`<tr>${r.map((v) => html`<td>${cell(v)}</td>`)}</tr>`)}</tbody>
    </table>`;
}

/** The briefing's content, shared by the console page and the print page. */
export function briefingBody(b: BriefingRecord): SafeHtml {
  const s = b.snapshot;
  const [changes, ...rest] = briefingTables(s);
  const trend = rest.pop()!;
  return html`<h1>${briefingTitle(s)}</h1>
    <p class="version-line">${periodLabel(s)} · ${formatShanghai(new Date(b.sentAt))} 发送 · 收件 ${b.recipients} 人</p>
    <h2>总体情况</h2>
    <p>${headline(s)}</p>
    ${tableHtml(changes)} ${rest.map(tableHtml)}
    <h2>${trend.title}</h2>
    <figure class="chart" role="img" aria-label="${trend.title}">${raw(trendChart(s))}</figure>`;
}
