import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock/clock';
import { assertCommentLength, badInput } from '../incident.errors';
import { appendEvents, moveToBureau, updateIncident } from '../incident.repository';
import { IncidentLabels } from '../console/incident-labels';
import { IncidentListeners } from '../incident-listeners';
import { Actor, CATEGORIES, IncidentSnapshot } from '../incident.types';
import { IncidentsConfig } from '../incidents.config';
import { ActionOptions, IncidentsService } from '../incidents.service';

/**
 * The corrections and bookkeeping around an incident that are not lifecycle steps: category, bureau, comments and
 * claims. Same rules as IncidentsService: one transaction, locked row, version and claim checked, event written.
 */
@Injectable()
export class IncidentEditsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
    private readonly config: IncidentsConfig,
    private readonly listeners: IncidentListeners,
    private readonly labels: IncidentLabels,
  ) {}

  async recategorise(
    incidentId: string,
    category: string,
    secondary: string[] | undefined,
    actor: Actor,
    opts: ActionOptions & { comment?: string } = {},
  ): Promise<IncidentSnapshot> {
    const known = CATEGORIES as readonly string[];
    if (!known.includes(category) || (secondary ?? []).some((c) => !known.includes(c))) {
      throw badInput(`类别必须是：${CATEGORIES.join('、')}`);
    }
    return this.incidents.tx(opts.em, async (em) => {
      const before = await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      const now = this.clock.now();
      const sec = [...new Set((secondary ?? before.secondaryCategories).filter((c) => c !== category))];
      const after = await updateIncident(em, incidentId, { category, secondary_categories: sec }, now);
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action: 'recategorise',
          before: {
            category: before.category,
            secondaryCategories: before.secondaryCategories,
            version: before.version,
          },
          after: { category, secondaryCategories: sec, version: after.version },
          comment: opts.comment?.trim() || null,
        },
      ]);
      const note = `调整类别 ${before.category ?? '—'}→${category}`;
      await this.labels.record(em, {
        incidentId,
        actor,
        alert: true,
        category,
        bureauCode: after.bureauCode,
        note,
      });
      return after;
    });
  }

  /** Hands the incident to another bureau (null: unassigned, HQ triage). Grouping keys follow the incident. */
  async reassign(
    incidentId: string,
    bureauCode: string | null,
    actor: Actor,
    opts: ActionOptions & { comment?: string } = {},
  ): Promise<IncidentSnapshot> {
    return this.incidents.tx(opts.em, async (em) => {
      if (bureauCode !== null) {
        const [b] = await em.query(`SELECT 1 FROM bureaus WHERE code = $1`, [bureauCode]);
        if (!b) throw badInput(`单位 ${bureauCode} 不存在`);
      }
      const before = await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      if (before.bureauCode === bureauCode) return before;
      const now = this.clock.now();
      const after = await moveToBureau(em, incidentId, bureauCode, now);
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action: 'reassign',
          before: { bureauCode: before.bureauCode, version: before.version },
          // Who moved it, by bureau too: the actor's bureau may not be above either end (a new incident goes anywhere).
          after: { bureauCode, version: after.version, byBureau: actor.bureauCode ?? null },
          comment: opts.comment?.trim() || null,
        },
      ]);
      const note = `改派单位 ${before.bureauCode ?? '未分配'}→${bureauCode ?? '未分配'}`;
      await this.labels.record(em, {
        incidentId,
        actor,
        alert: true,
        category: after.category,
        bureauCode,
        note,
      });
      await this.listeners.bureauChanged(em, after, before.bureauCode, bureauCode, actor);
      return after;
    });
  }

  /** A note on the timeline. Changes nothing on the incident, so the version stays. */
  async comment(
    incidentId: string,
    text: string,
    actor: Actor,
    opts: ActionOptions = {},
  ): Promise<IncidentSnapshot> {
    const comment = text?.trim();
    if (!comment) throw badInput('备注不能为空');
    assertCommentLength(comment);
    return this.incidents.tx(opts.em, async (em) => {
      const inc = await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      await appendEvents(em, [{ incidentId, at: this.clock.now(), actor, action: 'comment', comment }]);
      return inc;
    });
  }

  /** Takes (or renews) the claim; another monitor's actions get 409 until it is released or lapses. */
  async claim(incidentId: string, actor: Actor, opts: ActionOptions = {}): Promise<IncidentSnapshot> {
    if (!actor.userId) throw badInput('只有登录用户可以认领事件');
    return this.incidents.tx(opts.em, async (em) => {
      await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      const now = this.clock.now();
      const until = new Date(now.getTime() + this.config.INCIDENT_CLAIM_MINUTES * 60_000);
      const after = await updateIncident(
        em,
        incidentId,
        { claimed_by: actor.userId, claim_expires_at: until },
        now,
      );
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action: 'claim',
          after: { claimExpiresAt: until, version: after.version },
        },
      ]);
      return after;
    });
  }

  async release(incidentId: string, actor: Actor, opts: ActionOptions = {}): Promise<IncidentSnapshot> {
    return this.incidents.tx(opts.em, async (em) => {
      const before = await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      if (!before.claimedBy) return before;
      const now = this.clock.now();
      const after = await updateIncident(em, incidentId, { claimed_by: null, claim_expires_at: null }, now);
      await appendEvents(em, [
        { incidentId, at: now, actor, action: 'release', before: { claimedBy: before.claimedBy } },
      ]);
      return after;
    });
  }
}
