import { CliCommand } from '../cli/cli-command';
import { IngestionScheduler } from './ingestion.scheduler';
import { ItemPartitions } from './item-partitions.service';

export const ingestionCommands: CliCommand[] = [
  {
    name: 'ingest:cycle',
    usage: 'ingest:cycle',
    description: 'run one poll cycle now (every due feed) and print its figures',
    run: async (ctx) => {
      const report = await (await ctx.app()).get(IngestionScheduler).runCycle();
      ctx.stdout.write(`${JSON.stringify(report)}\n`);
    },
  },
  {
    name: 'items:partitions',
    usage: 'items:partitions [--maintain]',
    description:
      'list monthly item partitions; --maintain creates the next ones and applies ITEM_RETENTION_MONTHS',
    run: async (ctx) => {
      const partitions = (await ctx.app()).get(ItemPartitions);
      if (ctx.flags.maintain) ctx.stdout.write(`${JSON.stringify(await partitions.maintain())}\n`);
      for (const p of await partitions.list()) ctx.stdout.write(`${p.month}\t${p.name}\n`);
    },
  },
];
