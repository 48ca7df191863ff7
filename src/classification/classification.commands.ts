import { createInterface } from 'node:readline';
import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { validateEnv } from '../infrastructure/config/validate-env';
import {
  ClassificationConfig,
  clipForClassification,
  DEFAULT_CATEGORY_MODEL_PATH,
  DEFAULT_COMPLAINT_MODEL_PATH,
  DEFAULT_TONE_MODEL_PATH,
} from './classification.config';
import { loadComplaintModel } from './complaint-model/complaint-model.file';
import { backgroundTexts, devRealPosts, trainComplaintModel } from './complaint-model/complaint.trainer';
import { loadCategoryModel } from './category-model/category.model';
import { heldOutHalves, teamTrainingSets, trainCategoryModel } from './category-model/category.trainer';
import { ClassificationService } from './classification.service';
import { Classifier, loadResources } from './classifier';
import { classifyLine, resultLine } from './classify-line';
import { evaluateNegative } from './sentiment.eval';
import { sharedDir, teamCaseFiles, teamSetsReport } from './eval/team-sets.eval';
import { crossSourceTable } from './tone-model/cross.source';
import { loadToneModel } from './tone-model/tone-model.file';
import { crossSourceText, metricsText } from './tone-model/tone.report';
import { trainToneModel } from './tone-model/tone.trainer';
import { readToneFile, ToneDataError, ToneFile } from './tone-model/training.data';

/** The classifier straight from the lexicons and the tone model: `classify` and `classifier:eval` need no database. */
function offlineClassifier(config = validateEnv(ClassificationConfig)): Classifier {
  return new Classifier(
    loadResources(config.lexiconDirs),
    null,
    loadToneModel(config.TONE_MODEL_PATH),
    loadCategoryModel(config.CATEGORY_MODEL_PATH),
    loadComplaintModel(config.COMPLAINT_MODEL_PATH),
  );
}

/**
 * The lexicons and the tone model only: what the category prior and the complaint model are trained beside (each
 * before the other's file need exist).
 */
function toneClassifier(): Classifier {
  const config = validateEnv(ClassificationConfig);
  return new Classifier(loadResources(config.lexiconDirs), null, loadToneModel(config.TONE_MODEL_PATH));
}

function everyFlag(ctx: CliContext): number {
  const every = ctx.flags.every === undefined ? 1 : Number(ctx.flags.every);
  if (!Number.isInteger(every) || every < 1) throw new CliUsageError('--every 应为正整数');
  return every;
}

/** Bad training data is the caller's mistake: a usage error (exit 2) with the reason, not a stack trace. */
function usageOnDataError<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ToneDataError) throw new CliUsageError(e.message);
    throw e;
  }
}

const readOrUsage = (path: string, every: number): ToneFile =>
  usageOnDataError(() => readToneFile(path, every));

async function write(ctx: CliContext, line: string): Promise<void> {
  if (!ctx.stdout.write(`${line}\n`)) await new Promise((r) => ctx.stdout.once('drain', r));
}

export const classificationCommands: CliCommand[] = [
  {
    name: 'classify',
    usage: 'classify < items.jsonl',
    description: '从标准输入读取 JSON 行 {"id","title","text","source"?} 并分类，每条输出一行 JSON',
    run: async (ctx) => {
      const config = validateEnv(ClassificationConfig);
      const classifier = offlineClassifier(config);
      let n = 0;
      let bad = 0;
      for await (const raw of createInterface({ input: ctx.stdin, crlfDelay: Infinity })) {
        n++;
        if (!raw.trim()) continue;
        const parsed = classifyLine(raw, n);
        if ('error' in parsed) {
          bad++;
          await write(ctx, JSON.stringify(parsed));
        } else {
          // the service's cut (CLASSIFY_MAX_CHARS), so the CLI decides a long item as the worker does
          const input = clipForClassification(parsed.input, config.CLASSIFY_MAX_CHARS);
          await write(ctx, resultLine(classifier.classify(input)));
        }
      }
      // The other lines are classified all the same; the exit status tells a script that some input was not.
      if (bad === 0) return 0;
      process.stderr.write(`classify: ${bad} 行输入有误，未分类（输出中带 "error" 的行）\n`);
      return 1;
    },
  },
  {
    name: 'classifier:eval',
    usage:
      'classifier:eval <file.csv>… [--all] [--cross [--team-cases]] [--every N] [--json] | classifier:eval --sets [--shared DIR]',
    description:
      '在 label,text 或 text,sentiment 文件的留出行（--all：全部行）上评估负面类的精确率、召回率、F1 和准确率；' +
      '--cross 增加跨来源表（需重新训练，每 1 万行约一分钟；--team-cases 与 classifier:train-tone 相同，另用团队案例训练）；--sets：在团队标注集上输出预警与类别指标及类别混淆',
    bareFlags: ['all', 'cross', 'team-cases', 'json', 'sets'],
    run: async (ctx) => {
      if (ctx.flags.sets) {
        const shared = typeof ctx.flags.shared === 'string' ? ctx.flags.shared : sharedDir();
        return void (await write(ctx, teamSetsReport(offlineClassifier(), shared)));
      }
      if (!ctx.args.length) throw new CliUsageError('请指定 CSV 文件：classifier:eval <file.csv>…');
      const every = everyFlag(ctx);
      const files = ctx.args.map((p) => readOrUsage(p, every));
      const classifier = offlineClassifier();
      const rowsOf = ctx.flags.all ? 'all' : 'held-apart';
      for (const [i, f] of files.entries()) {
        const rows = f.rows.filter((r) => ctx.flags.all || r.split === 'held-apart');
        const m = evaluateNegative(
          rows.map((r) => ({ label: r.negative ? '0' : '1', text: r.text })),
          (text) => classifier.classify({ id: '', title: '', text }).negative,
        );
        m.skipped = f.skipped;
        if (ctx.flags.json) await write(ctx, JSON.stringify({ file: ctx.args[i], rows: rowsOf, ...m }));
        else await write(ctx, metricsText(ctx.args[i], rowsOf, m));
      }
      if (ctx.flags.cross) {
        const caseFiles = ctx.flags['team-cases'] ? teamCaseFiles() : undefined;
        const table = crossSourceTable(ctx.args, classifier.resources, { every, caseFiles });
        if (ctx.flags.json) for (const r of table) await write(ctx, JSON.stringify({ crossSource: r }));
        else await write(ctx, crossSourceText(table));
      }
    },
  },
  {
    name: 'classifier:train-category',
    usage: 'classifier:train-category [--out config/models/category.json]',
    description:
      '用团队标注集（第一套全部、各独立集的开发半、训练集）训练类别先验模型，在独立集留出半上测量，写出模型文件',
    run: async (ctx) => {
      const out = typeof ctx.flags.out === 'string' ? ctx.flags.out : DEFAULT_CATEGORY_MODEL_PATH;
      const model = trainCategoryModel(toneClassifier(), teamTrainingSets(), out, heldOutHalves());
      await write(
        ctx,
        JSON.stringify({ out, categoryModel: model.version, measured: model.manifest.measured }),
      );
    },
  },
  {
    name: 'classifier:train-complaint',
    usage: 'classifier:train-complaint [--out config/models/complaint.json] [--shared DIR]',
    description:
      '用团队标注集（第一套全部、各独立集的开发半、训练集）、真实帖子集的开发部分和共享训练语料中的非税务文本训练投诉模型，在独立集留出半上测量（不用与使用模型），写出模型文件',
    run: async (ctx) => {
      const out = typeof ctx.flags.out === 'string' ? ctx.flags.out : DEFAULT_COMPLAINT_MODEL_PATH;
      const shared = typeof ctx.flags.shared === 'string' ? ctx.flags.shared : sharedDir();
      const category = loadCategoryModel(validateEnv(ClassificationConfig).CATEGORY_MODEL_PATH);
      const classifier = toneClassifier().withCategoryModel(category);
      const model = trainComplaintModel(
        classifier,
        teamTrainingSets(),
        out,
        heldOutHalves(),
        backgroundTexts(shared),
        devRealPosts(shared),
      );
      await write(
        ctx,
        JSON.stringify({ out, complaintModel: model.version, measured: model.manifest.measured }),
      );
    },
  },
  {
    name: 'classifier:train-tone',
    usage: 'classifier:train-tone <file.csv>… [--team-cases] [--out config/models/tone.json] [--every N]',
    description:
      '用标注文件训练倾向模型（按文本哈希分为 70% 训练、10% 定阈值、20% 留出），写出清单与权重；--team-cases 另用团队编写的案例与中性帖子（只参与训练，不参与定阈值）',
    bareFlags: ['team-cases'],
    run: async (ctx) => {
      if (!ctx.args.length) throw new CliUsageError('请指定 CSV 文件：classifier:train-tone <file.csv>…');
      const every = everyFlag(ctx);
      for (const p of ctx.args) readOrUsage(p, Math.max(every, 1000)); // fail on a bad file before the long part
      const out = typeof ctx.flags.out === 'string' ? ctx.flags.out : DEFAULT_TONE_MODEL_PATH;
      const resources = loadResources(validateEnv(ClassificationConfig).lexiconDirs);
      // The team's written cases (never the independent sets, whose halves measure and choose the other models).
      const caseFiles = ctx.flags['team-cases'] ? teamCaseFiles() : undefined;
      const { model, files } = usageOnDataError(() =>
        trainToneModel(ctx.args, resources, { out, every, caseFiles }),
      );
      await write(
        ctx,
        JSON.stringify({
          out,
          toneModel: model.version,
          threshold: model.manifest.threshold,
          mix: model.manifest.mix,
          files,
          heldApart: model.manifest.heldApart,
        }),
      );
    },
  },
  {
    name: 'classifier:train',
    usage: 'classifier:train',
    description: '用已保存的标注训练研判模型（朴素贝叶斯）并设为当前版本',
    run: async (ctx) => {
      const outcome = await (await ctx.app()).get(ClassificationService).train();
      await write(ctx, JSON.stringify(outcome));
    },
  },
];
