import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../infrastructure/spreadsheet/formula-guard';
import { BulletinTable, CellFormat, DASH } from './bulletin-cells';
import { scopeLabel } from './bulletin-tables';
import { monthLabel } from '../figures/statistics-month';
import { MonthlySnapshot } from '../statistics.types';

/** Excel number formats matching formatCell's rounding, so the workbook shows what the page shows. */
const NUM_FMT: Record<CellFormat, string | undefined> = {
  int: '0',
  pct: '0.0%',
  change: '+0.0%;-0.0%;0.0%',
  num1: '0.0',
  num2: '0.00',
  num4: '0.0000',
  text: undefined,
};

function addSheet(wb: ExcelJS.Workbook, t: BulletinTable): void {
  const ws = wb.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  t.rows.forEach((r, i) => {
    // "—" (no denominator) is written as text, never as 0: an empty rate is not 0%. Text is quoted like the CSV's:
    // a string cell is not a formula, but editing it (F2, Enter) in Excel or WPS turns "=…" into one.
    const row = ws.addRow(
      r.map((v) => (v === null ? DASH : typeof v === 'string' ? neutraliseFormula(v) : v)),
    );
    t.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const fmt = NUM_FMT[c.format];
      if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
      if (cell.value === DASH) cell.alignment = { horizontal: 'right' };
      if (c.format === 'text')
        cell.alignment = { wrapText: c.width !== undefined && c.width >= 30, vertical: 'top' };
    });
    if (t.totalRows.includes(i)) row.font = { bold: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
}

/** The workbook of a bulletin: one sheet per table, Chinese headers, frozen header row, number formats. */
export async function bulletinXlsx(s: MonthlySnapshot, tables: BulletinTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '舆情哨';
  wb.title = `${monthLabel(s.month)}${s.scope.name}负面舆情统计通报`;
  wb.created = new Date(s.asOf);
  wb.modified = new Date(s.asOf);
  for (const t of tables) addSheet(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 2026年10月广东省税务局负面舆情统计.xlsx (ASCII fallback for old clients: statistics-2026-10-44.xlsx). */
export function bulletinFileName(
  s: MonthlySnapshot,
  ext: 'xlsx' | 'csv' | 'html',
): { utf8: string; ascii: string } {
  return {
    utf8: `${monthLabel(s.month)}${scopeLabel(s)}负面舆情统计.${ext}`,
    ascii: `statistics-${s.month}-${s.scope.code}.${ext}`,
  };
}

export function contentDisposition(name: { utf8: string; ascii: string }): string {
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;
}
