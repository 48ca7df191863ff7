/**
 * Bureau contacts as CSV: decoding, parsing and export format; row validation in contacts-csv.validation.ts. Pure:
 * the database work is in contacts.service.ts.
 *
 * Columns: bureau_code, bureau_name, role, name, title, email, phone. A header row is required; either bureau_code or
 * bureau_name (or both, which must then agree) identifies the bureau. Chinese headers (单位代码, 姓名 …) and the
 * Chinese role labels (主要负责人 …) are accepted too, because the file is usually kept in Excel by bureau staff.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula, restoreNeutralised } from '../infrastructure/spreadsheet/formula-guard';
import { CsvDecodeError, decodeCsv } from './contacts-csv.decode';
import { clip, IssueList } from './contacts-csv.issues';
import type { ContactRole } from './organisation.types';

// Row validation lives beside this file; it is part of the same CSV contract.
export { parseRole, validateContactRows } from './contacts-csv.validation';
export type { BureauRef, ContactInput } from './contacts-csv.validation';
export { CsvDecodeError, decodeCsv } from './contacts-csv.decode';
export { MAX_REPORTED_ISSUES } from './contacts-csv.issues';

export const CSV_COLUMNS = ['bureau_code', 'bureau_name', 'role', 'name', 'title', 'email', 'phone'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const HEADER_ALIASES: Record<CsvColumn, string[]> = {
  bureau_code: ['bureau_code', 'code', '单位代码', '机构代码'],
  bureau_name: ['bureau_name', '单位名称', '单位', '机构名称'],
  role: ['role', '角色', '类别'],
  name: ['name', '姓名'],
  title: ['title', '职务'],
  email: ['email', 'e-mail', '邮箱', '电子邮箱'],
  phone: ['phone', '电话', '联系电话'],
};

/**
 * Cells a header row may have. A valid file names at most the seven columns above; empty cells beyond them are
 * tolerated (Excel writes some when formatting reached past the data), up to 256 — the column limit of the .xls
 * format, so no spreadsheet a bureau keeps has more. A longer header is refused before the file is parsed at all.
 */
export const MAX_HEADER_CELLS = 256;

export type CsvIssueCode =
  | 'encoding'
  | 'truncated'
  | 'header'
  | 'syntax'
  | 'column_count'
  | 'missing_bureau'
  | 'unknown_bureau'
  | 'ambiguous_bureau'
  | 'bureau_mismatch'
  | 'out_of_scope'
  | 'missing_role'
  | 'unknown_role'
  | 'missing_name'
  | 'missing_email'
  | 'bad_email'
  | 'too_long'
  | 'formula'
  | 'duplicate_row';

/** One problem in the file: the 1-based line where the row starts, the column (null: the whole row) and why. */
export interface CsvIssue {
  line: number;
  column: CsvColumn | null;
  code: CsvIssueCode;
  message: string;
  /** On the closing 'truncated' issue: how many issues it stands for. */
  omitted?: number;
}

/** A data row as written in the file (trimmed), before the bureau is resolved. */
export interface ContactCsvRow {
  line: number;
  bureauCode: string;
  bureauName: string;
  role: string;
  name: string;
  title: string;
  email: string;
  phone: string;
}
/** Comma, unless the header line clearly uses tabs or semicolons (Excel "Unicode text", European Excel). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  if (count(',') > 0) return ',';
  if (count('\t') > 0) return '\t';
  return count(';') > 0 ? ';' : ',';
}

/** Cells of the first record, counting at most up to `limit + 1`: a bounded scan that honours quotes. */
function headerCells(text: string, delimiter: string, limit: number): number {
  let cells = 1;
  let quoted = false;
  for (let i = 0; i < text.length && cells <= limit; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) cells++;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return cells;
}

function headerColumn(h: string): CsvColumn | undefined {
  const key = h.trim().toLowerCase();
  return CSV_COLUMNS.find((c) => HEADER_ALIASES[c].includes(key));
}

/** Parses the file into rows; `issues` holds header, syntax and column-count problems. */
export function parseContactsCsv(input: string | Uint8Array): { rows: ContactCsvRow[]; issues: CsvIssue[] } {
  let text: string;
  try {
    text = decodeCsv(input);
  } catch (e) {
    if (!(e instanceof CsvDecodeError)) throw e;
    return { rows: [], issues: [{ line: e.line, column: null, code: 'encoding', message: e.message }] };
  }
  const delimiter = delimiterOf(text);
  if (headerCells(text, delimiter, MAX_HEADER_CELLS) > MAX_HEADER_CELLS) {
    const message = `表头超过 ${MAX_HEADER_CELLS} 列，不是联系人文件（可用列：${CSV_COLUMNS.join(', ')}）`;
    return { rows: [], issues: [{ line: 1, column: null, code: 'header', message }] };
  }
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      delimiter,
    }) as unknown as typeof records;
  } catch (e) {
    const line = Number((e as { lines?: number }).lines) || 1;
    return {
      rows: [],
      issues: [{ line, column: null, code: 'syntax', message: `CSV 格式错误：${(e as Error).message}` }],
    };
  }
  const issues = new IssueList();
  if (records.length === 0) {
    return {
      rows: [],
      issues: [{ line: 1, column: null, code: 'header', message: '缺少表头行 (header row required)' }],
    };
  }
  const header = records[0].record;
  const columns: (CsvColumn | undefined)[] = header.map(headerColumn);
  // Missing columns first: past the cap, the unknown ones are only counted, and these are what the file needs.
  for (const required of ['role', 'name', 'email'] as const) {
    if (!columns.includes(required)) {
      issues.push({ line: 1, column: required, code: 'header', message: `缺少必需的列 ${required}` });
    }
  }
  if (!columns.includes('bureau_code') && !columns.includes('bureau_name')) {
    issues.push({
      line: 1,
      column: 'bureau_code',
      code: 'header',
      message: '缺少 bureau_code 或 bureau_name 列',
    });
  }
  header.forEach((h, i) => {
    const col = columns[i];
    if (!col && h.trim() !== '') {
      issues.push({
        line: 1,
        column: null,
        code: 'header',
        message: `未知列“${clip(h.trim())}”，可用列：${CSV_COLUMNS.join(', ')}`,
      });
    } else if (col && columns.indexOf(col) !== i) {
      issues.push({ line: 1, column: col, code: 'header', message: `列 ${col} 重复` });
    }
  });
  if (issues.length) return { rows: [], issues: issues.list() };

  const rows: ContactCsvRow[] = [];
  // csv-parse reports the line a record ends on; a record starts on the line after the previous one ended.
  let start = records[0].info.lines + 1;
  for (const { info, record } of records.slice(1)) {
    const line = start;
    start = info.lines + 1;
    if (record.every((v) => v.trim() === '')) continue; // blank lines, and Excel's rows of empty cells
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      issues.push({
        line,
        column: null,
        code: 'column_count',
        message: `该行有 ${record.length} 列，表头只有 ${header.length} 列`,
      });
      continue;
    }
    const get = (c: CsvColumn) => {
      const i = columns.indexOf(c);
      // Our own export quotes formula-like cells (+86 phone numbers): read them back as they were stored.
      return i >= 0 ? restoreNeutralised((record[i] ?? '').trim()) : '';
    };
    rows.push({
      line,
      bureauCode: get('bureau_code'),
      bureauName: get('bureau_name'),
      role: get('role'),
      name: get('name'),
      title: get('title'),
      email: get('email'),
      phone: get('phone'),
    });
  }
  return { rows, issues: issues.list() };
}

export interface ContactCsvOut {
  bureauCode: string;
  bureauName: string;
  role: ContactRole;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
}

/**
 * The export: UTF-8 with a BOM and CRLF line ends, so Excel opens the Chinese text correctly; re-importable as is
 * (formula-like cells are quoted for the spreadsheet and unquoted again by the import).
 */
export function formatContactsCsv(rows: ContactCsvOut[]): string {
  return stringify(
    rows.map((r) =>
      [r.bureauCode, r.bureauName, r.role, r.name, r.title ?? '', r.email, r.phone ?? ''].map(
        neutraliseFormula,
      ),
    ),
    { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
}
