import { Controller, Get, Header, Param, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { isBureauCode, isBureauLevel } from './bureau-labels';
import { renderBureauDetail } from './bureau-detail.view';
import { renderDirectory } from './bureau-directory.view';
import { BureauPagesService } from './bureau-pages.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { DomainError } from '../infrastructure/http/domain-error';

/** 单位目录: the bureau tree and search (/console/bureaus) and one bureau's page (/console/bureaus/:code). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/bureaus')
export class BureauPagesController {
  constructor(private readonly pages: BureauPagesService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async directory(
    @CurrentPrincipal() p: Principal,
    @Query('q') q?: unknown,
    @Query('level') level?: unknown,
    @Query('open') open?: unknown,
  ): Promise<string> {
    const model = await this.pages.directory(p, {
      q: typeof q === 'string' ? q.slice(0, 50) : '',
      level: isBureauLevel(level) ? level : null,
      open: isBureauCode(open) ? open : null,
    });
    return renderDirectory(p, model);
  }

  @Get(':code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async bureau(@CurrentPrincipal() p: Principal, @Param('code') code: string): Promise<string> {
    if (!isBureauCode(code))
      throw new DomainError('not_found', 'CONSOLE_BUREAU_NOT_FOUND', `单位 ${code} 不存在`);
    return renderBureauDetail(p, await this.pages.detail(p, code));
  }
}
