import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { DomainError } from '../../infrastructure/http/domain-error';
import { shanghaiInstant, isDateKey } from '../briefing-period';
import { SupervisionService } from './supervision.service';
import { LedgerFilter } from './supervision.types';
import { supervisionXlsx, XLSX_TYPE } from './supervision-xlsx';
import { renderLedgerPage, renderMatterPage } from './supervision.views';

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, conflict: 409 };
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const statusOf = (v: unknown): LedgerFilter['status'] =>
  v === 'open' || v === 'answered' || v === 'overdue' || v === 'late' ? v : undefined;
const bureauOf = (v: unknown) => (typeof v === 'string' && /^[0-9]{2,6}$/.test(v) ? v : undefined);

/** 督办台账 pages: the ledger with filters and its Excel export, one matter with the answer form. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class SupervisionPagesController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('supervision')
  @Can('supervision.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async ledger(
    @CurrentPrincipal() p: Principal,
    @Query('status') status?: unknown,
    @Query('bureau') bureau?: unknown,
  ) {
    const f = { status: statusOf(status), bureau: bureauOf(bureau) };
    return renderLedgerPage(
      p,
      await this.supervision.ledger(p, { status: f.status, bureauCode: f.bureau }),
      f,
    );
  }

  @Get('supervision.xlsx')
  @Can('supervision.view')
  async xlsx(
    @CurrentPrincipal() p: Principal,
    @Res() res: Response,
    @Query('status') status?: unknown,
    @Query('bureau') bureau?: unknown,
  ) {
    const rows = await this.supervision.ledger(p, { status: statusOf(status), bureauCode: bureauOf(bureau) });
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', 'attachment; filename="supervision-ledger.xlsx"');
    res.send(await supervisionXlsx(rows));
  }

  /** The console form: the due date's end of the working day (17:30 Shanghai). */
  @Post('supervision')
  @Can('supervision.open')
  async create(
    @CurrentPrincipal() p: Principal,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const due = str(body.dueDate);
      if (!isDateKey(due)) throw new DomainError('invalid', 'SUPERVISION_INVALID', '请选择办理时限');
      const m = await this.supervision.create(p, {
        title: str(body.title),
        instruction: str(body.instruction),
        requiredReport: str(body.requiredReport),
        bureauCode: str(body.bureauCode),
        dueAt: shanghaiInstant(due, '17:30'),
      });
      res.redirect(303, `/console/supervision/${m.id}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found') throw e;
      res
        .status(STATUS[e.kind] ?? 400)
        .type('html')
        .send(renderLedgerPage(p, await this.supervision.ledger(p), {}, e.message));
    }
  }

  @Get('supervision/:id')
  @Can('supervision.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async matter(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    const m = await this.supervision.get(p, id);
    return renderMatterPage(p, m, await this.supervision.canAnswer(p, m));
  }

  @Post('supervision/:id/answer')
  @Can('supervision.answer')
  async answer(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      await this.supervision.answer(p, id, body?.answer);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'not_found') throw e;
      const m = await this.supervision.get(p, id);
      res
        .status(STATUS[e.kind] ?? 400)
        .type('html')
        .send(renderMatterPage(p, m, await this.supervision.canAnswer(p, m), e.message));
      return;
    }
    res.redirect(303, `/console/supervision/${id}`);
  }
}
