import { html, raw } from '../console/html';
import { APP_NAME } from '../console/layout';
import { briefingBody } from './briefing-body.view';
import { briefingTitle, periodLabel } from './briefing-content';
import { BriefingRecord } from './briefing.types';

/** A4 portrait without console chrome: "print to PDF" gives the document to pass on. */
const PRINT_CSS = raw(`<style>
body{font-family:'FangSong','仿宋','Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif;color:#111827;margin:24px;font-size:14px;line-height:1.6}
h1{font-size:24px;text-align:center;margin:0 0 4px;color:#b91c1c}h2{font-size:16px;border-left:4px solid #b91c1c;padding-left:8px;margin:18px 0 8px}
.version-line{text-align:center;color:#5b6675;margin:0 0 12px}.muted{color:#5b6675}
table.data{width:100%;border-collapse:collapse;font-size:13px}
table.data th,table.data td{border:1px solid #cbd5e1;padding:4px 6px;text-align:left}
table.data th{background:#f1f5f9}a{color:inherit;text-decoration:none}
figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto}
@page{size:A4 portrait;margin:15mm}
@media print{body{margin:0}thead{display:table-header-group}tr,figure{break-inside:avoid;page-break-inside:avoid}}
</style>`);

export function renderBriefingPrint(b: BriefingRecord): string {
  const s = b.snapshot;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${briefingTitle(s)} ${periodLabel(s)} · ${APP_NAME}</title>
        ${PRINT_CSS}
      </head>
      <body class="print">
        ${briefingBody(b)}
      </body>
    </html>`.toString();
}
