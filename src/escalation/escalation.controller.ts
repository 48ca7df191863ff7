import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import { can, isHqPath, Subject } from '../auth/policy/policy';
import type { Principal } from '../auth/roles';
import {
  CreateRoutingRuleDto,
  DecideExtensionDto,
  ExtensionQueryDto,
  FindingsQueryDto,
  MeetClockDto,
  SavePolicyDto,
  SetRuleEnabledDto,
  SimulateDto,
} from './escalation.dto';
import { EscalationPolicyService } from './policy/escalation-policy.service';
import { EscalationViewService } from './views/escalation-view.service';
import { EscalationSimulator } from './engine/escalation.simulator';
import { ExtensionService } from './incident/extension.service';
import { ManualActionsService } from './incident/manual-actions.service';
import { ReportingFindingsService } from './findings/reporting-findings.service';
import type { RoutingRule } from './policy/routing-rules';
import { RoutingService } from './policy/routing.service';

/**
 * Escalation API: an incident's clocks and log, policies, routing rules, extension decisions, findings. Who may do
 * what is src/auth/policy/permissions.ts: `@Can` refuses a role early, the services apply the rule to the subject.
 */
@ApiTags('escalation')
@Controller('api/escalation')
export class EscalationController {
  constructor(
    private readonly views: EscalationViewService,
    private readonly policies: EscalationPolicyService,
    private readonly routing: RoutingService,
    private readonly extensions: ExtensionService,
    private readonly findings: ReportingFindingsService,
    private readonly manual: ManualActionsService,
    private readonly simulator: EscalationSimulator,
  ) {}

  @Get('incidents/:id')
  incident(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.views.incident(p, id);
  }

  /**
   * Marks a written report (with its 文号 and addressee: the 上报 rule) or the press-conference response (the 回应
   * rule) as done; the others follow incident transitions. The rule depends on the clock, so the service decides.
   */
  @Post('incidents/:id/clocks/:kind/meet')
  meet(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Body() body: MeetClockDto,
  ) {
    return this.manual.meet(p, id, kind, body);
  }

  @Get('policies')
  allPolicies() {
    return this.policies.all();
  }

  @Get('policies/:key')
  policyHistory(@Param('key') key: string) {
    return this.policies.history(key);
  }

  @Put('policies/:key')
  @Can('policy.edit')
  savePolicy(@CurrentPrincipal() p: Principal, @Param('key') key: string, @Body() body: SavePolicyDto) {
    return this.policies.save(p, key, body.policy, body.comment);
  }

  /**
   * The rules the reader reaches by their owner (routing.view), plus HQ's own: those apply to every province's
   * incidents, and by priority before a province's rules, so a province cannot read its routing without them.
   */
  @Get('routing-rules')
  @Can('routing.view')
  async rules(@CurrentPrincipal() p: Principal): Promise<RoutingRule[]> {
    const rules = await this.routing.list();
    // RoutingService.owner is the one definition of a rule's bureau (routing.edit uses it too).
    const owners: Subject[] = await Promise.all(rules.map((r) => this.routing.owner(r)));
    return rules.filter(
      (_, i) =>
        owners[i].bureauPath === null || isHqPath(owners[i].bureauPath) || can(p, 'routing.view', owners[i]),
    );
  }

  @Post('routing-rules')
  @Can('routing.edit')
  createRule(@CurrentPrincipal() p: Principal, @Body() body: CreateRoutingRuleDto) {
    return this.routing.create(p, body);
  }

  @Patch('routing-rules/:id')
  @Can('routing.edit')
  setRule(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: SetRuleEnabledDto) {
    return this.routing.setEnabled(p, id, body.enabled);
  }

  @Get('extensions')
  extensionQueue(@CurrentPrincipal() p: Principal, @Query() q: ExtensionQueryDto) {
    return this.extensions.list(p, q.status ?? null);
  }

  @Post('extensions/:id/decision')
  @Can('extension.decide')
  decide(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: DecideExtensionDto) {
    return this.extensions.decide(p, id, body.approve, body.comment);
  }

  @Get('findings')
  findingsList(@CurrentPrincipal() p: Principal, @Query() q: FindingsQueryDto) {
    return this.findings.list({
      bureauPath: p.bureauPath,
      kind: q.kind,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    });
  }

  /** Contacts outside the caller's reach come back without name and email (contacts.view). */
  @Post('simulate')
  @Can('escalation.simulate')
  simulate(@CurrentPrincipal() p: Principal, @Body() body: SimulateDto) {
    return this.simulator.simulate(
      {
        grade: body.grade,
        bureauCode: body.bureau,
        at: body.at ? new Date(body.at) : undefined,
      },
      p,
    );
  }
}
