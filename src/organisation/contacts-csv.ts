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
import iconv from 'iconv-lite';
import { neutraliseFormula, restoreNeutralised } from '../infrastructure/spreadsheet/formula-guard';
import type { ContactRole } from './organisation.types';

// Row validation lives beside this file; it is part of the same CSV contract.
export { parseRole, validateContactRows } from './contacts-csv.validation';
export type { BureauRef, ContactInput } from './contacts-csv.validation';

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

export type CsvIssueCode =
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
/**
 * Bytes as Excel and friends write them: UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text"), or, when
 * the bytes are not valid UTF-8, GB18030 — what "CSV (逗号分隔)" produces on a Chinese Windows.
 */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return iconv.decode(b, 'gb18030');
  }
}

/** Comma, unless the header line clearly uses tabs or semicolons (Excel "Unicode text", European Excel). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  if (count(',') > 0) return ',';
  if (count('\t') > 0) return '\t';
  return count(';') > 0 ? ';' : ',';
}

function headerColumn(h: string): CsvColumn | undefined {
  const key = h.trim().toLowerCase();
  return CSV_COLUMNS.find((c) => HEADER_ALIASES[c].includes(key));
}

/** Parses the file into rows; `issues` holds header, syntax and column-count problems. */
export function parseContactsCsv(input: string | Uint8Array): { rows: ContactCsvRow[]; issues: CsvIssue[] } {
  const text = decodeCsv(input);
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      delimiter: delimiterOf(text),
    }) as unknown as typeof records;
  } catch (e) {
    const line = Number((e as { lines?: number }).lines) || 1;
    return {
      rows: [],
      issues: [{ line, column: null, code: 'syntax', message: `CSV 格式错误：${(e as Error).message}` }],
    };
  }
  const issues: CsvIssue[] = [];
  if (records.length === 0) {
    return {
      rows: [],
      issues: [{ line: 1, column: null, code: 'header', message: '缺少表头行 (header row required)' }],
    };
  }
  const header = records[0].record;
  const columns: (CsvColumn | undefined)[] = header.map(headerColumn);
  header.forEach((h, i) => {
    const col = columns[i];
    if (!col && h.trim() !== '') {
      issues.push({
        line: 1,
        column: null,
        code: 'header',
        message: `未知列“${h.trim()}”，可用列：${CSV_COLUMNS.join(', ')}`,
      });
    } else if (col && columns.indexOf(col) !== i) {
      issues.push({ line: 1, column: col, code: 'header', message: `列 ${col} 重复` });
    }
  });
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
  if (issues.length) return { rows: [], issues };

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
  return { rows, issues };
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
