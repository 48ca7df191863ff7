import { Body, Controller, Get, Param, Patch, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { contentDisposition } from '../../statistics/bulletin/bulletin-xlsx';
import { DOCX_TYPE } from '../briefing-docx';
import { BriefingIdParam } from '../briefings.dto';
import { specialReportDocx, specialReportFileName } from './special-report-docx';
import { SpecialReportsService } from './special-reports.service';

export class DraftSpecialReportDto {
  @ApiProperty({ example: '42' })
  @Matches(/^[0-9]{1,18}$/, { message: 'incidentId must be a number' })
  incidentId: string;
}

/**
 * The 上报 form of a written report (src/incidents/triage/report-form.ts), read by the service after the 上报 rule:
 * a refusal of the form must not come before the refusal of the person, as on every other report route.
 */
export class SubmitSpecialReportDto {
  @ApiProperty({ example: '国家税务总局办公厅', maxLength: 200 })
  @IsOptional()
  addressee?: unknown;

  @ApiProperty({ example: '粤税舆〔2026〕12号', maxLength: 100 })
  @IsOptional()
  reference?: unknown;
}

export class UpdateSpecialReportDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) basic?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) spread?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) units?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) measures?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) nextSteps?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reportingUnit?: string;
}

/** 舆情专报 over HTTP: draft from an incident, edit, submit (recorded as 已上报 evidence), Word export. */
@ApiTags('special-reports')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/special-reports')
@Can('special_report.write')
export class SpecialReportsController {
  constructor(private readonly reports: SpecialReportsService) {}

  @Post()
  @ApiOperation({ summary: 'Draft the 专报 of an incident from its data (its open draft when there is one)' })
  async draft(
    @Body() dto: DraftSpecialReportDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.reports.draft(p, dto.incidentId);
    res.status(r.created ? 201 : 200);
    return r.report;
  }

  @Get(':id')
  get(@Param() { id }: BriefingIdParam, @CurrentPrincipal() p: Principal) {
    return this.reports.get(p, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft' })
  update(
    @Param() { id }: BriefingIdParam,
    @Body() dto: UpdateSpecialReportDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.reports.update(p, id, dto);
  }

  @Post(':id/submit')
  @ApiOperation({
    summary: 'Submit: freezes the report and records 文号 and addressee on the incident’s report clocks',
  })
  submit(
    @Param() { id }: BriefingIdParam,
    @Body() dto: SubmitSpecialReportDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.reports.submit(p, id, dto);
  }

  @Get(':id/docx')
  @ApiProduces(DOCX_TYPE)
  async docx(
    @Param() { id }: BriefingIdParam,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.reports.get(p, id);
    const name = specialReportFileName(r, 'docx');
    res.setHeader('Content-Type', DOCX_TYPE);
    res.setHeader('Content-Disposition', contentDisposition({ utf8: name, ascii: name }));
    return new StreamableFile(await specialReportDocx(r));
  }
}
