import { Controller, Get, Header, Param, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ConsoleExceptionFilter } from '../console/console-exception.filter';
import { renderArchivePage, renderBriefingPage } from './briefing-pages.view';
import { renderBriefingPrint } from './briefing-print.view';
import { BriefingsService } from './briefings.service';

const kindOf = (v: unknown) => (v === 'daily' || v === 'weekly' ? v : undefined);

/** 舆情简报 pages: the archive, one briefing, its print view. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/briefings')
export class BriefingPagesController {
  constructor(private readonly briefings: BriefingsService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async archive(@CurrentPrincipal() p: Principal, @Query('kind') kind?: unknown): Promise<string> {
    const k = kindOf(kind);
    return renderArchivePage(p, await this.briefings.archive(p, { kind: k }), k);
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<string> {
    return renderBriefingPage(p, await this.briefings.get(p, id));
  }

  @Get(':id/print')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async print(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<string> {
    return renderBriefingPrint(await this.briefings.get(p, id));
  }
}
