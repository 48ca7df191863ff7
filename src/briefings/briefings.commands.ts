import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { briefingDocx, briefingFileName } from './briefing-docx';
import { BriefingFiguresService } from './briefing-figures.service';
import { BriefingPeriod, dailyPeriod, isDateKey, isWeekKey, weeklyPeriod } from './briefing-period';
import { renderBriefingPrint } from './briefing-print.view';
import { BriefingRecord } from './briefing.types';
import { briefingSchedule, BriefingsConfig } from './briefings.config';
import { BriefingsRepository } from './briefings.repository';

function flag(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  if (typeof v === 'boolean') throw new CliUsageError(`--${name} 需要一个值`);
  return v;
}

/** Writes the .docx and print HTML of one briefing: the frozen one when it was sent, else computed now. Never sends. */
async function writeBriefing(ctx: CliContext, period: (c: BriefingsConfig) => BriefingPeriod): Promise<void> {
  const scope = flag(ctx, 'scope') ?? '00';
  if (!/^[0-9]{2,6}$/.test(scope))
    throw new CliUsageError(`--scope 应为单位代码（如 00、44、4403），而不是“${scope}”`);
  const out = resolve(flag(ctx, 'out') ?? '.');
  const app = await ctx.app();
  const p = period(app.get(BriefingsConfig));
  let b: BriefingRecord | null = await app.get(BriefingsRepository).find(p.kind, scope, p.key);
  const frozen = !!b;
  if (!b) {
    const now = app.get(Clock).now();
    let snapshot;
    try {
      snapshot = await app.get(BriefingFiguresService).compute(p, scope, now);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'not_found') throw new CliUsageError(e.message);
      throw e;
    }
    const at = now.toISOString();
    b = {
      id: '0',
      kind: p.kind,
      scopeCode: scope,
      period: p.key,
      recipients: 0,
      createdAt: at,
      sentAt: at,
      snapshot,
    };
  }
  await mkdir(out, { recursive: true });
  const files: [string, Buffer | string][] = [
    [briefingFileName(b.snapshot, 'docx'), await briefingDocx(b.snapshot)],
    [briefingFileName(b.snapshot, 'html'), renderBriefingPrint(b)],
  ];
  for (const [name, content] of files) {
    await writeFile(join(out, name), content);
    ctx.stdout.write(`${join(out, name)}\n`);
  }
  process.stderr.write(
    `${p.kind === 'daily' ? '日报' : '周报'} ${p.key} ${scope}：${frozen ? '已发送的版本' : '尚未发送，按当前数据计算'}；` +
      `负面舆情 ${b.snapshot.current.incidents} 起，超时 ${b.snapshot.overdue.total} 项\n`,
  );
}

export const briefingCommands: CliCommand[] = [
  {
    name: 'briefing:daily',
    usage: 'briefing:daily --date 2026-12-03 [--scope 44] [--out dir]',
    description:
      'write a day’s 舆情日报 (docx, print html) for a scope (default 00) without sending anything',
    run: async (ctx) => {
      const date = flag(ctx, 'date');
      if (!isDateKey(date)) throw new CliUsageError('缺少 --date，或格式不对（应如 2026-12-03）');
      return writeBriefing(ctx, (c) => dailyPeriod(date, briefingSchedule(c)));
    },
  },
  {
    name: 'briefing:weekly',
    usage: 'briefing:weekly --week 2026-W49 [--scope 44] [--out dir]',
    description:
      'write a week’s 舆情周报 (docx, print html) for a scope (default 00) without sending anything',
    run: async (ctx) => {
      const week = flag(ctx, 'week');
      if (!isWeekKey(week)) throw new CliUsageError('缺少 --week，或格式不对（应如 2026-W49）');
      return writeBriefing(ctx, () => weeklyPeriod(week));
    },
  },
];
