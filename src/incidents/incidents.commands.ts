import { CliCommand, CliUsageError } from '../cli/cli-command';
import { IncidentGrouper } from './incident-grouper';

export const incidentCommands: CliCommand[] = [
  {
    name: 'incidents:group',
    usage: 'incidents:group [--limit N]',
    description:
      'group classified alert items into incidents now (until none are left) and print the figures',
    run: async (ctx) => {
      const limit = ctx.flags.limit === undefined ? undefined : Number(ctx.flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 20_000)) {
        throw new CliUsageError('--limit must be a whole number from 1 to 20000');
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
        if (run.busy)
          throw new CliUsageError('another instance is grouping right now; try again in a moment');
        if (run.items + run.failed === 0) break;
      }
      ctx.stdout.write(`${JSON.stringify(total)}\n`);
    },
  },
];
