import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { GRADE_POLICY_KEYS, PolicyKey } from './escalation-policy';
import {
  FieldError,
  parsePolicyForm,
  PolicyForm,
  policyToForm,
  readPolicyForm,
} from './escalation-policy.form';
import { EscalationPolicyService } from './escalation-policy.service';
import { PolicyFormPage } from './escalation-policy-form.view';
import { EscalationSimulator } from '../engine/escalation.simulator';

export type PolicyFormOutcome = { saved: true } | { saved: false; page: PolicyFormPage; status: number };

/**
 * The policy form's two buttons: 预览 parses the form and runs the simulator on the unsaved policy; 保存 saves it
 * through EscalationPolicyService.save (which authorizes and validates again). Callers have checked policy.edit.
 */
@Injectable()
export class EscalationPolicyFormService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policies: EscalationPolicyService,
    private readonly simulator: EscalationSimulator,
  ) {}

  /** The form filled with the current version, previewed at a county of the editor's subtree. */
  async initial(p: Principal, key: PolicyKey): Promise<PolicyFormPage> {
    const current = await this.policies.current(key);
    return this.page(p, key, policyToForm(key, current.policy), '', [], undefined);
  }

  async submit(p: Principal, key: PolicyKey, body: Record<string, unknown>): Promise<PolicyFormOutcome> {
    const form = readPolicyForm(key, body);
    const comment = typeof body.comment === 'string' ? body.comment.slice(0, 500) : '';
    const { policy, errors } = parsePolicyForm(key, form);
    if (policy && body.action === 'save') {
      await this.policies.save(p, key, policy, comment);
      return { saved: true };
    }
    const bureau = typeof body.bureau === 'string' ? body.bureau.trim() : undefined;
    const page = await this.page(p, key, form, comment, errors, bureau);
    return { saved: false, page, status: errors.length ? 400 : 200 };
  }

  private async page(
    p: Principal,
    key: PolicyKey,
    form: PolicyForm,
    comment: string,
    errors: FieldError[],
    bureauCode: string | undefined,
  ): Promise<PolicyFormPage> {
    const current = await this.policies.current(key);
    const { policy } = errors.length ? { policy: null } : parsePolicyForm(key, form);
    const bureau = await this.previewBureau(p, bureauCode);
    const page: PolicyFormPage = { key, current, form, comment, errors, bureau, preview: null };
    if (!(GRADE_POLICY_KEYS as readonly string[]).includes(key)) {
      page.previewNote = '情况说明时限随统计通报生成，暂不提供时间线预览。';
    } else if (!bureau) {
      page.previewNote = '预览模拟单位不存在或不在您的管辖范围内。';
    } else if (policy) {
      const start = this.clock.now();
      const sim = await this.simulator.simulate(
        { grade: key, bureauCode: bureau.code, at: start, policy },
        p,
      );
      page.preview = { start, mails: sim.mails };
    }
    return page;
  }

  /** The chosen bureau if within the editor's subtree, else (nothing chosen) the first county-level one in it. */
  private async previewBureau(p: Principal, code?: string): Promise<{ code: string; name: string } | null> {
    const [row] = code
      ? await this.db.query(`SELECT code, name FROM bureaus WHERE code = $1 AND path LIKE $2 || '%'`, [
          code,
          p.bureauPath,
        ])
      : await this.db.query(
          `SELECT code, name FROM bureaus WHERE level = 'county' AND path LIKE $1 || '%' ORDER BY path LIMIT 1`,
          [p.bureauPath],
        );
    return row ?? null;
  }
}
