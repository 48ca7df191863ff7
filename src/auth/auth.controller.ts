import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../infrastructure/config/app.config';
import { AuthService } from './auth.service';
import { CurrentPrincipal, Public } from './auth.decorators';
import { SESSION_COOKIE, sessionSecret } from './session-cookie';
import { LoginDto } from './auth.dto';
import { Principal } from './roles';

export function setSessionCookie(res: Response, config: AppConfig, secret: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    expires,
    path: '/',
  });
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { secret, expires } = await this.auth.login(dto.username, dto.password, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    setSessionCookie(res, this.config, secret, expires);
    return { ok: true, expiresAt: expires };
  }

  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const cookie = sessionSecret(req);
    if (cookie) await this.auth.logout(cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  }

  @Get('me')
  me(@CurrentPrincipal() p: Principal) {
    return p;
  }
}
