import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { BriefingIdParam } from '../briefings.dto';
import { SupervisionService } from './supervision.service';
import { supervisionXlsx, XLSX_TYPE } from './supervision-xlsx';
import { IsRealDateTime } from '../../infrastructure/http/real-date-time';

export class CreateSupervisionDto {
  @ApiProperty() @IsString() @MaxLength(200) title: string;
  @ApiProperty({ description: '督办要求' }) @IsString() @MaxLength(20000) instruction: string;
  @ApiPropertyOptional({ description: '报送要求' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requiredReport?: string;
  @ApiProperty({ example: '44' })
  @Matches(/^[0-9]{2,6}$/, { message: 'bureauCode must be a bureau code of 2 to 6 digits' })
  bureauCode: string;
  @ApiProperty({ example: '2026-12-04T09:30:00Z' })
  @IsRealDateTime()
  dueAt: string;
}

export class AnswerSupervisionDto {
  @ApiProperty({ description: '办理情况' }) @IsString() @MaxLength(20000) answer: string;
}

export class LedgerQuery {
  @ApiPropertyOptional({ enum: ['open', 'answered', 'overdue', 'late'] })
  @IsOptional()
  @IsIn(['open', 'answered', 'overdue', 'late'], {
    message: 'status must be open, answered, overdue or late',
  })
  status?: 'open' | 'answered' | 'overdue' | 'late';
  @ApiPropertyOptional({ example: '44' })
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/, { message: 'bureau must be a bureau code' })
  bureau?: string;
}

/** 督办台账 over HTTP: open a matter, the ledger (JSON, XLSX), answer a matter. */
@ApiTags('supervision')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Post()
  @Can('supervision.open')
  @ApiOperation({ summary: 'Open a supervised matter for a unit of your subtree, on an escalation clock' })
  create(@Body() dto: CreateSupervisionDto, @CurrentPrincipal() p: Principal) {
    return this.supervision.create(p, { ...dto, dueAt: new Date(dto.dueAt) });
  }

  @Get()
  @Can('supervision.view')
  @ApiOperation({ summary: 'The ledger of your subtree, open matters first' })
  ledger(@Query() q: LedgerQuery, @CurrentPrincipal() p: Principal) {
    return this.supervision.ledger(p, { status: q.status, bureauCode: q.bureau });
  }

  @Get('ledger.xlsx')
  @Can('supervision.view')
  @ApiProduces(XLSX_TYPE)
  async xlsx(
    @Query() q: LedgerQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', 'attachment; filename="supervision-ledger.xlsx"');
    return new StreamableFile(
      await supervisionXlsx(await this.supervision.ledger(p, { status: q.status, bureauCode: q.bureau })),
    );
  }

  @Get(':id')
  @Can('supervision.view')
  get(@Param() { id }: BriefingIdParam, @CurrentPrincipal() p: Principal) {
    return this.supervision.get(p, id);
  }

  /**
   * The body is documented by AnswerSupervisionDto but checked by the service after authorization (a pipe would
   * answer a caller who may not report with a validation error first).
   */
  @Post(':id/answer')
  @Can('supervision.answer')
  @ApiOperation({
    summary: 'The responsible unit reports: meets the clock; after the deadline a 迟报 finding',
  })
  @ApiBody({ type: AnswerSupervisionDto })
  answer(
    @Param() { id }: BriefingIdParam,
    @Body() body: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.supervision.answer(p, id, body?.answer);
  }
}
