import { Body, Controller, Get, Header, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { DomainError } from '../../infrastructure/http/domain-error';
import { renderSpecialReportPage, renderSpecialReportPrint } from './special-report.views';
import { SpecialReportsService } from './special-reports.service';

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

/** 舆情专报 pages: the one-click draft from the incident page, the edit form, submission, the print view. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/special-reports')
@Can('special_report.write')
export class SpecialReportPagesController {
  constructor(private readonly reports: SpecialReportsService) {}

  /** The incident page's button: its open draft, or a new one. */
  @Post()
  async draft(@CurrentPrincipal() p: Principal, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const incidentId = typeof body.incidentId === 'string' ? body.incidentId : '';
    const { report } = await this.reports.draft(p, incidentId);
    res.redirect(303, `/console/special-reports/${report.id}`);
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<string> {
    const r = await this.reports.get(p, id);
    return renderSpecialReportPage(p, r, { canSubmit: await this.reports.maySubmit(p, r.incidentId) });
  }

  @Get(':id/print')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async print(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<string> {
    return renderSpecialReportPrint(await this.reports.get(p, id));
  }

  @Post(':id')
  async save(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.form(p, id, res, () => this.reports.update(p, id, body));
  }

  @Post(':id/submit')
  async submit(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.form(p, id, res, () => this.reports.submit(p, id, body));
  }

  /** Runs a form action; a domain error re-renders the form with the message (and its HTTP status). */
  private async form(p: Principal, id: string, res: Response, act: () => Promise<unknown>) {
    try {
      await act();
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found' || e.kind === 'forbidden') throw e;
      const r = await this.reports.get(p, id);
      const canSubmit = await this.reports.maySubmit(p, r.incidentId);
      res
        .status(STATUS[e.kind] ?? 400)
        .type('html')
        .send(renderSpecialReportPage(p, r, { canSubmit, error: e.message }));
      return;
    }
    res.redirect(303, `/console/special-reports/${id}`);
  }
}
