import type { Principal } from '../../auth/roles';
import { html, raw, SafeHtml } from '../../console/html';
import { APP_NAME, renderPage } from '../../console/layout';
import { spreadChart } from '../../incidents/console/incident-spread-chart';
import { formatShanghai, formatShanghaiLong } from '../../notifications/time-format';
import { SECTION_FIELDS, SECTION_LABELS, SpecialReport } from './special-report.types';

const chart = (r: SpecialReport) =>
  spreadChart(r.figures.spread.map((s) => ({ ...s, hour: new Date(s.hour) })));

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => html`<p class="indent">${l.trim()}</p>`);

/** The report in the official layout, for the print page and the read-only view of a submitted report. */
function officialDocument(r: SpecialReport): SafeHtml {
  const at = new Date(r.submittedAt ?? r.updatedAt);
  return html`<div class="special-report">
    <h1 class="doc-kind">舆情专报</h1>
    ${r.reference ? html`<p class="center">${r.reference}</p>` : ''}
    <h2 class="doc-title">${r.title}</h2>
    ${r.addressee ? html`<p>${r.addressee}：</p>` : ''}
    ${SECTION_FIELDS.map(
      (k) =>
        html`<h3>${SECTION_LABELS[k]}</h3>${paragraphs(r[k])}${k === 'spread' ? html`<figure>${chart(r)}</figure>` : ''}`,
    )}
    <p class="right">报送单位：${r.reportingUnit}</p>
    <p class="right">报送时间：${formatShanghaiLong(at)}</p>
  </div>`;
}

const field = (name: string, label: string, value: string, rows = 0) =>
  rows
    ? html`<label class="stack">${label}<textarea name="${name}" rows="${rows}" maxlength="20000">${value}</textarea></label>`
    : html`<label class="stack">${label}<input name="${name}" value="${value}" maxlength="200" required /></label>`;

/** The submit form only for who may report the incident (SpecialReportsService.maySubmit); others are told why. */
function submitForm(r: SpecialReport, canSubmit: boolean): SafeHtml {
  if (!canSubmit)
    return html`<div class="card"><h2>报送</h2>
      <p class="muted">报送专报即向上级报告本事件（并签收），须由有权上报该事件的人员（如该单位主要负责人、舆情监测岗）办理；您可以编写和保存草稿。</p></div>`;
  return html`<form method="post" action="/console/special-reports/${r.id}/submit" class="card">
    <h2>报送</h2>
    <p class="muted">报送后专报锁定，文号与报送对象记入事件的“已上报”证据（首报、书面报告时限）。</p>
    <label class="stack">报送对象<input name="addressee" maxlength="200" required placeholder="如：国家税务总局办公厅" /></label>
    <label class="stack">文号<input name="reference" maxlength="100" required placeholder="如：粤税舆〔2026〕12号" /></label>
    <button type="submit">确认报送</button>
  </form>`;
}

export function renderSpecialReportPage(
  p: Principal,
  r: SpecialReport,
  opts: { canSubmit: boolean; error?: string },
): string {
  const error = opts.error;
  const links = html`<p class="no-print">
    <a href="/console/incidents/${r.incidentId}">← 返回事件 #${r.incidentId}</a> ·
    <a href="/api/special-reports/${r.id}/docx">下载 Word</a> ·
    <a href="/console/special-reports/${r.id}/print">打印版</a>
  </p>`;
  const err = error ? html`<p class="flash error" role="alert">${error}</p>` : '';
  if (r.status === 'submitted')
    return renderPage({
      title: r.title,
      principal: p,
      active: 'incidents',
      body: html`${links}
        <p class="muted">已于 ${formatShanghai(new Date(r.submittedAt!))} 由 ${r.submittedBy} 报送${r.addressee}（文号 ${r.reference}），内容已锁定。</p>
        ${officialDocument(r)}`,
    });
  return renderPage({
    title: `编辑舆情专报 · ${r.title}`,
    principal: p,
    active: 'incidents',
    body: html`${links}${err}
      <h1>编辑舆情专报（草稿）</h1>
      <form method="post" action="/console/special-reports/${r.id}" class="card">
        ${field('title', '标题', r.title)}
        ${SECTION_FIELDS.map((k) => field(k, SECTION_LABELS[k], r[k], k === 'spread' || k === 'basic' ? 6 : 4))}
        <figure>${chart(r)}</figure>
        ${field('reportingUnit', '报送单位', r.reportingUnit)}
        <button type="submit">保存草稿</button>
      </form>
      ${submitForm(r, opts.canSubmit)}`,
  });
}

const PRINT_CSS = raw(`<style>
body{font-family:'FangSong','仿宋','Noto Serif CJK SC',serif;color:#111;margin:24px auto;max-width:760px;font-size:16pt;line-height:1.75}
.doc-kind{font-size:26pt;text-align:center;color:#b91c1c;margin:0}.doc-title{font-size:22pt;text-align:center}
h3{font-family:'SimHei','黑体',sans-serif;font-size:16pt;font-weight:normal;margin:12px 0 4px}
.indent{text-indent:2em;margin:0}.center{text-align:center}.right{text-align:right;margin:0}
figure{margin:8px 0}svg{max-width:100%;height:auto}
@page{size:A4 portrait;margin:37mm 26mm 35mm 28mm}@media print{body{margin:0}figure{break-inside:avoid}}
</style>`);

export function renderSpecialReportPrint(r: SpecialReport): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${r.title} · ${APP_NAME}</title>
        ${PRINT_CSS}
      </head>
      <body class="print">${officialDocument(r)}</body>
    </html>`.toString();
}
