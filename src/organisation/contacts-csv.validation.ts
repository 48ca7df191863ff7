/** Row validation of a contacts CSV (pure): resolves each row's bureau and checks every field. */
import type { ContactCsvRow, CsvColumn, CsvIssue, CsvIssueCode } from './contacts-csv';
import { clip, IssueList } from './contacts-csv.issues';
import { CONTACT_ROLE_LABELS, CONTACT_ROLES, ContactRole } from './organisation.types';

const MAX_LENGTH: Partial<Record<CsvColumn, number>> = { name: 100, title: 100, email: 254, phone: 50 };

/** A valid row, ready to be written. */
export interface ContactInput {
  line: number;
  bureauCode: string;
  role: ContactRole;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
}

/** What validation needs to know about a bureau the file mentions. */
export interface BureauRef {
  code: string;
  name: string;
  shortName: string;
  aliases: string[];
  path: string;
}

/** `head` or `HEAD` or 主要负责人 → 'head'. */
export function parseRole(value: string): ContactRole | null {
  const v = value.trim();
  const english = CONTACT_ROLES.find((r) => r === v.toLowerCase());
  if (english) return english;
  return CONTACT_ROLES.find((r) => CONTACT_ROLE_LABELS[r] === v) ?? null;
}

// Deliberately simple: one address, no spaces, a dot in the domain. The mail server is the final judge.
const EMAIL = /^[^@\s,;<>"]+@[^@\s,;<>"]+\.[^@\s,;<>".]+$/;

function describe(b: BureauRef): string {
  return `${b.code} ${b.name}`;
}

/** Every name a bureau can be written as in the bureau_name column (exact match only). */
function namesOf(b: BureauRef): string[] {
  return [...new Set([b.name, b.shortName, ...b.aliases])];
}

/**
 * Checks each row and resolves its bureau. `bureaus` must include every bureau the rows mention (by code or by any
 * of its names); `scopePath` is the importing principal's subtree. Returns the issues of all rows, the first
 * MAX_REPORTED_ISSUES of them in full and the rest counted (contacts-csv.issues.ts).
 */
export function validateContactRows(
  rows: ContactCsvRow[],
  bureaus: BureauRef[],
  scopePath: string,
): { contacts: ContactInput[]; issues: CsvIssue[] } {
  const byCode = new Map(bureaus.map((b) => [b.code, b]));
  const byName = new Map<string, BureauRef[]>();
  for (const b of bureaus) for (const n of namesOf(b)) byName.set(n, [...(byName.get(n) ?? []), b]);
  const issues = new IssueList();
  const contacts: ContactInput[] = [];
  const seen = new Map<string, number>();

  for (const row of rows) {
    const rowIssues: CsvIssue[] = [];
    const issue = (column: CsvColumn | null, code: CsvIssueCode, message: string) =>
      rowIssues.push({ line: row.line, column, code, message });

    let bureau: BureauRef | undefined;
    const byCodeHit = row.bureauCode ? byCode.get(row.bureauCode) : undefined;
    const named = row.bureauName ? (byName.get(row.bureauName) ?? []) : [];
    if (!row.bureauCode && !row.bureauName) {
      issue('bureau_code', 'missing_bureau', '缺少单位代码或单位名称');
    } else if (row.bureauCode && !byCodeHit) {
      issue('bureau_code', 'unknown_bureau', `未知单位代码“${clip(row.bureauCode)}”`);
    } else if (row.bureauName && named.length === 0) {
      issue('bureau_name', 'unknown_bureau', `未知单位名称“${clip(row.bureauName)}”`);
    } else if (byCodeHit) {
      bureau = byCodeHit;
      if (row.bureauName && !named.includes(byCodeHit)) {
        issue(
          'bureau_name',
          'bureau_mismatch',
          `单位名称“${clip(row.bureauName)}”与单位代码 ${describe(byCodeHit)} 不符`,
        );
      }
    } else if (named.length > 1) {
      issue(
        'bureau_name',
        'ambiguous_bureau',
        `单位名称“${clip(row.bureauName)}”对应多个单位（${[...named]
          .sort((a, b) => a.code.localeCompare(b.code))
          .map(describe)
          .join('；')}），请填写单位代码或全称`,
      );
    } else {
      bureau = named[0];
    }
    if (bureau && !bureau.path.startsWith(scopePath)) {
      issue(
        row.bureauCode ? 'bureau_code' : 'bureau_name',
        'out_of_scope',
        `单位 ${describe(bureau)} 不在您的管辖范围内`,
      );
    }

    const role = parseRole(row.role);
    if (!row.role) issue('role', 'missing_role', '缺少角色');
    else if (!role) {
      const accepted = CONTACT_ROLES.map((r) => `${r}/${CONTACT_ROLE_LABELS[r]}`).join('、');
      issue('role', 'unknown_role', `未知角色“${clip(row.role)}”，可用：${accepted}`);
    }
    if (!row.name) issue('name', 'missing_name', '缺少姓名');
    if (!row.email) issue('email', 'missing_email', '缺少邮箱');
    else if (!EMAIL.test(row.email)) issue('email', 'bad_email', `邮箱格式不正确“${clip(row.email)}”`);
    for (const col of ['name', 'title', 'email', 'phone'] as const) {
      const value = row[col];
      const max = MAX_LENGTH[col]!;
      if ([...value].length > max) issue(col, 'too_long', `${col} 超过 ${max} 个字符`);
      // A cell starting with = or @ is run as a formula when the exported file is opened in a spreadsheet.
      if (/^[=@]/.test(value)) issue(col, 'formula', `${col} 不能以 = 或 @ 开头`);
    }

    if (bureau && role && row.email) {
      const key = `${bureau.code}\u0000${role}\u0000${row.email.toLowerCase()}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issue(null, 'duplicate_row', `与第 ${first} 行重复（同一单位、角色和邮箱）`);
      } else {
        seen.set(key, row.line);
      }
    }
    if (rowIssues.length) {
      issues.push(...rowIssues);
    } else {
      contacts.push({
        line: row.line,
        bureauCode: bureau!.code,
        role: role!,
        name: row.name,
        title: row.title || null,
        email: row.email,
        phone: row.phone || null,
      });
    }
  }
  return { contacts, issues: issues.list() };
}
