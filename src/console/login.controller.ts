import { Body, Controller, Get, Header, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { setSessionCookie } from '../auth/auth.controller';
import { Public } from '../auth/auth.decorators';
import { SESSION_COOKIE } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../infrastructure/config/app.config';
import { DomainError } from '../infrastructure/http/domain-error';
import { renderLoginPage } from './login.view';
import { DEFAULT_LANDING, safeNextPath } from './safe-redirect';

/** The urlencoded login form. Checked by hand so every mistake re-renders the form instead of a JSON 400. */
interface LoginForm {
  username?: unknown;
  password?: unknown;
  next?: unknown;
}

const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : '');

/** Browser login and logout (the JSON equivalents are /api/auth/login and /api/auth/logout). */
@ApiExcludeController()
@Public()
@Controller()
export class LoginController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Redirect(DEFAULT_LANDING, 302)
  home(): void {}

  @Get('login')
  async loginPage(@Query('next') next: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const target = safeNextPath(next);
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie && (await this.auth.principalFromSession(cookie))) {
      res.redirect(302, target);
      return;
    }
    res.type('html').send(renderLoginPage({ next: target === DEFAULT_LANDING ? '' : target }));
  }

  @Post('login')
  @Header('Cache-Control', 'no-store')
  async login(@Body() form: LoginForm, @Req() req: Request, @Res() res: Response): Promise<void> {
    const username = text(form?.username, 64).trim();
    const password = text(form?.password, 256);
    const next = safeNextPath(form?.next);
    const again = (status: number, error: string) =>
      res
        .status(status)
        .type('html')
        .send(renderLoginPage({ next: next === DEFAULT_LANDING ? '' : next, username, error }));
    if (!username || !password) {
      again(400, '请输入用户名和密码');
      return;
    }
    try {
      const { secret, expires } = await this.auth.login(username, password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(res, this.config, secret, expires);
      // 303: the browser follows with a GET, so reloading the landing page never re-posts the password.
      res.redirect(303, next);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'unauthorized') {
        again(401, '用户名或密码错误，请重新输入');
        return;
      }
      // Throttled or locked (issue 12 point 7): the service's Chinese message says why and what to do.
      if (e instanceof DomainError && e.kind === 'rate_limited') {
        again(429, e.message);
        return;
      }
      throw e;
    }
  }

  /** Public so that a user whose session already expired can still press 退出登录 and land on the login page. */
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) await this.auth.logout(cookie);
    res.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.COOKIE_SECURE,
    });
    res.redirect(303, '/login');
  }
}
