import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { can } from '../auth/policy/policy';
import { Principal } from '../auth/roles';
import { DomainError } from '../infrastructure/http/domain-error';
import { CsvRowError, formatSourcesCsv, parseSourcesCsv } from './source-csv';
import { SourceError } from './sources.errors';
import { SourcesService } from './sources.service';
import { SourceInput } from './source.types';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Secrets of push sources this import created: shown once. */
  pushSecrets: { name: string; id: string; pushSecret: string }[];
}

/**
 * Errors an answer lists in `details`: a broken 5 MB file has hundreds of thousands, and whoever fixes it works from
 * the first few. The message still counts them all.
 */
export const MAX_REPORTED_ERRORS = 50;

const csvInvalid = (all: CsvRowError[]) => {
  const errors = all.slice(0, MAX_REPORTED_ERRORS);
  const omitted = all.length - errors.length;
  if (omitted > 0) {
    const from = all[MAX_REPORTED_ERRORS].line;
    errors.push({
      line: from,
      field: 'more',
      message: `…及另外 ${omitted} 处错误（自第 ${from} 行起，未逐一列出）`,
    });
  }
  return new SourceError(
    'invalid',
    'SOURCE_CSV_INVALID',
    `CSV 有 ${all.length} 处错误，未导入任何信息源: ` +
      errors
        .slice(0, 5)
        .map((e) => `第 ${e.line} 行 ${e.field}: ${e.message}`)
        .join('; '),
    { errors },
  );
};

const sameDefinition = (a: SourceInput, b: SourceInput) =>
  a.url === b.url &&
  a.bureauCode === b.bureauCode &&
  a.authorityTier === b.authorityTier &&
  a.minIntervalSeconds === b.minIntervalSeconds &&
  a.maxIntervalSeconds === b.maxIntervalSeconds &&
  a.enabled === b.enabled;

/**
 * CSV import and export. Import is all-or-nothing: every row is checked (format, bureau, scope, kind, URL clashes)
 * and every problem reported with its line before anything is written; then all rows are applied in one
 * transaction. Rows match existing sources by name, so re-importing an export changes nothing.
 */
@Injectable()
export class SourcesImportService {
  constructor(
    private readonly db: DataSource,
    private readonly sources: SourcesService,
  ) {}

  async exportCsv(p: Principal | null): Promise<string> {
    return formatSourcesCsv(await this.sources.list(p));
  }

  async importCsv(text: string, actor: Principal | null): Promise<ImportReport> {
    const { rows, errors } = parseSourcesCsv(text);
    // a broken file or header: nothing else can be checked
    if (errors.some((e) => e.line <= 1)) throw csvInvalid(errors);

    const names = rows.map((r) => r.input.name);
    const existing = new Map<string, SourceInput & { id: string }>(
      (await this.sources.list(null)).filter((s) => names.includes(s.name)).map((s) => [s.name, s]),
    );
    const codes = [
      ...new Set(rows.flatMap((r) => [r.input.bureauCode, existing.get(r.input.name)?.bureauCode ?? null])),
    ];
    const paths = new Map<string, string>(
      (
        await this.db.query(`SELECT code, path FROM bureaus WHERE code = ANY($1)`, [codes.filter(Boolean)])
      ).map((b: { code: string; path: string }) => [b.code, b.path]),
    );
    const urls = rows.filter((r) => r.input.kind === 'feed').map((r) => r.input.url!);
    const urlOwners = new Map<string, string>(
      (
        await this.db.query(`SELECT url, name FROM sources WHERE kind = 'feed' AND url = ANY($1)`, [urls])
      ).map((s: { url: string; name: string }) => [s.url, s.name]),
    );
    const urlInFile = new Map<string, number>();
    // the rule of every other write (SourcesService.assertWritable): 'source.manage' on the bureau, HQ's for none
    const inScope = (code: string | null) =>
      !actor || can(actor, 'source.manage', { bureauPath: code === null ? null : (paths.get(code) ?? null) });

    for (const { line, input } of rows) {
      const before = existing.get(input.name);
      if (input.bureauCode && !paths.has(input.bureauCode)) {
        errors.push({ line, field: 'bureau_code', message: `单位 ${input.bureauCode} 不存在` });
      } else if (!inScope(input.bureauCode) || (before && !inScope(before.bureauCode))) {
        errors.push({ line, field: 'bureau_code', message: '不在您的管辖范围内' });
      }
      if (before && before.kind !== input.kind) {
        errors.push({
          line,
          field: 'kind',
          message: `已有信息源「${input.name}」的类型是 ${before.kind}，不能改为 ${input.kind}`,
        });
      }
      if (input.kind === 'feed') {
        const owner = urlOwners.get(input.url!);
        if (owner && owner !== input.name)
          errors.push({ line, field: 'url', message: `地址已被信息源「${owner}」使用` });
        const twin = urlInFile.get(input.url!);
        if (twin) errors.push({ line, field: 'url', message: `与第 ${twin} 行地址重复` });
        urlInFile.set(input.url!, line);
      }
    }
    if (errors.length) throw csvInvalid(errors.sort((a, b) => a.line - b.line));

    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, pushSecrets: [] };
    await this.db.transaction(async (m) => {
      for (const { line, input } of rows) {
        const before = existing.get(input.name);
        try {
          if (!before) {
            const { id, pushSecret } = await this.sources.insert(m, input);
            report.created++;
            if (pushSecret) report.pushSecrets.push({ name: input.name, id, pushSecret });
          } else if (sameDefinition(before, input)) {
            report.unchanged++;
          } else {
            // the CSV has no region column: keep the region unless the bureau changed
            const regionCode = before.bureauCode === input.bureauCode ? before.regionCode : null;
            await this.sources.apply(m, before.id, { ...input, regionCode }, before);
            report.updated++;
          }
        } catch (e) {
          // a clash with a row written meanwhile: still all-or-nothing, reported against its line
          if (e instanceof DomainError) throw csvInvalid([{ line, field: 'row', message: e.message }]);
          throw e;
        }
      }
    });
    return report;
  }
}
