import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './source.dto';
import { readTextBody } from './request-body';
import { SourcesImportService } from './sources-import.service';
import { SourcesService } from './sources.service';

const CSV_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Sources API: 'source.view' to read, 'source.manage' to write (src/auth/policy); SourcesService scopes both to the
 * caller's bureau subtree (a source without a bureau is national: HQ's to change).
 */
@ApiTags('sources')
@ApiBearerAuth()
@Controller('api')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly csv: SourcesImportService,
  ) {}

  @Get('sources')
  @Can('source.view')
  list(@Query() q: ListSourcesQuery, @CurrentPrincipal() p: Principal) {
    return this.sources.list(p, q);
  }

  @Get('sources.csv')
  @Can('source.view')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sources.csv"')
  exportCsv(@CurrentPrincipal() p: Principal) {
    return this.csv.exportCsv(p);
  }

  @Post('sources.csv')
  @Can('source.manage')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  async importCsv(@Req() req: Request, @CurrentPrincipal() p: Principal) {
    return this.csv.importCsv(await readTextBody(req, CSV_MAX_BYTES), p);
  }

  @Get('sources/:id')
  @Can('source.view')
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.sources.get(p, id);
  }

  @Get('sources/:id/errors')
  @Can('source.view')
  errors(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.sources.errors(p, id);
  }

  @Post('sources')
  @Can('source.manage')
  create(@Body() dto: CreateSourceDto, @CurrentPrincipal() p: Principal) {
    return this.sources.create(dto, p);
  }

  @Patch('sources/:id')
  @Can('source.manage')
  update(@Param('id') id: string, @Body() dto: UpdateSourceDto, @CurrentPrincipal() p: Principal) {
    return this.sources.update(id, dto, p);
  }

  @Delete('sources/:id')
  @Can('source.manage')
  async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.sources.remove(id, p);
    return { ok: true };
  }

  @Post('sources/:id/rotate-secret')
  @Can('source.manage')
  @HttpCode(200)
  rotate(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.sources.rotateSecret(id, p);
  }

  @Post('sources/:id/check-now')
  @Can('source.manage')
  @HttpCode(200)
  checkNow(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.sources.checkNow(id, p);
  }
}
