import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { contentDisposition } from '../statistics/bulletin/bulletin-xlsx';
import { briefingFileName, DOCX_TYPE } from './briefing-docx';
import { ArchiveQuery, BriefingIdParam, CreateSubscriptionDto } from './briefings.dto';
import { BriefingsService } from './briefings.service';

/** 舆情日报/周报 over HTTP: the archive of the caller's subtree, one briefing, its .docx; subscriptions. */
@ApiTags('briefings')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/briefings')
@Can('briefing.view')
export class BriefingsController {
  constructor(private readonly briefings: BriefingsService) {}

  @Get()
  @ApiOperation({ summary: 'Sent briefings of your subtree, newest first (without their content)' })
  archive(@Query() q: ArchiveQuery, @CurrentPrincipal() p: Principal) {
    return this.briefings.archive(p, q);
  }

  @Get('subscriptions')
  @Can('briefing.subscribe')
  @ApiOperation({ summary: 'Subscriptions to the briefings of your subtree' })
  subscriptions(@CurrentPrincipal() p: Principal) {
    return this.briefings.listSubscriptions(p);
  }

  @Post('subscriptions')
  @Can('briefing.subscribe')
  @ApiOperation({
    summary: 'Subscribe a contact role of the bureau, or one address, to its daily or weekly briefing',
  })
  async subscribe(
    @Body() dto: CreateSubscriptionDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.briefings.subscribe(p, dto);
    res.status(r.created ? 201 : 200);
    return r.subscription;
  }

  @Delete('subscriptions/:id')
  @Can('briefing.subscribe')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription' })
  async unsubscribe(@Param() { id }: BriefingIdParam, @CurrentPrincipal() p: Principal) {
    await this.briefings.unsubscribe(p, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One briefing with its frozen content' })
  get(@Param() { id }: BriefingIdParam, @CurrentPrincipal() p: Principal) {
    return this.briefings.get(p, id);
  }

  @Get(':id/docx')
  @ApiOperation({ summary: 'The briefing as a Word document' })
  @ApiProduces(DOCX_TYPE)
  async docx(
    @Param() { id }: BriefingIdParam,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const b = await this.briefings.get(p, id);
    const name = briefingFileName(b.snapshot, 'docx');
    res.setHeader('Content-Type', DOCX_TYPE);
    res.setHeader('Content-Disposition', contentDisposition({ utf8: name, ascii: name }));
    return new StreamableFile(await this.briefings.docx(b));
  }
}
