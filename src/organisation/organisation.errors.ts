import { DomainError } from '../infrastructure/http/domain-error';
import type { CsvIssue } from './contacts-csv';

/** Errors of the organisation directory; the global filter maps their kind to the HTTP status. */
export class OrganisationError extends DomainError {}

export const bureauNotFound = (code: string) =>
  new OrganisationError('not_found', 'ORG_BUREAU_NOT_FOUND', `单位 ${code} 不存在 (unknown bureau)`);

/** Nothing was written; `details` lists every bad row, so the whole file can be fixed in one go. */
export const csvInvalid = (issues: CsvIssue[]) => {
  // A long list is cut (contacts-csv.issues.ts): its closing issue counts the ones not listed.
  const listed = issues.filter((i) => i.code !== 'truncated');
  const total =
    listed.length + issues.reduce((n, i) => n + (i.code === 'truncated' ? (i.omitted ?? 0) : 0), 0);
  const lines = new Set(listed.map((i) => i.line)).size;
  const more = listed.length < total ? '以上' : '';
  return new OrganisationError(
    'invalid',
    'ORG_CSV_INVALID',
    `联系人文件有 ${total} 处错误（涉及 ${lines} 行${more}），未导入任何数据 (CSV rejected, nothing imported)`,
    issues,
  );
};

export const csvEmpty = () =>
  new OrganisationError('invalid', 'ORG_CSV_EMPTY', '联系人文件没有数据行 (the CSV has no contact rows)');
