import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import { authorize, NATIONAL } from '../auth/policy/policy';
import type { Principal } from '../auth/roles';
import { ScopeService } from '../auth/scope.service';
import { contentDisposition, bulletinFileName, XLSX_TYPE } from './bulletin/bulletin-xlsx';
import { ExplanationTasksService } from './explanations/explanation-tasks.service';
import { FIGURES, GENERAL_RULES } from './figures/figure-definitions';
import { MonthlyBulletinJob } from './bulletin/monthly-bulletin.job';
import { AnswerTaskDto, MonthlyQuery, RunBulletinDto, TaskIdParam } from './statistics.dto';
import { StatisticsError } from './statistics.errors';
import { StatisticsReportService } from './statistics-report.service';

/**
 * Monthly statistics over HTTP: 'statistics.view' reads within the caller's subtree; 'bulletin.publish' (HQ's
 * analysts and admins) computes drafts and publishes bulletins, any scope's (src/auth/policy).
 */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/statistics')
@Can('statistics.view')
export class StatisticsController {
  constructor(
    private readonly reports: StatisticsReportService,
    private readonly tasks: ExplanationTasksService,
    private readonly job: MonthlyBulletinJob,
    private readonly scopes: ScopeService,
  ) {}

  @Get('monthly')
  @ApiOperation({
    summary: 'Figures, ranking and explanation tasks of a month and scope (published bulletin, else live)',
  })
  monthly(@Query() q: MonthlyQuery, @CurrentPrincipal() p: Principal) {
    return this.reports.forPrincipal(p, q.month, q.scope);
  }

  @Get('monthly.xlsx')
  @ApiOperation({ summary: 'The same as an Excel workbook (one sheet per table)' })
  @ApiProduces(XLSX_TYPE)
  async xlsx(
    @Query() q: MonthlyQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.reports.forPrincipal(p, q.month, q.scope);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(bulletinFileName(r.snapshot, 'xlsx')));
    return new StreamableFile(await this.reports.xlsx(r));
  }

  @Get('monthly.csv')
  @ApiOperation({ summary: 'The per-unit figures as CSV (UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  async csv(
    @Query() q: MonthlyQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.reports.forPrincipal(p, q.month, q.scope);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(bulletinFileName(r.snapshot, 'csv')));
    return new StreamableFile(this.reports.csv(r));
  }

  @Get('definitions')
  @ApiOperation({ summary: 'What each figure counts (figure-definitions.ts)' })
  definitions() {
    return { rules: GENERAL_RULES, figures: FIGURES };
  }

  @Get('tasks/:id')
  async task(@Param() { id }: TaskIdParam, @CurrentPrincipal() p: Principal) {
    const t = await this.tasks.get(id);
    await this.scopes.authorize(p, 'statistics.view', t.bureauCode);
    return t;
  }

  /** The body is documented by AnswerTaskDto but checked by the service, after authorization (not by a pipe). */
  @Post('tasks/:id/answer')
  @HttpCode(200)
  @Can('explanation.answer')
  @ApiOperation({ summary: 'The head of the flagged unit submits its explanation (情况说明)' })
  @ApiBody({ type: AnswerTaskDto })
  answer(
    @Param() { id }: TaskIdParam,
    @Body() body: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.tasks.answer(p, id, body?.answer);
  }

  @Post('bulletins')
  @HttpCode(200)
  @Can('bulletin.publish')
  @ApiOperation({
    summary:
      'Compute and publish a month’s bulletins now; a rerun after changes publishes a correction (new version)',
  })
  async run(@Body() body: RunBulletinDto, @CurrentPrincipal() p: Principal) {
    // The table's subject is national whatever the scope: a provincial analyst may read its province's figures, but
    // HQ circulates every bulletin and each draft is a version of it — so a refusal comes before the scope check.
    authorize(p, 'bulletin.publish', NATIONAL);
    const all = await this.job.bulletinScopes();
    if (body.scope && !all.includes(body.scope)) {
      throw new StatisticsError(
        'invalid',
        'STATISTICS_NOT_A_BULLETIN_SCOPE',
        '通报只面向总局和省级（含计划单列市）税务局',
      );
    }
    return this.job.run(body.month, {
      scopes: body.scope ? [body.scope] : undefined,
      note: body.note,
      publish: body.publish,
      actorLabel: `${p.displayName || p.username}（${p.username}）`,
    });
  }
}
