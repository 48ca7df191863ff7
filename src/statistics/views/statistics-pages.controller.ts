import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { ScopeService } from '../../auth/scope.service';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { Clock } from '../../infrastructure/clock/clock';
import { DomainError } from '../../infrastructure/http/domain-error';
import { ExplanationTasksService } from '../explanations/explanation-tasks.service';
import { StatisticsReportService } from '../statistics-report.service';
import { renderStatisticsPage } from './statistics-page.view';
import { renderTaskPage } from '../explanations/explanation-task.view';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** 统计通报 pages: a month and scope, its print view, and the explanation task form for heads. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Can('statistics.view')
@Controller('console/statistics')
export class StatisticsPagesController {
  constructor(
    private readonly reports: StatisticsReportService,
    private readonly tasks: ExplanationTasksService,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(
    @CurrentPrincipal() p: Principal,
    @Query('month') month?: unknown,
    @Query('scope') scope?: unknown,
  ): Promise<string> {
    const report = await this.reports.forPrincipal(p, str(month), str(scope));
    return renderStatisticsPage(p, { report, canAnswer: (t) => this.tasks.canAnswer(p, t) });
  }

  @Get('print')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async print(
    @CurrentPrincipal() p: Principal,
    @Query('month') month?: unknown,
    @Query('scope') scope?: unknown,
  ): Promise<string> {
    return this.reports.printHtml(await this.reports.forPrincipal(p, str(month), str(scope)));
  }

  @Get('tasks/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async task(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<string> {
    const t = await this.tasks.get(id);
    await this.scopes.authorize(p, 'statistics.view', t.bureauCode);
    return renderTaskPage(p, t, {
      canAnswer: this.tasks.canAnswer(p, t),
      error: null,
      now: this.clock.now(),
    });
  }

  /** The form post (same-site cookie session): answer, then back to the task page; errors re-render the form. */
  @Post('tasks/:id')
  @Can('explanation.answer')
  async answer(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const t = await this.tasks.get(id);
    await this.scopes.authorize(p, 'statistics.view', t.bureauCode);
    const text = typeof body.answer === 'string' ? body.answer : '';
    try {
      await this.tasks.answer(p, id, text);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const status = e.kind === 'conflict' ? 409 : e.kind === 'forbidden' ? 403 : 400;
      res
        .status(status)
        .type('html')
        .send(
          renderTaskPage(p, await this.tasks.get(id), {
            canAnswer: this.tasks.canAnswer(p, t),
            error: e.message,
            draft: text,
            now: this.clock.now(),
          }),
        );
      return;
    }
    res.redirect(303, `/console/statistics/tasks/${id}`);
  }
}
