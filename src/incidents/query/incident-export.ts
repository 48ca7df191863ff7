import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { bureauUnitLabel } from '../../console/layout';
import { neutraliseFormula } from '../../infrastructure/spreadsheet/formula-guard';
import { formatShanghai } from '../../notifications/time-format';
import type { IncidentListRow } from './incident-query.service';
import { GRADE_LABELS, Grade, IncidentStatus, STATUS_LABELS } from '../incident.types';

/** Enough for a month of a province's incidents; a wider export is narrowed with the filters. */
export const EXPORT_MAX_ROWS = 10_000;

const COLUMNS: { header: string; width: number; value: (r: IncidentListRow) => string | number }[] = [
  { header: '事件编号', width: 10, value: (r) => r.id },
  { header: '等级', width: 12, value: (r) => GRADE_LABELS[r.grade as Grade] ?? r.grade },
  { header: '标题', width: 48, value: (r) => r.title },
  { header: '单位', width: 18, value: (r) => (r.bureauCode ? bureauUnitLabel(r.bureauCode) : '未分配') },
  { header: '单位全称', width: 36, value: (r) => r.bureauName ?? '' },
  { header: '类别', width: 14, value: (r) => r.category ?? '' },
  { header: '状态', width: 10, value: (r) => STATUS_LABELS[r.status as IncidentStatus] ?? r.status },
  { header: '条目数', width: 8, value: (r) => r.itemCount },
  { header: '来源数', width: 8, value: (r) => r.sourceCount },
  { header: '热度', width: 8, value: (r) => r.heat },
  { header: '发现时间（北京时间）', width: 20, value: (r) => formatShanghai(new Date(r.detectedAt)) },
  { header: '最新报道（北京时间）', width: 20, value: (r) => formatShanghai(new Date(r.lastSeenAt)) },
  { header: '摘要', width: 60, value: (r) => r.summary ?? '' },
];

/** Text typed by others (titles from the web) could run as a formula in Excel or WPS: quoted as in bulletin-csv. */
const cell = (v: string | number) => (typeof v === 'string' ? neutraliseFormula(v) : v);

/** UTF-8 with a BOM and CRLF, as bulletin-csv.ts, so Excel and WPS on Chinese Windows open it without mojibake. */
export function incidentsCsv(rows: IncidentListRow[]): Buffer {
  const body = stringify(
    [COLUMNS.map((c) => c.header), ...rows.map((r) => COLUMNS.map((c) => cell(c.value(r))))],
    {
      record_delimiter: '\r\n',
    },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export async function incidentsXlsx(rows: IncidentListRow[], at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '舆情哨';
  wb.created = at;
  wb.modified = at;
  const ws = wb.addWorksheet('事件列表', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(COLUMNS.map((c) => cell(c.value(r))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
