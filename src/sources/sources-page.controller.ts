import { Controller, Get, Header, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ConsoleExceptionFilter } from '../console/console-exception.filter';
import { renderSourcesPage } from './sources-page.view';
import { SourcesService } from './sources.service';
import { HealthStatus } from './source.types';

// Worst first: what needs a person on top.
const ORDER: HealthStatus[] = ['attention', 'failing', 'stale', 'pending', 'ok', 'disabled'];

/** 信息源 console page (/console/sources): the sources the user may see, with their health. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/sources')
export class SourcesPageController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Can('source.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(
    @CurrentPrincipal() p: Principal,
    @Query('q') q?: unknown,
    @Query('attention') attention?: unknown,
  ): Promise<string> {
    const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const attentionOnly = attention === '1';
    const sources = await this.sources.list(p, {
      q: query || undefined,
      ...(attentionOnly ? { needsAttention: true } : {}),
    });
    sources.sort(
      (a, b) =>
        ORDER.indexOf(a.health.status) - ORDER.indexOf(b.health.status) || a.name.localeCompare(b.name, 'zh'),
    );
    return renderSourcesPage(p, { sources, q: query, attentionOnly });
  }
}
