import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { Clock } from '../../infrastructure/clock/clock';
import { DomainError } from '../../infrastructure/http/domain-error';
import { renderLinkConfirm, renderLinkDone, renderLinkRefused } from './action-link.views';
import { ActionLinksService } from './action-links.service';

export class LinkFormDto {
  @IsOptional() @IsString() @MaxLength(20) reportType?: string;
  @IsOptional() @IsString() @MaxLength(200) reference?: string;
  @IsOptional() @IsString() @MaxLength(300) reportedTo?: string;
  @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @IsOptional() @IsString() @MaxLength(20) clockId?: string;
  @IsOptional() @IsString() @MaxLength(40) requestedDue?: string;
}

/**
 * Signed links from emails, no login: GET shows what will happen (mail scanners that prefetch links act on
 * nothing), POST does it. Refusals are pages too: 403 for a token that is not valid, 410 for a used or expired one.
 */
@ApiExcludeController()
@Controller('links')
export class ActionLinksController {
  constructor(
    private readonly links: ActionLinksService,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex')
  async show(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const v = await this.links.inspect(token);
    if ('status' in v) {
      res.status(v.status);
      return renderLinkRefused(v);
    }
    return renderLinkConfirm(v, token, this.clock.now());
  }

  @Public()
  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async act(
    @Param('token') token: string,
    @Body() form: LinkFormDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    try {
      const r = await this.links.use(token, form, {
        ip: req.ip ?? null,
        userAgent: req.get('user-agent') ?? null,
      });
      if ('status' in r) {
        res.status(r.status);
        return renderLinkRefused(r);
      }
      return renderLinkDone(r.view, r.message, this.clock.now());
    } catch (e) {
      // A form mistake: show the form again with the message; the link stays unused.
      if (!(e instanceof DomainError) || e.code !== 'ESCALATION_LINK_INPUT') throw e;
      const v = await this.links.inspect(token);
      if ('status' in v) {
        res.status(v.status);
        return renderLinkRefused(v);
      }
      res.status(400);
      return renderLinkConfirm(v, token, this.clock.now(), form, e.message);
    }
  }
}
