import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { DomainError } from '../infrastructure/http/domain-error';
import { bulletinFileName } from './bulletin/bulletin-xlsx';
import { StatisticsReportService } from './statistics-report.service';
import { badMonth } from './statistics.errors';
import { isMonthKey } from './figures/statistics-month';

function flag(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  if (typeof v === 'boolean') throw new CliUsageError(`--${name} 需要一个值`);
  return v;
}

export const statisticsCommands: CliCommand[] = [
  {
    name: 'report:monthly',
    usage: 'report:monthly --month 2026-10 [--scope 44] [--out dir]',
    description:
      'write a month’s bulletin (xlsx, csv, print html) for a scope (default 00) without sending anything; ' +
      'the published version when there is one, else computed now',
    run: async (ctx) => {
      const month = flag(ctx, 'month');
      if (month === undefined) throw new CliUsageError('缺少 --month（如 2026-10）');
      if (!isMonthKey(month)) throw new CliUsageError(`--month：${badMonth(month).message}`);
      const scope = flag(ctx, 'scope') ?? '00';
      if (!/^[0-9]{2,6}$/.test(scope))
        throw new CliUsageError(`--scope 应为单位代码（如 00、44、4403），而不是“${scope}”`);
      const out = resolve(flag(ctx, 'out') ?? '.');
      const reports = (await ctx.app()).get(StatisticsReportService);
      let r;
      try {
        r = await reports.report(month, scope);
      } catch (e) {
        // An unknown unit or a month not begun yet (bulletin-month.ts) is the caller's mistake, not a crash.
        if (e instanceof DomainError && (e.kind === 'not_found' || e.kind === 'invalid'))
          throw new CliUsageError(e.message);
        throw e;
      }
      await mkdir(out, { recursive: true });
      const files: [string, Buffer | string][] = [
        [bulletinFileName(r.snapshot, 'xlsx').ascii, await reports.xlsx(r)],
        [bulletinFileName(r.snapshot, 'csv').ascii, reports.csv(r)],
        [bulletinFileName(r.snapshot, 'html').ascii, reports.printHtml(r)],
      ];
      for (const [name, content] of files) {
        await writeFile(join(out, name), content);
        ctx.stdout.write(`${join(out, name)}\n`);
      }
      const b = r.bulletin;
      process.stderr.write(
        `${month} ${scope}：${b ? `已发布第 ${b.version} 版` : '未发布，按当前数据计算'}；` +
          `负面舆情 ${r.snapshot.total.incidents} 起，参与排名单位 ${r.snapshot.ranking.units.length} 个\n`,
      );
    },
  },
];
