import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { DomainError } from '../../infrastructure/http/domain-error';
import { AccountAdminService } from '../accounts/account-admin.service';
import { Can, CurrentPrincipal } from '../auth.decorators';
import { AuthError } from '../auth.errors';
import { Principal, Role, ROLES } from '../roles';
import { UsersService } from '../users.service';
import { NewUserForm, renderNewUser } from './user-form.view';
import { renderUserDetail } from './user-detail.view';
import { UserPagesService } from './user-pages.service';
import { renderOneTimePassword, renderUsersList } from './users-list.view';

type Form = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const code = (v: unknown): string | null => (/^[0-9]{2,6}$/.test(str(v)) ? str(v) : null);
const STATUS: Partial<Record<DomainError['kind'], number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/**
 * 用户与令牌 › 用户 (/console/users). Every route needs 'user.manage' (src/auth/policy); the services authorize each
 * account and bureau against the admin's reach. Forms POST and answer with a redirect (303) carrying a message,
 * except where a one-time password must be shown: that answer is the page itself, never cached, never in a URL.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Can('user.manage')
@Controller('console/users')
export class UsersPagesController {
  constructor(
    private readonly accounts: AccountAdminService,
    private readonly users: UsersService,
    private readonly pages: UserPagesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async list(@CurrentPrincipal() p: Principal, @Query() q: Form): Promise<string> {
    const [accounts, scopeName] = await Promise.all([
      this.accounts.list(p),
      this.pages.bureauName(p.bureauCode),
    ]);
    return renderUsersList(p, { accounts, scopeName, msg: str(q.msg), err: str(q.err) });
  }

  @Get('new')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async newUser(@CurrentPrincipal() p: Principal, @Query() q: Form): Promise<string> {
    const f = this.formOf(q);
    return renderNewUser(p, f, await this.pages.bureauOptions(p, f.bq, f.bureauCode ?? p.bureauCode));
  }

  @Post()
  async create(@CurrentPrincipal() p: Principal, @Body() body: Form, @Res() res: Response): Promise<void> {
    const f = this.formOf(body ?? {});
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (!f.bureauCode) {
        throw new AuthError('invalid', 'USER_BAD_BUREAU', '请选择所属单位', { field: 'bureauCode' });
      }
      if (!(ROLES as readonly string[]).includes(f.role)) {
        throw new AuthError('invalid', 'USER_BAD_ROLE', '请选择角色', { field: 'role' });
      }
      const created = await this.accounts.createWithOneTimePassword(p, {
        username: f.username,
        displayName: f.displayName || undefined,
        email: f.email || undefined,
        role: f.role as Role,
        bureauCode: f.bureauCode,
      });
      res
        .type('html')
        .send(
          renderOneTimePassword(p, { username: f.username, userId: created.id, ...created, created: true }),
        );
    } catch (e) {
      if (!(e instanceof DomainError) || !STATUS[e.kind]) throw e;
      const options = await this.pages.bureauOptions(p, f.bq, f.bureauCode ?? p.bureauCode);
      res
        .status(STATUS[e.kind]!)
        .type('html')
        .send(renderNewUser(p, f, options, USER_ERRORS[e.code] ?? e.message));
    }
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async detail(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: Form): Promise<string> {
    const { account, events } = await this.accounts.get(p, id);
    const bureauCode = code(q.bureauCode) ?? account.bureauCode;
    const role = (ROLES as readonly string[]).includes(str(q.role)) ? str(q.role) : account.role;
    const [options, tokens] = await Promise.all([
      this.pages.bureauOptions(p, str(q.bq), bureauCode),
      this.pages.tokensOf(id),
    ]);
    return renderUserDetail(p, {
      account,
      events,
      tokens,
      role,
      bq: str(q.bq),
      bureauCode,
      options,
      self: id === p.userId,
      now: this.clock.now(),
      minPasswordLength: this.config.PASSWORD_MIN_LENGTH,
      msg: str(q.msg),
      err: str(q.err),
    });
  }

  @Post(':id/act')
  async act(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Form,
    @Res() res: Response,
  ): Promise<void> {
    const back = (params: Record<string, string>) =>
      res.redirect(303, `/console/users/${id}?${new URLSearchParams(params).toString()}`);
    const f = body ?? {};
    try {
      switch (str(f.op)) {
        case 'disable':
          await this.users.setDisabled(id, true, p);
          return back({ msg: '账号已停用，其会话已结束' });
        case 'enable':
          await this.users.setDisabled(id, false, p);
          return back({ msg: '账号已启用' });
        case 'unlock':
          return back({
            msg: (await this.users.unlock({ id }, p)) ? '已解除登录锁定' : '该账号当前未被锁定',
          });
        case 'role':
          await this.accounts.changeRole(p, id, str(f.role), str(f.bureauCode));
          return back({ msg: '角色与管辖范围已保存，该用户需重新登录' });
        case 'reset-set':
          // Not trimmed: spaces may be part of a password.
          await this.users.setPassword({ id }, typeof f.password === 'string' ? f.password : '', p);
          return back({ msg: '密码已设定，该用户的会话已结束' });
        case 'reset-generate': {
          const password = await this.accounts.resetToOneTimePassword(p, id);
          const { account } = await this.accounts.get(p, id);
          res.setHeader('Cache-Control', 'no-store');
          res
            .type('html')
            .send(
              renderOneTimePassword(p, { username: account.username, userId: id, password, created: false }),
            );
          return;
        }
        default:
          throw new AuthError('invalid', 'USER_BAD_OP', `未知操作 ${str(f.op)}`, { field: 'op' });
      }
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found' || e.kind === 'forbidden') throw e;
      back({ err: USER_ERRORS[e.code] ?? e.message.replace(/^password: /, '新密码不符合要求：') });
    }
  }

  private formOf(q: Form): NewUserForm {
    return {
      username: str(q.username).slice(0, 64),
      displayName: str(q.displayName).slice(0, 100),
      email: str(q.email).slice(0, 200),
      role: str(q.role),
      bq: str(q.bq).slice(0, 50),
      bureauCode: code(q.bureauCode),
    };
  }
}

/** Service messages written for API callers, as a person on the page should read them. */
const USER_ERRORS: Record<string, string> = {
  USER_EXISTS: '该用户名已被使用，请换一个',
  USER_BAD_USERNAME: '用户名须为 3–64 位字母、数字或 _ . -',
  BUREAU_NOT_FOUND: '所选单位不存在',
  AUTH_OUT_OF_SCOPE: '所选单位不在您的管辖范围内：只能为本单位及下级单位创建用户',
};
