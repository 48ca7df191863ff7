import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { Clock } from '../../infrastructure/clock/clock';
import { DomainError } from '../../infrastructure/http/domain-error';
import { AccountAdminService } from '../accounts/account-admin.service';
import { Can, CurrentPrincipal } from '../auth.decorators';
import { AuthError } from '../auth.errors';
import { Principal } from '../roles';
import { UsersService } from '../users.service';
import { renderNewToken, renderTokens, TokenRow } from './tokens.view';

type Form = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const DAY_MS = 86_400_000;

/** A date field (YYYY-MM-DD) as the end of that day in Beijing time; undefined when empty. */
export function endOfBeijingDay(value: string): Date | undefined {
  if (value === '') return undefined;
  const start = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00+08:00`) : NaN;
  if (Number.isNaN(start)) {
    throw new AuthError('invalid', 'TOKEN_BAD_EXPIRY', 'expiresOn: 有效期日期格式应为 YYYY-MM-DD', {
      field: 'expiresOn',
    });
  }
  return new Date(start + DAY_MS);
}

/**
 * 用户与令牌 › API 令牌 (/console/tokens): list, create (the token is shown once, in the answer to the POST), revoke.
 * Every route needs 'token.manage'; UsersService authorizes the token's user against the admin's reach.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Can('token.manage')
@Controller('console/tokens')
export class TokensPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountAdminService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async list(@CurrentPrincipal() p: Principal, @Query() q: Form): Promise<string> {
    const [tokens, accounts] = await Promise.all([
      this.users.listTokens(p) as Promise<TokenRow[]>,
      this.accounts.list(p),
    ]);
    tokens.reverse(); // newest first
    return renderTokens(p, {
      tokens,
      usernames: accounts.filter((a) => !a.disabled).map((a) => a.username),
      username: str(q.username),
      now: this.clock.now(),
      msg: str(q.msg),
      err: str(q.err),
    });
  }

  @Post()
  async create(@CurrentPrincipal() p: Principal, @Body() body: Form, @Res() res: Response): Promise<void> {
    const f = body ?? {};
    try {
      const name = str(f.name);
      if (name === '' || name.length > 100) {
        throw new AuthError('invalid', 'TOKEN_BAD_NAME', '请填写令牌名称（不超过 100 个字符）', {
          field: 'name',
        });
      }
      const created = await this.users.createToken(
        str(f.username),
        name,
        p,
        endOfBeijingDay(str(f.expiresOn)),
      );
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(renderNewToken(p, created));
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'forbidden') throw e;
      const err = e.code === 'USER_NOT_FOUND' ? '请选择用户' : e.message.replace(/^expiresAt: /, '');
      res.redirect(303, `/console/tokens?${new URLSearchParams({ err }).toString()}`);
    }
  }

  @Post(':id/revoke')
  async revoke(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.revokeToken(id, p);
    res.redirect(303, `/console/tokens?${new URLSearchParams({ msg: '令牌已吊销，立即失效' }).toString()}`);
  }
}
