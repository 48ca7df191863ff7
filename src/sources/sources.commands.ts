import { readFile } from 'node:fs/promises';
import { CliCommand, CliUsageError } from '../cli/cli-command';
import { DomainError } from '../infrastructure/http/domain-error';
import { CsvRowError } from './source-csv';
import { SourcesImportService } from './sources-import.service';

export const sourcesCommands: CliCommand[] = [
  {
    name: 'sources:import',
    usage: 'sources:import <file.csv>',
    description: 'create or update sources from CSV (all rows or none); prints new push secrets once',
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file) throw new CliUsageError('CSV file required');
      const text = await readFile(file, 'utf8').catch((e: Error) => {
        throw new CliUsageError(`cannot read ${file}: ${e.message}`);
      });
      try {
        const report = await (await ctx.app()).get(SourcesImportService).importCsv(text, null);
        ctx.stdout.write(`${JSON.stringify(report)}\n`);
      } catch (e) {
        const rows =
          e instanceof DomainError
            ? (e.details as { errors?: CsvRowError[] } | undefined)?.errors
            : undefined;
        if (!rows) throw e;
        for (const r of rows) process.stderr.write(`${file}:${r.line}: ${r.field}: ${r.message}\n`);
        throw new CliUsageError(`${rows.length} error(s); nothing imported`);
      }
    },
  },
  {
    name: 'sources:export',
    usage: 'sources:export',
    description: 'print every source as CSV (the format sources:import reads)',
    run: async (ctx) => {
      ctx.stdout.write(await (await ctx.app()).get(SourcesImportService).exportCsv(null));
    },
  },
];
