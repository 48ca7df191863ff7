import { CliCommand } from '../cli/cli-command';
import { IngestionScheduler } from './ingestion.scheduler';
import { ItemPartitions } from './item-partitions.service';

export const ingestionCommands: CliCommand[] = [
  {
    name: 'ingest:cycle',
    usage: 'ingest:cycle',
    description: '立即执行一轮采集（所有到期的信息源）并输出统计',
    run: async (ctx) => {
      const report = await (await ctx.app()).get(IngestionScheduler).runCycle();
      ctx.stdout.write(`${JSON.stringify(report)}\n`);
    },
  },
  {
    name: 'items:partitions',
    usage: 'items:partitions [--maintain]',
    description: '列出条目的月分区；--maintain 创建后续分区并按 ITEM_RETENTION_MONTHS 清理',
    run: async (ctx) => {
      const partitions = (await ctx.app()).get(ItemPartitions);
      if (ctx.flags.maintain) ctx.stdout.write(`${JSON.stringify(await partitions.maintain())}\n`);
      for (const p of await partitions.list()) ctx.stdout.write(`${p.month}\t${p.name}\n`);
    },
  },
];
