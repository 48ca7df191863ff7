import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ConsoleExceptionFilter } from '../console/console-exception.filter';
import { OverviewService } from './overview.service';
import { renderOverviewPage } from './overview.view';

/** 态势总览: the console's home page (/console, and where `/` and the login form land). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @Can('overview.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@CurrentPrincipal() p: Principal): Promise<string> {
    return renderOverviewPage(p, await this.overview.forPrincipal(p));
  }
}
