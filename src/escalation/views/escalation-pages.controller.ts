import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Can, CurrentPrincipal } from '../../auth/auth.decorators';
import { authorize, NATIONAL } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { Clock } from '../../infrastructure/clock/clock';
import { DomainError } from '../../infrastructure/http/domain-error';
import { renderExtensions, renderPolicies } from './escalation-admin.views';
import { MeetClockDto } from '../escalation.dto';
import { renderIncidentEscalation } from './escalation-incident.view';
import { CLOCK_KIND_LABELS, type ClockKind } from '../escalation.types';
import { isPolicyKey, POLICY_KEYS, PolicyKey } from '../policy/escalation-policy';
import { EscalationPolicyService, PolicyVersion } from '../policy/escalation-policy.service';
import { EscalationPolicyFormService } from '../policy/escalation-policy-form.service';
import { renderPolicyForm } from '../policy/escalation-policy-form.view';
import { EscalationViewService } from './escalation-view.service';
import { ExtensionService } from '../incident/extension.service';
import { ManualActionsService } from '../incident/manual-actions.service';

export class PolicyFormDto {
  @IsString() @MaxLength(100_000) policy: string;
  @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

function policyKey(key: string): PolicyKey {
  if (!isPolicyKey(key))
    throw new DomainError('not_found', 'ESCALATION_POLICY_UNKNOWN', `策略 ${key} 不存在`);
  return key;
}

export class DecisionFormDto {
  @IsIn(['approve', 'refuse']) decision: 'approve' | 'refuse';
  @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

/**
 * Console pages: an incident's clocks and notification log, the policy editor, the extension queue. The same rules
 * as the API (src/auth/policy): `@Can` for the role, the services for the subject.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/escalation')
export class EscalationPagesController {
  constructor(
    private readonly views: EscalationViewService,
    private readonly policies: EscalationPolicyService,
    private readonly extensions: ExtensionService,
    private readonly manual: ManualActionsService,
    private readonly policyForms: EscalationPolicyFormService,
    private readonly clock: Clock,
  ) {}

  @Get('incidents/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async incident(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query('msg') msg?: unknown,
    @Query('err') err?: unknown,
  ): Promise<string> {
    const note = {
      msg: typeof msg === 'string' ? msg : undefined,
      err: typeof err === 'string' ? err : undefined,
    };
    return renderIncidentEscalation(p, await this.views.incident(p, id), this.clock.now(), note);
  }

  /** The same rule as the API's (ManualActionsService): a written report needs its 文号 and addressee. */
  @Post('incidents/:id/clocks/:kind/meet')
  async meet(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Body() form: MeetClockDto,
    @Res() res: Response,
  ) {
    // Back to the page with the outcome beside the clocks (a missing 文号 is a form error, not a page of its own), as
    // the incident console's forms do; a page the user may not open still refuses on the GET.
    const back = (q: Record<string, string>) =>
      res.redirect(
        303,
        `/console/escalation/incidents/${encodeURIComponent(id)}?${new URLSearchParams(q)}#clocks`,
      );
    try {
      await this.manual.meet(p, id, kind, form);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return back({ err: e.message });
    }
    back({ msg: `已记录「${CLOCK_KIND_LABELS[kind as ClockKind] ?? kind}」完成` });
  }

  @Get('policies')
  @Can('policy.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async policyPage(@CurrentPrincipal() p: Principal, @Query('saved') saved?: string): Promise<string> {
    return renderPolicies(
      p,
      await this.policies.all(),
      await this.histories(),
      undefined,
      isPolicyKey(saved) ? `已保存：${saved} 新版本` : undefined,
    );
  }

  @Get('policies/:key/edit')
  @Can('policy.edit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async policyForm(@CurrentPrincipal() p: Principal, @Param('key') key: string): Promise<string> {
    authorize(p, 'policy.edit', NATIONAL);
    return renderPolicyForm(p, await this.policyForms.initial(p, policyKey(key)));
  }

  /** The Chinese form: 预览 re-renders with the simulated timeline, 保存 saves a new version. */
  @Post('policies/:key/edit')
  @Can('policy.edit')
  async submitPolicyForm(
    @CurrentPrincipal() p: Principal,
    @Param('key') key: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    authorize(p, 'policy.edit', NATIONAL); // before reading the form, so a refusal is never a form error
    const k = policyKey(key);
    const out = await this.policyForms.submit(p, k, body ?? {});
    if (out.saved) res.redirect(303, `/console/escalation/policies?saved=${k}#policy-${k}`);
    else res.status(out.status).type('html').send(renderPolicyForm(p, out.page));
  }

  /** The JSON editor (kept for scripts and power users; the page offers the Chinese form). */
  @Post('policies/:key')
  @Can('policy.edit')
  async savePolicy(
    @CurrentPrincipal() p: Principal,
    @Param('key') key: string,
    @Body() form: PolicyFormDto,
    @Res() res: Response,
  ) {
    authorize(p, 'policy.edit', NATIONAL); // before reading the form, so a refusal is never a form error
    let problems: string[] = [];
    try {
      if (!isPolicyKey(key))
        throw new DomainError('not_found', 'ESCALATION_POLICY_UNKNOWN', `策略 ${key} 不存在`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(form.policy);
      } catch (e) {
        problems = [`JSON 格式错误：${(e as Error).message}`];
      }
      if (!problems.length) {
        await this.policies.save(p, key, parsed, form.comment);
        res.redirect(303, `/console/escalation/policies?saved=${key}#policy-${key}`);
        return;
      }
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'ESCALATION_POLICY_INVALID') throw e;
      problems = (e.details as { problems: string[] }).problems;
    }
    const page = renderPolicies(p, await this.policies.all(), await this.histories(), {
      key: key as (typeof POLICY_KEYS)[number],
      text: form.policy,
      comment: form.comment ?? '',
      problems,
    });
    res.status(400).type('html').send(page);
  }

  @Get('extensions')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async extensionQueue(@CurrentPrincipal() p: Principal, @Query('done') done?: string): Promise<string> {
    const notice = done === 'approve' ? '已批准，时限已顺延。' : done === 'refuse' ? '已驳回。' : undefined;
    return renderExtensions(p, await this.extensions.list(p, null), this.clock.now(), notice);
  }

  @Post('extensions/:id')
  @Can('extension.decide')
  async decide(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() form: DecisionFormDto,
    @Res() res: Response,
  ) {
    await this.extensions.decide(p, id, form.decision === 'approve', form.comment);
    res.redirect(303, `/console/escalation/extensions?done=${form.decision}`);
  }

  private async histories(): Promise<Map<string, PolicyVersion[]>> {
    return new Map(
      await Promise.all(POLICY_KEYS.map(async (k) => [k, await this.policies.history(k)] as const)),
    );
  }
}
