import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import {
  CommentDto,
  DismissDto,
  ListIncidentsQuery,
  MergeDto,
  ReassignDto,
  RecategoriseDto,
  RegradeDto,
  ReviewAnswerDto,
  SplitDto,
  TransitionDto,
  VersionedDto,
} from './incident.dto';
import { BulkDto } from './triage/incident-bulk.dto';
import { IncidentBulkService } from './triage/incident-bulk.service';
import { IncidentDetailService } from './query/incident-detail.service';
import { IncidentQueryService } from './query/incident-query.service';
import { IncidentTriageService } from './triage/incident-triage.service';

/**
 * Triage API. Who may do what is src/auth/policy/permissions.ts: reading for every role within its bureau subtree,
 * triage decisions for monitors and admins, the later lifecycle steps (acknowledge, report, respond, close, reopen)
 * also for heads. `@Can` refuses a role early; IncidentTriageService applies the whole rule to the incident.
 * Every action takes `expectedVersion`; a stale one gets 409 INCIDENT_STALE_VERSION.
 */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents')
export class IncidentsController {
  constructor(
    private readonly query: IncidentQueryService,
    private readonly detail: IncidentDetailService,
    private readonly triage: IncidentTriageService,
    private readonly bulkService: IncidentBulkService,
  ) {}

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListIncidentsQuery) {
    return this.query.list(p, q);
  }

  @Get('counts')
  counts(@CurrentPrincipal() p: Principal, @Query() q: ListIncidentsQuery) {
    return this.query.counts(p, q);
  }

  /**
   * 批量处理: each incident through the same method as its single route, in its own transaction with its own policy
   * check; 200 with every incident's outcome ({id, ok, error}), so one refusal does not hide the others.
   */
  @Post('bulk')
  @HttpCode(200)
  async bulk(@CurrentPrincipal() p: Principal, @Body() dto: BulkDto) {
    const outcomes = await this.bulkService.apply(p, dto.op, dto.items, dto);
    return { outcomes };
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.detail.get(p, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Can('incident.confirm')
  confirm(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VersionedDto) {
    return this.triage.confirm(p, id, dto);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Can('incident.dismiss')
  dismiss(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DismissDto) {
    return this.triage.dismiss(p, id, dto);
  }

  /**
   * Any lifecycle action by name (acknowledge, report, respond, close, reopen, and confirm/dismiss too): the action is
   * in the body, so the service applies its rule — the same one as the dedicated routes.
   */
  @Post(':id/transition')
  @HttpCode(200)
  transition(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: TransitionDto) {
    return this.triage.generic(p, id, dto);
  }

  /** 复核结论 on a head's 申请复核; the rule is the triage action it amounts to, so it is decided in the service. */
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReviewAnswerDto) {
    return this.triage.answerReview(p, id, dto);
  }

  @Post(':id/regrade')
  @HttpCode(200)
  @Can('incident.regrade')
  regrade(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: RegradeDto) {
    return this.triage.regrade(p, id, dto);
  }

  @Post(':id/recategorise')
  @HttpCode(200)
  @Can('incident.recategorise')
  recategorise(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: RecategoriseDto) {
    return this.triage.recategorise(p, id, dto);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Can('incident.reassign')
  reassign(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReassignDto) {
    return this.triage.reassign(p, id, dto);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Can('incident.merge')
  merge(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: MergeDto) {
    return this.triage.merge(p, id, dto);
  }

  @Post(':id/split')
  @HttpCode(200)
  @Can('incident.split')
  split(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: SplitDto) {
    return this.triage.split(p, id, dto);
  }

  @Post(':id/comment')
  @HttpCode(200)
  @Can('incident.comment')
  comment(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CommentDto) {
    return this.triage.comment(p, id, dto);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Can('incident.claim')
  claim(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VersionedDto) {
    return this.triage.claim(p, id, dto);
  }

  @Delete(':id/claim')
  @Can('incident.claim')
  release(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() dto: VersionedDto) {
    return this.triage.release(p, id, dto);
  }
}
