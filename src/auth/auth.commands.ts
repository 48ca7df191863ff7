import { CliCommand, CliContext, CliUsageError } from '../cli/cli-command';
import { Role, ROLES } from './roles';
import { UsersService } from './users.service';

function flag(ctx: CliContext, name: string, required = true): string | undefined {
  const v = ctx.flags[name];
  if (typeof v === 'string' && v.length > 0) return v;
  if (required) throw new CliUsageError(`缺少 --${name}`);
  return undefined;
}

async function users(ctx: CliContext): Promise<UsersService> {
  return (await ctx.app()).get(UsersService);
}

export const authCommands: CliCommand[] = [
  {
    name: 'users:create',
    usage: 'users:create --username u --role monitor --bureau 44 [--password p] [--name 张三] [--email e]',
    description: `create an account (roles: ${ROLES.join(', ')})`,
    run: async (ctx) => {
      const role = flag(ctx, 'role') as Role;
      if (!ROLES.includes(role)) throw new CliUsageError(`--role 应为以下之一：${ROLES.join('、')}`);
      const user = await (
        await users(ctx)
      ).create(
        {
          username: flag(ctx, 'username')!,
          role,
          bureauCode: flag(ctx, 'bureau')!,
          password: flag(ctx, 'password', false),
          displayName: flag(ctx, 'name', false),
          email: flag(ctx, 'email', false),
        },
        null,
      );
      ctx.stdout.write(`${JSON.stringify(user)}\n`);
    },
  },
  {
    name: 'users:unlock',
    usage: 'users:unlock <username>',
    description: 'lift a login lockout (after too many failed logins) before its cooldown ends',
    run: async (ctx) => {
      if (!ctx.args[0]) throw new CliUsageError('请给出用户名');
      const unlocked = await (await users(ctx)).unlock({ username: ctx.args[0] }, null);
      ctx.stdout.write(unlocked ? 'unlocked\n' : 'not locked\n');
    },
  },
  {
    name: 'users:set-password',
    usage: 'users:set-password --username u --password p',
    description: "reset a user's password (password policy applies; the user's sessions end)",
    run: async (ctx) => {
      await (
        await users(ctx)
      ).setPassword({ username: flag(ctx, 'username')! }, flag(ctx, 'password')!, null);
      ctx.stdout.write('password set\n');
    },
  },
  {
    name: 'tokens:create',
    usage: 'tokens:create --username u --name "vendor crawler" [--expires 2027-01-01]',
    description: 'create a bearer API token acting as that user; printed once',
    run: async (ctx) => {
      const expires = flag(ctx, 'expires', false);
      if (expires && Number.isNaN(Date.parse(expires)))
        throw new CliUsageError('--expires 应为日期，如 2027-01-01');
      const t = await (
        await users(ctx)
      ).createToken(
        flag(ctx, 'username')!,
        flag(ctx, 'name')!,
        null,
        expires ? new Date(expires) : undefined,
      );
      ctx.stdout.write(`${JSON.stringify(t)}\n`);
    },
  },
  {
    name: 'tokens:revoke',
    usage: 'tokens:revoke <id>',
    description: 'revoke an API token',
    run: async (ctx) => {
      if (!ctx.args[0]) throw new CliUsageError('请给出令牌编号');
      await (await users(ctx)).revokeToken(ctx.args[0], null);
      ctx.stdout.write('revoked\n');
    },
  },
];
