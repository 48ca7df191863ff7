/**
 * A bulletin table's shape and how its cells read: shared by the tables (bulletin-tables.ts) and every output that
 * renders them (page, print view, XLSX, CSV, email).
 */

/** int: 12 · pct: 0.125 → 12.5% · change: signed percentage · num1/num2/num4: decimals · text. */
export type CellFormat = 'int' | 'pct' | 'change' | 'num1' | 'num2' | 'num4' | 'text';
export type Cell = string | number | null;

export interface TableColumn {
  header: string;
  format: CellFormat;
  /** Column width in characters (XLSX). */
  width?: number;
}

export interface BulletinTable {
  key: string;
  /** Sheet name (≤ 31 characters) and section title. */
  title: string;
  columns: TableColumn[];
  rows: Cell[][];
  /** Index of rows that are totals (bold). */
  totalRows: number[];
}

export const DASH = '—';

export const col = (header: string, format: CellFormat, width?: number): TableColumn => ({
  header,
  format,
  width,
});

/** Display text of a cell (page, print, CSV): the same rounding as the XLSX number formats. */
export function formatCell(v: Cell, f: CellFormat): string {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'string') return v;
  switch (f) {
    case 'pct':
      return `${(v * 100).toFixed(1)}%`;
    case 'change':
      return `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
    case 'num1':
      return v.toFixed(1);
    case 'num2':
      return v.toFixed(2);
    case 'num4':
      return v.toFixed(4);
    default:
      return String(v);
  }
}
