import { CliCommand, CliUsageError } from '../cli/cli-command';
import { IncidentGrouper } from './grouping/incident-grouper';

export const incidentCommands: CliCommand[] = [
  {
    name: 'incidents:group',
    usage: 'incidents:group [--limit N] [--retry-failed]',
    description: '立即将已分类的预警条目归并为事件（直到没有剩余）并输出统计',
    run: async (ctx) => {
      const limit = ctx.flags.limit === undefined ? undefined : Number(ctx.flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 20_000)) {
        throw new CliUsageError('--limit 应为 1 到 20000 之间的整数');
      }
      const app = await ctx.app();
      const grouper = app.get(IncidentGrouper);
      if (ctx.flags['retry-failed']) await grouper.forgetFailures();
      const total = { items: 0, created: 0, joined: 0, failed: 0 };
      for (;;) {
        const run = await grouper.runOnce(limit);
        total.items += run.items;
        total.created += run.created;
        total.joined += run.joined;
        total.failed += run.failed;
        if (run.busy) throw new CliUsageError('另一个实例正在归并事件，请稍后再试');
        if (run.items + run.failed === 0) break;
      }
      ctx.stdout.write(`${JSON.stringify(total)}\n`);
    },
  },
];
