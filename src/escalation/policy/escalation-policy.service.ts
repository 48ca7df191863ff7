import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { authorize, NATIONAL } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import {
  defaultPolicy,
  isPolicyKey,
  PolicyKey,
  PolicyValidationError,
  POLICY_KEYS,
  validatePolicy,
} from './escalation-policy';
import { escalationError } from '../escalation.errors';
import type { EscalationPolicy } from '../escalation.types';

export interface PolicyVersion {
  policyKey: PolicyKey;
  /** 0 = the built-in default (DOMAIN.md), never edited. */
  version: number;
  policy: EscalationPolicy;
  comment: string | null;
  createdAt: Date | null;
  createdBy: string | null;
}

/**
 * Versioned policies: every edit is a new row (who, when, why), the newest is current. Clocks copy the policy when
 * they start (policy_snapshot), so an edit never changes a running clock; the edit's log line says how many kept
 * their old snapshot.
 */
@Injectable()
export class EscalationPolicyService {
  private readonly log = rootLogger().child({ ctx: 'escalation.policy' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async current(key: PolicyKey, em: EntityManager = this.db.manager): Promise<PolicyVersion> {
    const [row] = await em.query(
      `SELECT version, policy, comment, created_at, created_by_label FROM escalation_policies
        WHERE policy_key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
    );
    if (!row)
      return {
        policyKey: key,
        version: 0,
        policy: defaultPolicy(key),
        comment: '默认策略（DOMAIN.md）',
        createdAt: null,
        createdBy: null,
      };
    return {
      policyKey: key,
      version: row.version,
      policy: row.policy,
      comment: row.comment,
      createdAt: row.created_at,
      createdBy: row.created_by_label,
    };
  }

  async all(): Promise<PolicyVersion[]> {
    return Promise.all(POLICY_KEYS.map((k) => this.current(k)));
  }

  async history(key: string): Promise<PolicyVersion[]> {
    const k = this.key(key);
    const rows = await this.db.query(
      `SELECT version, policy, comment, created_at, created_by_label FROM escalation_policies
        WHERE policy_key = $1 ORDER BY version DESC`,
      [k],
    );
    const versions: PolicyVersion[] = rows.map((r: Record<string, unknown>) => ({
      policyKey: k,
      version: r.version as number,
      policy: r.policy as EscalationPolicy,
      comment: (r.comment as string | null) ?? null,
      createdAt: r.created_at as Date,
      createdBy: r.created_by_label as string,
    }));
    versions.push({
      policyKey: k,
      version: 0,
      policy: defaultPolicy(k),
      comment: '默认策略（DOMAIN.md）',
      createdAt: null,
      createdBy: null,
    });
    return versions;
  }

  /** The policies are national: only an HQ-level admin edits them (policy.edit). */
  async save(p: Principal, key: string, input: unknown, comment?: string): Promise<PolicyVersion> {
    authorize(p, 'policy.edit', NATIONAL);
    const k = this.key(key);
    let policy: EscalationPolicy;
    try {
      policy = validatePolicy(input);
    } catch (e) {
      if (e instanceof PolicyValidationError) {
        throw escalationError('invalid', 'ESCALATION_POLICY_INVALID', e.message, { problems: e.problems });
      }
      throw e;
    }
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      // Serialise edits of one key so two admins saving at once get versions n+1 and n+2, not a unique violation.
      await em.query(`SELECT pg_advisory_xact_lock(727050, hashtext($1))`, [k]);
      const [{ v }] = await em.query(
        `SELECT coalesce(max(version), 0) + 1 AS v FROM escalation_policies WHERE policy_key = $1`,
        [k],
      );
      await em.query(
        `INSERT INTO escalation_policies (policy_key, version, policy, comment, created_at, created_by, created_by_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          k,
          v,
          JSON.stringify(policy),
          comment?.trim() || null,
          now,
          p.userId === '0' ? null : p.userId,
          p.username,
        ],
      );
      const [{ running }] = await em.query(
        `SELECT count(*)::int AS running FROM escalation_clocks WHERE policy_key = $1 AND status IN ('running','missed')`,
        [k],
      );
      this.log.info(
        { policyKey: k, version: v, by: p.username, comment, runningClocksKeepOldSnapshot: running, policy },
        'escalation policy changed; running clocks keep the snapshot they started with',
      );
      return {
        policyKey: k,
        version: v,
        policy,
        comment: comment?.trim() || null,
        createdAt: now,
        createdBy: p.username,
      };
    });
  }

  private key(key: string): PolicyKey {
    if (!isPolicyKey(key)) {
      throw escalationError(
        'not_found',
        'ESCALATION_POLICY_UNKNOWN',
        `策略 ${key} 不存在（可用：${POLICY_KEYS.join('、')}）`,
      );
    }
    return key;
  }
}
