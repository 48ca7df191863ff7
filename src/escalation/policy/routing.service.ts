import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { authorize, commonPath, Subject } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import type { ContactRole } from '../../organisation/organisation.types';
import { escalationError } from '../escalation.errors';
import { route, Route, RoutingRule } from './routing-rules';

const RULE_COLUMNS = `id::text, name, priority, category, region_prefix AS "regionPrefix", source_id::text AS "sourceId",
  only_unassigned AS "onlyUnassigned", bureau_code AS "bureauCode", notify_roles AS "notifyRoles", enabled`;

export interface NewRoutingRule {
  name: string;
  priority?: number;
  category?: string | null;
  regionPrefix?: string | null;
  sourceId?: string | null;
  onlyUnassigned?: boolean;
  bureauCode: string;
  notifyRoles?: ContactRole[] | null;
}

/** Routing rules (table routing_rules) and the responsible bureau of an incident. */
@Injectable()
export class RoutingService {
  private readonly log = rootLogger().child({ ctx: 'escalation.routing' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Issue 6's example rule — a nationwide e-tax outage (系统故障 without a bureau) goes to HQ's office — inserted
   * once per database (remembered in app_meta, so an admin who disables or edits it is not overruled on restart).
   * Not in the migration: bureaus are seeded after migrations, so HQ does not exist there yet.
   */
  async seedDefaults(): Promise<void> {
    await this.db.transaction(async (em) => {
      const [meta] = await em.query(
        `INSERT INTO app_meta (key, value, updated_at) VALUES ('escalation.default_routing_rules', '1', $1)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [this.clock.now()],
      );
      if (!meta) return;
      await em.query(
        `INSERT INTO routing_rules (name, priority, category, only_unassigned, bureau_code, notify_roles, created_at)
         VALUES ('全国性系统故障（电子税务局等）由总局办公室处置', 10, '系统故障', true, '00', ARRAY['office','liaison'], $1)`,
        [this.clock.now()],
      );
    });
  }

  list(em: EntityManager = this.db.manager): Promise<RoutingRule[]> {
    return em.query(`SELECT ${RULE_COLUMNS} FROM routing_rules ORDER BY priority, id`);
  }

  /** The responsible bureau of an incident, by its bureau, category, region and the sources of its items. */
  async routeIncident(
    em: EntityManager,
    inc: { id: string; bureauCode: string | null; category: string | null; regionCode: string | null },
  ): Promise<Route> {
    const rules = (await this.list(em)).filter((r) => r.enabled);
    const needsSources = rules.some((r) => r.sourceId !== null);
    const sourceIds: string[] = needsSources
      ? (
          await em.query(`SELECT DISTINCT source_id::text AS id FROM items WHERE incident_id = $1`, [inc.id])
        ).map((r: { id: string }) => r.id)
      : [];
    return route(
      { bureauCode: inc.bureauCode, category: inc.category, regionCode: inc.regionCode, sourceIds },
      rules,
    );
  }

  /**
   * The bureau a rule belongs to, for routing.edit: the deepest bureau above both where the rule looks (every bureau
   * whose code starts with its region prefix — '44' also reaches 深圳 4403, which reports to HQ) and where it sends.
   * A rule without a region prefix looks at the whole country, so it is HQ's, as is one whose prefix names no bureau.
   */
  async owner(rule: { regionPrefix: string | null; bureauCode: string }): Promise<Subject> {
    if (!rule.regionPrefix) return { bureauPath: null };
    const rows: { path: string; looks: boolean }[] = await this.db.query(
      `SELECT path, code LIKE $1 || '%' AS looks FROM bureaus WHERE code LIKE $1 || '%' OR code = $2`,
      [rule.regionPrefix, rule.bureauCode],
    );
    if (!rows.some((b) => b.looks)) return { bureauPath: null };
    return { bureauPath: commonPath(rows.map((b) => b.path)) };
  }

  async create(p: Principal, r: NewRoutingRule): Promise<RoutingRule> {
    if (!r.category && !r.regionPrefix && !r.sourceId) {
      throw escalationError(
        'invalid',
        'ESCALATION_RULE_INVALID',
        '路由规则至少需要类别、地区前缀或信息源之一',
      );
    }
    const [bureau] = await this.db.query(`SELECT 1 FROM bureaus WHERE code = $1`, [r.bureauCode]);
    if (!bureau) throw escalationError('invalid', 'ESCALATION_RULE_INVALID', `单位 ${r.bureauCode} 不存在`);
    authorize(
      p,
      'routing.edit',
      await this.owner({ regionPrefix: r.regionPrefix ?? null, bureauCode: r.bureauCode }),
    );
    if (r.sourceId) {
      const [src] = await this.db.query(`SELECT 1 FROM sources WHERE id = $1`, [r.sourceId]);
      if (!src) throw escalationError('invalid', 'ESCALATION_RULE_INVALID', `信息源 ${r.sourceId} 不存在`);
    }
    const [row] = await this.db.query(
      `INSERT INTO routing_rules (name, priority, category, region_prefix, source_id, only_unassigned, bureau_code,
                                  notify_roles, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RULE_COLUMNS}`,
      [
        r.name.trim(),
        r.priority ?? 100,
        r.category ?? null,
        r.regionPrefix ?? null,
        r.sourceId ?? null,
        r.onlyUnassigned ?? true,
        r.bureauCode,
        r.notifyRoles ?? null,
        this.clock.now(),
        p.userId,
      ],
    );
    this.log.info({ ruleId: row.id, by: p.username, rule: row }, 'routing rule created');
    return row;
  }

  async setEnabled(p: Principal, id: string, enabled: boolean): Promise<RoutingRule> {
    return this.db.transaction(async (em) => {
      const [rule]: RoutingRule[] = /^[0-9]{1,18}$/.test(id)
        ? await em.query(`SELECT ${RULE_COLUMNS} FROM routing_rules WHERE id = $1 FOR UPDATE`, [id])
        : [];
      if (!rule) throw escalationError('not_found', 'ESCALATION_RULE_NOT_FOUND', `路由规则 ${id} 不存在`);
      authorize(p, 'routing.edit', await this.owner(rule));
      const [[row]] = await em.query(
        `UPDATE routing_rules SET enabled = $2 WHERE id = $1 RETURNING ${RULE_COLUMNS}`,
        [id, enabled],
      );
      this.log.info({ ruleId: id, enabled, by: p.username }, 'routing rule changed');
      return row;
    });
  }
}
