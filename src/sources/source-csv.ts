import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula, restoreNeutralised } from '../infrastructure/spreadsheet/formula-guard';
import { validateSourceInput } from './source-input';
import { FieldError, SourceInput } from './source.types';

/** The CSV columns, in export order. Import accepts them in any order; only name and authority_tier are required. */
export const SOURCE_CSV_COLUMNS = [
  'name',
  'kind',
  'url',
  'bureau_code',
  'authority_tier',
  'min_interval',
  'max_interval',
  'enabled',
] as const;

const REQUIRED = ['name', 'authority_tier'];

/**
 * Cells a header row may have: a valid file names at most the eight columns above, once each; 256 is the column
 * limit of the .xls format, so no spreadsheet has more. A longer header is refused before the file is parsed, and a
 * bad header names at most MAX_NAMED_COLUMNS of its unknown columns (a 300,000-column header made a 5 MB message).
 */
export const MAX_HEADER_CELLS = 256;
const MAX_NAMED_COLUMNS = 20;

/** Cells of the first record, counting at most up to `limit + 1`: a bounded scan that honours quotes. */
function headerCells(text: string, limit: number): number {
  let cells = 1;
  let quoted = false;
  for (let i = 0; i < text.length && cells <= limit; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') cells++;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return cells;
}

const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Names of unknown columns for a message: the first few, clipped, and how many more. */
function namedColumns(names: string[]): string {
  const shown = names.slice(0, MAX_NAMED_COLUMNS).map(clip).join(', ');
  const more = names.length - MAX_NAMED_COLUMNS;
  return more > 0 ? `${shown} …及另外 ${more} 列` : shown;
}

export interface CsvRowError extends FieldError {
  /** 1-based line in the file (the header is line 1); 0 for file-level problems. */
  line: number;
}

export interface ParsedCsvRow {
  line: number;
  input: SourceInput;
}

/** Parses and validates every row; a file with any error is reported whole and nothing is imported. */
export function parseSourcesCsv(text: string): { rows: ParsedCsvRow[]; errors: CsvRowError[] } {
  if (headerCells(text, MAX_HEADER_CELLS) > MAX_HEADER_CELLS) {
    const message = `表头超过 ${MAX_HEADER_CELLS} 列，不是信息源文件（可用列：${SOURCE_CSV_COLUMNS.join(', ')}）`;
    return { rows: [], errors: [{ line: 1, field: 'header', message }] };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    return {
      rows: [],
      errors: [{ line: 0, field: 'csv', message: `无法解析 CSV: ${(e as Error).message}` }],
    };
  }
  if (records.length === 0) return { rows: [], errors: [{ line: 0, field: 'csv', message: '文件为空' }] };
  const header = records[0].record.map((h) => h.toLowerCase());
  const errors: CsvRowError[] = [];
  const unknown = header.filter((h) => !(SOURCE_CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (unknown.length)
    errors.push({ line: 1, field: 'header', message: `未知的列: ${namedColumns(unknown)}` });
  if (missing.length) errors.push({ line: 1, field: 'header', message: `缺少列: ${missing.join(', ')}` });
  if (new Set(header).size !== header.length) errors.push({ line: 1, field: 'header', message: '列名重复' });
  if (errors.length) return { rows: [], errors };

  const rows: ParsedCsvRow[] = [];
  const seenNames = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push({ line, field: 'row', message: `应有 ${header.length} 列，实际 ${record.length} 列` });
      continue;
    }
    const cell = (c: string) => {
      const i = header.indexOf(c);
      // Our own export quotes formula-like cells: read them back as they were stored.
      return i < 0 ? undefined : restoreNeutralised(record[i]);
    };
    const { value, errors: rowErrors } = validateSourceInput({
      name: cell('name'),
      kind: cell('kind'),
      url: cell('url'),
      bureauCode: cell('bureau_code'),
      authorityTier: cell('authority_tier'),
      minIntervalSeconds: cell('min_interval'),
      maxIntervalSeconds: cell('max_interval'),
      enabled: cell('enabled'),
    });
    errors.push(...rowErrors.map((e) => ({ line, ...e })));
    const name = (cell('name') ?? '').trim();
    const earlier = seenNames.get(name);
    if (name && earlier !== undefined) {
      errors.push({ line, field: 'name', message: `与第 ${earlier} 行名称重复` });
      continue;
    }
    seenNames.set(name, line);
    if (value) rows.push({ line, input: value });
  }
  if (rows.length === 0 && errors.length === 0)
    errors.push({ line: 0, field: 'csv', message: '文件没有数据行' });
  return { rows, errors };
}

/**
 * The export: the same columns import reads, so an exported file re-imports unchanged (formula-like names are
 * quoted for the spreadsheet and unquoted again by the import).
 */
export function formatSourcesCsv(sources: readonly SourceInput[]): string {
  return stringify(
    sources.map((s) =>
      [
        s.name,
        s.kind,
        s.url ?? '',
        s.bureauCode ?? '',
        s.authorityTier,
        String(s.minIntervalSeconds),
        String(s.maxIntervalSeconds),
        s.enabled ? 'true' : 'false',
      ].map(neutraliseFormula),
    ),
    { header: true, columns: [...SOURCE_CSV_COLUMNS] },
  );
}
