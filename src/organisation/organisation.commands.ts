import { readFile } from 'node:fs/promises';
import type { Principal } from '../auth/roles';
import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { DomainError } from '../infrastructure/http/domain-error';
import { HQ_CODE } from './bureau-catalog';
import type { CsvIssue } from './contacts-csv';
import { ContactsService } from './contacts.service';
import { BUREAU_LEVELS } from './organisation.dto';
import { OrganisationService, SEARCH_MAX_LIMIT } from './organisation.service';
import type { BureauLevel } from './bureau-catalog';

/** Whoever runs the CLI on the server is trusted like an HQ admin: the whole tree, every bureau. */
export const CLI_PRINCIPAL: Principal = {
  userId: '0',
  username: 'cli',
  displayName: '命令行',
  role: 'admin',
  bureauCode: HQ_CODE,
  bureauPath: `${HQ_CODE}.`,
  via: 'token',
};

function stringFlag(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  if (typeof v === 'boolean') throw new CliUsageError(`--${name} 需要一个值`);
  return v;
}

export function formatIssue(i: CsvIssue): string {
  return `line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.message}`;
}

export const organisationCommands: CliCommand[] = [
  {
    name: 'org:import',
    usage: 'org:import <contacts.csv>',
    description:
      'import bureau contacts; replaces the contacts of the bureaus the file mentions (all or nothing)',
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file)
        throw new CliUsageError('需要一个 CSV 文件（CSV file is required）：org:import <contacts.csv>');
      const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
        throw new CliUsageError(`无法读取 ${file}：${e.code ?? e.message}`);
      });
      const contacts = (await ctx.app()).get(ContactsService);
      try {
        const r = await contacts.importCsv(CLI_PRINCIPAL, bytes);
        ctx.stdout.write(`imported ${r.contacts} contacts for ${r.bureaus} bureaus\n`);
      } catch (e) {
        if (!(e instanceof DomainError) || !Array.isArray(e.details)) throw e;
        for (const issue of e.details as CsvIssue[]) process.stderr.write(`${formatIssue(issue)}\n`);
        process.stderr.write(`org:import: ${e.message}\n`);
        return 2;
      }
    },
  },
  {
    name: 'org:export',
    usage: 'org:export [--scope 44]',
    description: 'write the contacts of a subtree (default: all) to stdout as CSV (UTF-8 with BOM)',
    run: async (ctx) => {
      const scope = stringFlag(ctx, 'scope');
      const csv = await (await ctx.app()).get(ContactsService).exportCsv(CLI_PRINCIPAL, scope);
      ctx.stdout.write(csv);
    },
  },
  {
    name: 'org:find',
    usage: 'org:find <text> [--level county] [--limit 20]',
    description: 'find bureaus by name, alias or code: one line per match (code, name, level, parent)',
    run: async (ctx) => {
      const text = ctx.args.join(' ').trim();
      if (!text) throw new CliUsageError('请给出要查找的文字（search text required）：org:find <text>');
      const level = stringFlag(ctx, 'level') as BureauLevel | undefined;
      if (level && !BUREAU_LEVELS.includes(level))
        throw new CliUsageError(`--level 应为以下之一：${BUREAU_LEVELS.join('、')}`);
      const limit = Number(stringFlag(ctx, 'limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
        throw new CliUsageError(`--limit 应为 1 到 ${SEARCH_MAX_LIMIT} 之间的整数`);
      }
      const org = (await ctx.app()).get(OrganisationService);
      const found = await org.search(CLI_PRINCIPAL, text, { level, limit });
      const parents = await org.shortNames(
        found.map((b) => b.parentCode).filter((c): c is string => c !== null),
      );
      for (const b of found) {
        const parent = b.parentCode ? `${b.parentCode} ${parents.get(b.parentCode) ?? ''}`.trim() : '-';
        ctx.stdout.write(`${b.code}\t${b.name}\t${b.level}\t${parent}\n`);
      }
      if (found.length === 0) process.stderr.write(`org:find: 没有与“${text}”匹配的单位\n`);
    },
  },
];
