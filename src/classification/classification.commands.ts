import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { validateEnv } from '../infrastructure/config/validate-env';
import { ClassificationConfig } from './classification.config';
import { ClassificationService } from './classification.service';
import { Classifier, loadResources } from './classifier';
import { classifyLine, resultLine } from './classify-line';
import { evaluateNegative, EvalRow } from './sentiment.eval';
import { teamSetsReport } from './eval/team-sets.eval';

/** Rules-only classifier straight from the lexicons: `classify` and `classifier:eval` need no database. */
function offlineClassifier(): Classifier {
  return new Classifier(loadResources(validateEnv(ClassificationConfig).lexiconDirs));
}

async function write(ctx: CliContext, line: string): Promise<void> {
  if (!ctx.stdout.write(`${line}\n`)) await new Promise((r) => ctx.stdout.once('drain', r));
}

export const classificationCommands: CliCommand[] = [
  {
    name: 'classify',
    usage: 'classify < items.jsonl',
    description: 'classify JSON lines {"id","title","text","source"?} from stdin; one JSON line out per item',
    run: async (ctx) => {
      const classifier = offlineClassifier();
      let n = 0;
      for await (const raw of createInterface({ input: ctx.stdin, crlfDelay: Infinity })) {
        n++;
        if (!raw.trim()) continue;
        const parsed = classifyLine(raw, n);
        if ('error' in parsed) await write(ctx, JSON.stringify(parsed));
        else await write(ctx, resultLine(classifier.classify(parsed.input)));
      }
    },
  },
  {
    name: 'classifier:eval',
    usage: 'classifier:eval <file.csv> [--every N] [--json] | classifier:eval --sets [--shared DIR]',
    description:
      "negative-class precision/recall/F1 and accuracy on a label,text CSV (1 positive, 0 negative); --sets: alert and category figures with category confusions on the team's labelled sets",
    run: async (ctx) => {
      if (ctx.flags.sets) {
        const shared = typeof ctx.flags.shared === 'string' ? ctx.flags.shared : undefined;
        return void (await write(ctx, teamSetsReport(offlineClassifier(), shared)));
      }
      const path = ctx.args[0];
      if (!path) throw new CliUsageError('a CSV file is required: classifier:eval <file.csv>');
      const every = ctx.flags.every === undefined ? 1 : Number(ctx.flags.every);
      if (!Number.isInteger(every) || every < 1)
        throw new CliUsageError('--every must be a positive integer');
      let records: string[][];
      try {
        records = parse(readFileSync(path, 'utf8'), {
          relax_column_count: true,
          skip_empty_lines: true,
          bom: true,
        });
      } catch (e) {
        throw new CliUsageError(`cannot read ${path}: ${(e as Error).message}`);
      }
      const header = records[0]?.map((h) => h.trim().toLowerCase());
      if (!header || header[0] !== 'label' || header[1] !== 'text')
        throw new CliUsageError(`${path}: expected a "label,text" header`);
      const rows: EvalRow[] = records
        .slice(1)
        .filter((_, i) => i % every === 0)
        .map((r) => ({ label: r[0], text: r[1] ?? '' }));
      const classifier = offlineClassifier();
      const m = evaluateNegative(rows, (text) => classifier.classify({ id: '', title: '', text }).negative);
      if (ctx.flags.json) {
        await write(ctx, JSON.stringify({ file: path, ...m }));
      } else {
        await write(ctx, `file: ${path}\nitems: ${m.items} (negative ${m.negatives}, skipped ${m.skipped})`);
        await write(
          ctx,
          `negative precision: ${m.precision.toFixed(4)}\nnegative recall: ${m.recall.toFixed(4)}`,
        );
        await write(ctx, `negative F1: ${m.f1.toFixed(4)}\naccuracy: ${m.accuracy.toFixed(4)}`);
      }
    },
  },
  {
    name: 'classifier:train',
    usage: 'classifier:train',
    description: 'fit the triage model (naive Bayes) on the stored labels and make it the active version',
    run: async (ctx) => {
      const outcome = await (await ctx.app()).get(ClassificationService).train();
      await write(ctx, JSON.stringify(outcome));
    },
  },
];
