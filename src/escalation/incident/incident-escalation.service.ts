import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, Grade, IncidentSnapshot, IncidentStatus } from '../../incidents/incident.types';
import { ReportEvidence, reportEvidenceOf } from '../../incidents/triage/report-form';
import { Clock } from '../../infrastructure/clock/clock';
import { OutboxService } from '../../notifications/outbox.service';
import { rootLogger } from '../../infrastructure/logging/logger';
import { planClock } from '../engine/clock-timing';
import { clocksOf, insertClocks } from '../engine/escalation-clock.store';
import { EscalationPolicyService } from '../policy/escalation-policy.service';
import { EscalationConfig } from '../escalation.config';
import { EscalationDirectory } from '../engine/escalation.directory';
import { EscalationService } from '../engine/escalation.service';
import type { ClockKind, ClockRow } from '../escalation.types';
import { IncidentNoticesService } from './incident-notices.service';
import { insertIncidentEvents } from './incident-subject';
import { RoutingService } from '../policy/routing.service';
import { Placement, placeConfirmed, placeReassigned } from '../policy/incident-placement';

const LIVE_STATUSES: IncidentStatus[] = ['confirmed', 'acknowledged', 'reported', 'responded', 'reopened'];
/** Outbox kinds addressed to the responsible unit's chain, obsolete once the incident moves to another unit. */
const STALE_ON_MOVE = [
  'escalation.start',
  'escalation.reassigned',
  'escalation.regraded',
  'escalation.step',
  'escalation.unreached',
];

/** Clock kinds an incident's status already satisfies (nothing to start when the grade rises later). */
function satisfied(kind: ClockKind, status: IncidentStatus): boolean {
  const after = (s: IncidentStatus[]) => s.includes(status);
  if (kind === 'acknowledge') return after(['acknowledged', 'reported', 'responded', 'closed']);
  if (kind === 'first_report') return after(['reported', 'responded', 'closed']);
  if (kind === 'response') return after(['responded', 'closed']);
  return false;
}

/** The timeline's words for a rule's placement: the incident itself moves when the rule sends it elsewhere. */
function placementNote(route: Placement): string {
  const base = `按路由规则“${route.rule!.name}”交由 ${route.bureauCode} 处置`;
  return route.placedFrom === undefined
    ? base
    : `${base}，事件改属该单位（原属 ${route.placedFrom ?? '未分配'}）`;
}

/** What escalation does when an incident changes (called by EscalationListener inside the change's transaction). */
@Injectable()
export class IncidentEscalationService {
  private readonly log = rootLogger().child({ ctx: 'escalation.incident' });

  constructor(
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly escalation: EscalationService,
    private readonly policies: EscalationPolicyService,
    private readonly routing: RoutingService,
    private readonly directory: EscalationDirectory,
    private readonly notices: IncidentNoticesService,
    private readonly outbox: OutboxService,
  ) {}

  /** Confirmed: route, snapshot the grade's policy onto new clocks, tell the unit's head and liaison at once. */
  async start(em: EntityManager, inc: IncidentSnapshot): Promise<ClockRow[]> {
    const now = this.clock.now();
    const route = await placeConfirmed(em, this.routing, inc, now);
    const lookup = this.directory.lookup();
    const { bureau: notify, fallbackFrom } = await lookup.firstWithContacts(route.bureauCode);
    const current = await this.policies.current(inc.grade, em);
    const anchors = { detectedAt: inc.detectedAt, confirmedAt: inc.confirmedAt ?? now };
    const rows = await insertClocks(
      em,
      current.policy.clocks.map((cp) => {
        const p = planClock(
          inc.grade,
          current.version,
          current.policy,
          cp,
          this.config.ESCALATION_WORKING_HOURS,
          anchors,
        );
        return {
          subjectKind: 'incident',
          subjectId: inc.id,
          bureauCode: route.bureauCode,
          notifyBureauCode: notify?.code ?? route.bureauCode,
          kind: cp.kind,
          grade: inc.grade,
          startedAt: p.startedAt,
          dueAt: p.dueAt,
          nextStepAt: p.nextStepAt,
          findingCheckAt: p.findingCheckAt,
          policyKey: inc.grade,
          policySnapshot: p.snapshot,
        };
      }),
      now,
    );
    if (rows.length === 0) return [];
    const events = [
      {
        subjectId: inc.id,
        at: now,
        action: 'escalation_started',
        after: {
          responsibleBureau: route.bureauCode,
          routedBy: route.via,
          rule: route.rule,
          ...(route.placedFrom !== undefined ? { placedFrom: route.placedFrom } : {}),
          notifyBureau: notify?.code ?? null,
          policy: { key: inc.grade, version: current.version },
          clocks: rows.map((r) => ({ id: r.id, kind: r.kind, dueAt: r.dueAt })),
        },
        comment: route.rule ? placementNote(route) : null,
      },
    ];
    if (fallbackFrom.length) {
      events.push({
        subjectId: inc.id,
        at: now,
        action: 'routing_fallback',
        after: { from: fallbackFrom, to: notify?.code ?? null } as never,
        comment: `${fallbackFrom.join('、')} 未登记联系人，直接通知上级单位 ${notify?.name ?? '（无）'}`,
      });
      this.log.warn(
        { incidentId: inc.id, from: fallbackFrom, to: notify?.code ?? null },
        'no contact on file: escalated straight to the parent',
      );
    }
    await insertIncidentEvents(em, events, '系统');
    const roles = route.notifyRoles ?? current.policy.notifyAtStart;
    await this.notices.notifyUnit(em, {
      incidentId: inc.id,
      clocks: rows,
      roles,
      lookup,
      reason: 'start',
      keyPart: `start:${rows[0].id}`,
      fallbackFrom,
    });
    this.log.info(
      { incidentId: inc.id, bureau: route.bureauCode, notify: notify?.code, clocks: rows.length },
      'escalation started',
    );
    return rows;
  }

  async statusChanged(
    em: EntityManager,
    inc: IncidentSnapshot,
    from: IncidentStatus,
    to: IncidentStatus,
    actor: Actor,
    data?: object,
  ): Promise<void> {
    const at = this.clock.now();
    const meet = (kind: ClockKind, evidence?: ReportEvidence) =>
      this.escalation.meetClock(em, {
        subjectKind: 'incident',
        subjectId: inc.id,
        kind,
        at,
        actor,
        evidence,
      });
    if (to === 'acknowledged') {
      await meet('acknowledge');
      await this.notices.statusNotes(em, inc, 'acknowledged', actor, at);
    } else if (to === 'reported') {
      // The 首报 met with the 上报 form (for any 迟报); a written one meets the 书面报告 as UpwardReports does (no-ops then).
      const evidence = reportEvidenceOf(data as Record<string, unknown> | undefined);
      await meet('first_report', evidence);
      if (evidence?.reportType === 'written') await meet('written_report', evidence);
      await this.notices.statusNotes(em, inc, 'reported', actor, at, evidence);
    } else if (to === 'responded') {
      await meet('response');
    } else if (to === 'closed') {
      await this.escalation.cancelClocks(em, 'incident', inc.id, 'closed', true);
      await this.notices.statusNotes(em, inc, 'closed', actor, at);
    } else if (to === 'reopened') {
      await this.notices.statusNotes(em, inc, 'reopened', actor, at);
    } else if (to === 'dismissed') {
      await this.escalation.cancelClocks(em, 'incident', inc.id, 'dismissed', false);
    }
  }

  /** A raised grade switches to the stricter clocks at once: earlier deadlines, and the clocks the new grade adds. */
  async gradeRaised(em: EntityManager, inc: IncidentSnapshot, to: Grade): Promise<void> {
    if (!LIVE_STATUSES.includes(inc.status)) return;
    const existing = await clocksOf(em, 'incident', inc.id, { lock: true });
    if (existing.length === 0) return; // never started (e.g. still 'new'): onConfirmed will use the new grade
    const now = this.clock.now();
    const current = await this.policies.current(to, em);
    const anchors = { detectedAt: inc.detectedAt, confirmedAt: inc.confirmedAt ?? now };
    const cycleStart = (inc.confirmedAt ?? inc.detectedAt).getTime();
    const changed: { kind: ClockKind; from?: Date; to: Date }[] = [];
    const fresh: Parameters<typeof insertClocks>[1] = [];
    for (const cp of current.policy.clocks) {
      const planned = planClock(
        to,
        current.version,
        current.policy,
        cp,
        this.config.ESCALATION_WORKING_HOURS,
        anchors,
      );
      const live = existing.find(
        (c) => c.kind === cp.kind && (c.status === 'running' || c.status === 'missed'),
      );
      if (live) {
        if (planned.dueAt < live.dueAt) {
          await this.escalation.moveDue(em, live, planned.dueAt, planned.snapshot);
          await em.query(`UPDATE escalation_clocks SET grade = $2, policy_key = $3 WHERE id = $1`, [
            live.id,
            to,
            to,
          ]);
          changed.push({ kind: cp.kind, from: live.dueAt, to: planned.dueAt });
        }
        continue;
      }
      const doneThisCycle = existing.some(
        (c) => c.kind === cp.kind && c.status === 'met' && c.metAt!.getTime() >= cycleStart,
      );
      if (doneThisCycle || satisfied(cp.kind, inc.status)) continue;
      const base = existing[0];
      fresh.push({
        subjectKind: 'incident',
        subjectId: inc.id,
        bureauCode: base.bureauCode,
        notifyBureauCode: base.notifyBureauCode,
        kind: cp.kind,
        grade: to,
        startedAt: planned.startedAt,
        dueAt: planned.dueAt,
        nextStepAt: planned.nextStepAt,
        findingCheckAt: planned.findingCheckAt,
        policyKey: to,
        policySnapshot: planned.snapshot,
      });
      changed.push({ kind: cp.kind, to: planned.dueAt });
    }
    await insertClocks(em, fresh, now);
    if (changed.length === 0) return;
    await insertIncidentEvents(
      em,
      [
        {
          subjectId: inc.id,
          at: now,
          action: 'deadlines_tightened',
          after: { grade: to, policyVersion: current.version, clocks: changed },
        },
      ],
      '系统',
    );
    const all = await clocksOf(em, 'incident', inc.id);
    await this.notices.notifyUnit(em, {
      incidentId: inc.id,
      clocks: all,
      roles: current.policy.notifyAtStart,
      lookup: this.directory.lookup(),
      reason: 'regraded',
      keyPart: `grade:${to}:${all.at(-1)!.id}`,
      fallbackFrom: [],
    });
  }

  /** Handed to another bureau: the live clocks follow, and the new unit is told. */
  async bureauChanged(em: EntityManager, inc: IncidentSnapshot): Promise<void> {
    const live = await clocksOf(em, 'incident', inc.id, { live: true, lock: true });
    if (live.length === 0) return;
    const route = await placeReassigned(em, this.routing, inc, this.clock.now());
    const lookup = this.directory.lookup();
    const { bureau: notify, fallbackFrom } = await lookup.firstWithContacts(route.bureauCode);
    await em.query(
      `UPDATE escalation_clocks SET bureau_code = $2, notify_bureau_code = $3, version = version + 1, updated_at = $4
        WHERE id = ANY($1::bigint[])`,
      [live.map((c) => c.id), route.bureauCode, notify?.code ?? route.bureauCode, this.clock.now()],
    );
    // Notices to the old unit and its superiors still waiting in the outbox (a digest window) would arrive after the
    // move with links that are refused: they are skipped, with the reason on their record. Status notes stay true.
    await this.outbox.skipPending(em, inc.id, '事件已改派至其他单位，原通知不再发送', STALE_ON_MOVE);
    const moved = live.map((c) => ({
      ...c,
      bureauCode: route.bureauCode,
      notifyBureauCode: notify?.code ?? route.bureauCode,
    }));
    const current = await this.policies.current(inc.grade, em);
    await this.notices.notifyUnit(em, {
      incidentId: inc.id,
      clocks: moved,
      roles: current.policy.notifyAtStart,
      lookup,
      reason: 'reassigned',
      keyPart: `bureau:${route.bureauCode}:${live[0].id}`,
      fallbackFrom,
    });
  }
}
