import { html, raw } from '../../console/html';
import { assetUrl } from '../../console/console-assets';
import { APP_NAME } from '../../console/layout';
import { regionBarChart, trendLineChart } from '../bulletin/bulletin-charts';
import {
  chartHtml,
  reportHeadline,
  STATS_CSS,
  summaryCards,
  tableHtml,
  versionLine,
} from '../bulletin/bulletin-html';
import { bulletinTables } from '../bulletin/bulletin-tables';
import { MonthlyReport } from '../statistics.types';

/**
 * The print view: the whole bulletin on A4 landscape without console chrome, each table starting on a new page, table
 * headers repeated on every page, rows never split — "print to PDF" in any browser gives the circulated document.
 */
const PRINT_CSS = raw(`<style>
body{font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;color:#1f2937;margin:24px;font-size:13px}
h1{font-size:22px;text-align:center;margin:0 0 4px}h2{font-size:16px;border-left:4px solid #b91c1c;padding-left:8px;margin:18px 0 8px}
.version-line{text-align:center;color:#5b6675;margin:0 0 12px}
table.data{width:100%;border-collapse:collapse;font-size:12px}
table.data th,table.data td{border:1px solid #cbd5e1;padding:4px 6px;text-align:left}
table.data th{background:#f1f5f9}table.data .num{text-align:right;font-variant-numeric:tabular-nums}
.no-print{margin-bottom:12px}
@page{size:A4 landscape;margin:12mm}
@media print{
  body{margin:0}.no-print{display:none}
  section.page{break-before:page;page-break-before:always}
  section.page:first-of-type{break-before:auto;page-break-before:auto}
  thead{display:table-header-group}tr,figure{break-inside:avoid;page-break-inside:avoid}
  .stat-card{break-inside:avoid}
}
</style>`);

export function renderPrintView(r: MonthlyReport): string {
  const s = r.snapshot;
  const tables = bulletinTables(s, r.tasks);
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>${reportHeadline(r)} · ${APP_NAME}</title>
        ${STATS_CSS} ${PRINT_CSS}
        <script src="${assetUrl('console.js')}" defer></script>
      </head>
      <body class="print">
        <p class="no-print"><button type="button" data-print>打印 / 保存为 PDF</button></p>
        <section class="page">
          <h1>${reportHeadline(r)}</h1>
          <p class="version-line">${versionLine(r)}</p>
          ${summaryCards(s)} ${s.units.length > 0 && chartHtml(regionBarChart(s, 1000, 340), '各单位负面舆情柱状图')}
          ${chartHtml(trendLineChart(s, 1000, 260), '近13个月趋势折线图')}
        </section>
        ${tables.map((t) => html`<section class="page"><h2>${t.title}</h2>${tableHtml(t)}</section>`)}
      </body>
    </html>`.toString();
}
