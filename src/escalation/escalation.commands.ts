import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { DomainError } from '../infrastructure/http/domain-error';
import { formatShanghai } from '../notifications/time-format';
import { CONTACT_ROLE_LABELS } from '../organisation/organisation.types';
import { POLICY_KEY_LABELS } from './policy/escalation-policy';
import { EscalationDirectory } from './engine/escalation.directory';
import { EscalationSimulator, SimulatedMail } from './engine/escalation.simulator';
import { CLOCK_KIND_LABELS } from './escalation.types';

const GRADES: Record<string, 'I' | 'II' | 'III' | 'IV'> = {
  I: 'I',
  II: 'II',
  III: 'III',
  IV: 'IV',
  '1': 'I',
  '2': 'II',
  '3': 'III',
  '4': 'IV',
  Ⅰ: 'I',
  Ⅱ: 'II',
  Ⅲ: 'III',
  Ⅳ: 'IV',
};

function flag(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  if (v === true) throw new CliUsageError(`--${name} 需要一个值`);
  return v === undefined ? undefined : String(v);
}

function describe(m: SimulatedMail, names: Map<string, string>): string {
  const what =
    m.clockKind === null
      ? '首次通知'
      : `${CLOCK_KIND_LABELS[m.clockKind]}超时 第${(m.stepNo ?? 0) + 1}级${m.repeat ? `（第${m.repeat}次重复）` : ''}`;
  const where = m.bureauCode ? (names.get(m.bureauCode) ?? m.bureauCode) : '（无单位）';
  const fallback = m.fallbackFrom.length ? `  [${m.fallbackFrom.join(',')} 无联系人，改送上级]` : '';
  const who = m.skipped
    ? '— 无人可通知，立即跳到下一级'
    : m.recipients.map((r) => `${r.name} <${r.email}>（${CONTACT_ROLE_LABELS[r.role]}）`).join('，');
  return `${what}  ${where}  ${who}${fallback}`;
}

export const escalationCommands: CliCommand[] = [
  {
    name: 'escalation:simulate',
    usage: 'escalation:simulate --grade II --bureau 440106 [--at 2026-11-02T09:00:00+08:00] [--json]',
    description: '模拟一个已确认但无人处理的事件：列出何时向谁发送督办邮件（不实际发送）',
    run: async (ctx) => {
      const grade = GRADES[flag(ctx, 'grade') ?? ''];
      if (!grade) throw new CliUsageError('--grade 应为 I、II、III 或 IV');
      const bureau = flag(ctx, 'bureau');
      if (!bureau || !/^[0-9]{2,6}$/.test(bureau))
        throw new CliUsageError('--bureau 应为单位代码，如 440106');
      const atText = flag(ctx, 'at');
      const at = atText ? new Date(atText) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new CliUsageError(`--at 不是有效的时间：${atText}`);
      const app = await ctx.app();
      let result;
      try {
        result = await app.get(EscalationSimulator).simulate({ grade, bureauCode: bureau, at });
      } catch (e) {
        if (e instanceof DomainError && e.kind === 'invalid') throw new CliUsageError(e.message);
        throw e;
      }
      if (ctx.flags.json) {
        ctx.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const tree = await app.get(EscalationDirectory).bureaus();
      const names = new Map([...tree.values()].map((b) => [b.code, b.name]));
      const start = result.mails[0].at;
      ctx.stdout.write(
        `${POLICY_KEY_LABELS[grade]} · ${names.get(bureau) ?? bureau} · 策略第 ${result.policyVersion} 版${result.policyVersion === 0 ? '（默认）' : ''} · 确认于 ${formatShanghai(start)}（北京时间）\n`,
      );
      for (const m of result.mails) {
        const offset = Math.round((m.at.getTime() - start.getTime()) / 60_000);
        ctx.stdout.write(`${`+${offset} 分`.padEnd(10)}${formatShanghai(m.at)}  ${describe(m, names)}\n`);
      }
    },
  },
];
