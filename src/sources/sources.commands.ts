import { readFile } from 'node:fs/promises';
import { CliCommand, CliUsageError } from '../cli/cli-command';
import { DomainError } from '../infrastructure/http/domain-error';
import { CsvRowError } from './source-csv';
import { SourcesImportService } from './sources-import.service';

export const sourcesCommands: CliCommand[] = [
  {
    name: 'sources:import',
    usage: 'sources:import <file.csv>',
    description: '从 CSV 新建或更新信息源（全部成功或全部不导入）；新的推送密钥只显示这一次',
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file) throw new CliUsageError('请指定 CSV 文件');
      const text = await readFile(file, 'utf8').catch((e: Error) => {
        throw new CliUsageError(`无法读取 ${file}：${e.message}`);
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
        throw new CliUsageError(`共 ${rows.length} 处错误，未导入任何信息源`);
      }
    },
  },
  {
    name: 'sources:export',
    usage: 'sources:export',
    description: '以 CSV 输出全部信息源（sources:import 可读取的格式）',
    run: async (ctx) => {
      ctx.stdout.write(await (await ctx.app()).get(SourcesImportService).exportCsv(null));
    },
  },
];
