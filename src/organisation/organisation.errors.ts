import { DomainError } from '../infrastructure/http/domain-error';
import type { CsvIssue } from './contacts-csv';

/** Errors of the organisation directory; the global filter maps their kind to the HTTP status. */
export class OrganisationError extends DomainError {}

export const bureauNotFound = (code: string) =>
  new OrganisationError('not_found', 'ORG_BUREAU_NOT_FOUND', `单位 ${code} 不存在 (unknown bureau)`);

/** Nothing was written; `details` lists every bad row, so the whole file can be fixed in one go. */
export const csvInvalid = (issues: CsvIssue[]) => {
  const lines = new Set(issues.map((i) => i.line)).size;
  return new OrganisationError(
    'invalid',
    'ORG_CSV_INVALID',
    `联系人文件有 ${issues.length} 处错误（涉及 ${lines} 行），未导入任何数据 (CSV rejected, nothing imported)`,
    issues,
  );
};

export const csvEmpty = () =>
  new OrganisationError('invalid', 'ORG_CSV_EMPTY', '联系人文件没有数据行 (the CSV has no contact rows)');
