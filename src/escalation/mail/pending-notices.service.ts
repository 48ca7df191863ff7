import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import { ClockSubjects } from '../engine/clock-subjects';
import { clocksOf } from '../engine/escalation-clock.store';
import { EscalationConfig } from '../escalation.config';
import { EscalationDirectory } from '../engine/escalation.directory';
import type { ClockRow } from '../escalation.types';
import { IncidentNoticesService } from '../incident/incident-notices.service';
import { insertIncidentEvents } from '../incident/incident-subject';
import { claimDeliverable, PendingNotice, settlePending } from './pending-notices.store';

/**
 * Delivers the kept unit notices (issue 12 point 19) once their bureau has somebody on file. Polled by the engine's
 * tick rather than pushed by the contact import, so contacts entered by any path (CSV import, SQL, a restore) count,
 * and several instances share the rows with SKIP LOCKED. One transaction per batch: the mails, the clocks that now
 * notify the unit itself, the timeline entries and the settled rows commit together.
 */
@Injectable()
export class PendingNoticesService {
  private readonly log = rootLogger().child({ ctx: 'escalation.pending' });

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly subjects: ClockSubjects,
    private readonly directory: EscalationDirectory,
    private readonly notices: IncidentNoticesService,
  ) {}

  async deliverDue(
    limit: number = this.config.ESCALATION_BATCH_SIZE,
  ): Promise<{ delivered: number; dropped: number }> {
    const done = { delivered: 0, dropped: 0 };
    await this.ds.transaction(async (em) => {
      const due = await claimDeliverable(em, limit);
      if (due.length === 0) return;
      const ids = [...new Set(due.map((p) => p.incidentId))];
      const handler = this.subjects.get('incident');
      // an incident being changed right now is left for the next tick, as the engine does with its clocks
      const locked = handler.lockForEngine ? await handler.lockForEngine(em, ids) : new Set(ids);
      const resolved = await this.subjects.resolvedMany(em, 'incident', [...locked]);
      const lookup = this.directory.lookup();
      for (const p of due) {
        if (!locked.has(p.incidentId)) continue;
        const outcome = await this.deliverOne(em, p, resolved.has(p.incidentId), lookup);
        if (outcome) done[outcome]++;
      }
    });
    if (done.delivered || done.dropped) this.log.info(done, 'pending notices settled');
    return done;
  }

  private async deliverOne(
    em: EntityManager,
    p: PendingNotice,
    resolved: boolean,
    lookup: ReturnType<EscalationDirectory['lookup']>,
  ): Promise<'delivered' | 'dropped' | null> {
    const now = this.clock.now();
    const all = (await clocksOf(em, 'incident', p.incidentId, { lock: true })).filter(
      (c) => c.status !== 'cancelled',
    );
    const mine = all.filter(
      (c) => (c.status === 'running' || c.status === 'missed') && c.bureauCode === p.bureauCode,
    );
    if (resolved || mine.length === 0) {
      await settlePending(
        em,
        p.id,
        'dropped',
        resolved ? 'incident resolved' : 'no live deadline of this bureau',
        now,
      );
      return 'dropped';
    }
    // the unit's own people are on file now: from here on its clocks notify the unit, not the parent that stood in
    // (met ones too, so a later regrade notice, which reads the first clock, goes to the unit as well)
    const ofUnit = (c: ClockRow) => c.bureauCode === p.bureauCode;
    const moved = all.filter((c) => ofUnit(c) && c.notifyBureauCode !== p.bureauCode).map((c) => c.id);
    if (moved.length) {
      await em.query(
        `UPDATE escalation_clocks SET notify_bureau_code = $2, version = version + 1, updated_at = $3
          WHERE id = ANY($1::bigint[])`,
        [moved, p.bureauCode, now],
      );
    }
    const clocks: ClockRow[] = [
      ...mine.map((c) => ({ ...c, notifyBureauCode: p.bureauCode })),
      ...all
        .filter((c) => !mine.includes(c))
        .map((c) => (ofUnit(c) ? { ...c, notifyBureauCode: p.bureauCode } : c)),
    ];
    const reached = await this.notices.notifyUnit(em, {
      incidentId: p.incidentId,
      clocks,
      roles: p.roles,
      lookup,
      reason: p.reason,
      keyPart: `pending:${p.id}`,
      fallbackFrom: [],
      heldSince: p.createdAt,
    });
    if (reached === 0) return null; // its contacts went again in between: kept for a later tick
    await settlePending(em, p.id, 'delivered', `sent to ${reached}`, now);
    await insertIncidentEvents(
      em,
      [
        {
          subjectId: p.incidentId,
          at: now,
          action: 'pending_notice_delivered',
          after: {
            bureau: p.bureauCode,
            roles: p.roles,
            heldSince: p.createdAt,
            recipients: reached,
            clocksMoved: moved,
          },
          comment: `${p.bureauCode} 已登记联系人，补发通知`,
        },
      ],
      '系统',
    );
    return 'delivered';
  }
}
