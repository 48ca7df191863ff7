import './infrastructure/runtime/v8-tuning';
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { COMMANDS } from './cli/commands';
import { CliContext, CliUsageError } from './cli/cli-command';
import { ConfigError } from './infrastructure/config/validate-env';
import { DomainError } from './infrastructure/http/domain-error';
import { stopEmbeddedPostgres } from './infrastructure/database/database-url';
import { exitAfterFlush, exitOnClosedPipe } from './infrastructure/runtime/exit';

function help(): string {
  const rows = COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.description}`);
  return `用法：npm run cli -- <命令> [选项]\n\n${rows.join('\n')}\n`;
}

/**
 * `--key value`, `--key=value`, bare `--flag` (true); everything else is positional. A flag in `bare` never takes the
 * next word as its value (`--team-cases a.csv` keeps a.csv positional).
 */
export function parseFlags(argv: string[], bare: readonly string[] = []): Pick<CliContext, 'flags' | 'args'> {
  const flags: Record<string, string | boolean> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = a.match(/^--([^=]+)(?:=(.*))?$/);
    if (!m) args.push(a);
    else if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (!bare.includes(m[1]) && i + 1 < argv.length && !argv[i + 1].startsWith('--'))
      flags[m[1]] = argv[++i];
    else flags[m[1]] = true;
  }
  return { flags, args };
}

const HELP = new Set(['help', '--help', '-h']);

/** The flags a command's usage line names: the one list of what it accepts (an unknown flag is a mistake). */
export function usageFlags(usage: string): Set<string> {
  return new Set([...usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]));
}

/** Of those, the ones shown with a value (`--limit N`, `--month 2026-10`): given bare, they are a mistake too. */
export function valueFlags(usage: string): Set<string> {
  return new Set([...usage.matchAll(/--([a-z][a-z-]*)[ =](?![[\]|-])\S/g)].map((m) => m[1]));
}

/** Runs one command; returns the exit code. Exported for tests. */
export async function runCli(
  argv: string[],
  io: Pick<CliContext, 'stdout' | 'stdin'> = process,
): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    // Help asked for goes to stdout (`cli help | less`); after a mistake it goes to stderr with the error.
    if (!name || HELP.has(name)) io.stdout.write(help());
    else process.stderr.write(`未知命令：${name}\n${help()}`);
    return !name || HELP.has(name) ? 0 : 2;
  }
  if (rest.some((a) => HELP.has(a))) {
    io.stdout.write(`用法：npm run cli -- ${command.usage}\n${command.description}\n`);
    return 0;
  }
  let app: INestApplicationContext | null = null;
  try {
    const { flags, args } = parseFlags(rest, command.bareFlags);
    const known = usageFlags(command.usage);
    const unknown = Object.keys(flags).filter((f) => !known.has(f));
    if (unknown.length)
      throw new CliUsageError(
        `未知选项：${unknown.map((f) => `--${f}`).join('、')}（用法：${command.usage}）`,
      );
    const bare = [...valueFlags(command.usage)].filter((f) => flags[f] === true);
    if (bare.length)
      throw new CliUsageError(
        `选项缺少取值：${bare.map((f) => `--${f}`).join('、')}（用法：${command.usage}）`,
      );
    const ctx: CliContext = {
      args,
      flags,
      ...io,
      app: async () => {
        if (!app) {
          app = await NestFactory.createApplicationContext(AppModule.forRoot({ scheduler: false }), {
            logger: ['error'],
          });
          await app.init();
        }
        return app;
      },
    };
    return (await command.run(ctx)) ?? 0;
  } catch (e) {
    if (e instanceof CliUsageError || e instanceof ConfigError || e instanceof DomainError) {
      process.stderr.write(`${name}：${e.message}\n`);
      return 2;
    }
    // An unexpected fault (database down, disk full): say that the command failed, with the system's own words.
    process.stderr.write(`${name}：执行失败：${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  } finally {
    if (app) await (app as INestApplicationContext).close();
    await stopEmbeddedPostgres();
  }
}

if (require.main === module) {
  process.env.LOG_TO_STDERR = '1';
  exitOnClosedPipe(process.stdout, stopEmbeddedPostgres);
  void runCli(process.argv.slice(2)).then(exitAfterFlush);
}
