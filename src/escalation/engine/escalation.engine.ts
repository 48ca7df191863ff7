import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { rootLogger } from '../../infrastructure/logging/logger';
import { ClockSubjects } from './clock-subjects';
import { claimDue, clocksOfMany, toUpdate, updateClocks } from './escalation-clock.store';
import { Batch, ClockStepApplier, EngineRun } from './escalation-step.applier';
import { EscalationConfig } from '../escalation.config';
import { EscalationDirectory } from './escalation.directory';
import { EscalationMetrics } from '../escalation.metrics';
import { EscalationNotifier } from '../mail/escalation.notifier';
import type { ClockRow } from '../escalation.types';
import { PendingNoticesService } from '../mail/pending-notices.service';
import { ReportingFindingsService } from '../findings/reporting-findings.service';

export type { EngineRun } from './escalation-step.applier';

/**
 * The escalation engine (GoAlert's shape: query the due rows, apply the update). One run is ONE transaction: claim
 * due clocks FOR UPDATE SKIP LOCKED, apply what is due on each (deadline passed, 漏报 check, ladder steps), and write
 * the clock rows, the subjects' timeline events, the findings and the outbox mails together. Several instances
 * claim disjoint rows; a crash rolls the whole run back and the next run redoes it; dedupe keys make a repeated
 * step a no-op in the outbox. Steps are planned from the schedule, not from "now", so after downtime every overdue
 * step fires once, at start.
 */
@Injectable()
export class EscalationEngine {
  private readonly log = rootLogger().child({ ctx: 'escalation.engine' });

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: EscalationConfig,
    private readonly subjects: ClockSubjects,
    private readonly directory: EscalationDirectory,
    private readonly notifier: EscalationNotifier,
    private readonly findings: ReportingFindingsService,
    private readonly stepper: ClockStepApplier,
    private readonly metrics: EscalationMetrics,
    private readonly pending: PendingNoticesService,
  ) {}

  async runOnce(limit: number = this.config.ESCALATION_BATCH_SIZE): Promise<EngineRun> {
    const run = emptyRun();
    await this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const claimed = await claimDue(em, now, limit);
      run.claimed = claimed.length;
      if (claimed.length === 0) return;
      const b: Batch = {
        now,
        lookup: this.directory.lookup(),
        descriptions: new Map(),
        subjectClocks: new Map(),
        out: [],
        events: new Map(),
        findings: [],
        updates: [],
        run,
      };
      const resolved = new Set<string>();
      const usable: ClockRow[] = [];
      for (const [kind, rows] of groupBy(claimed, (c) => c.subjectKind)) {
        if (!this.subjects.has(kind)) {
          this.log.error(
            { kind, clocks: rows.map((r) => r.id) },
            'no handler for this subject kind; clocks left alone',
          );
          continue;
        }
        const handler = this.subjects.get(kind);
        const ids = [...new Set(rows.map((r) => r.subjectId))];
        const locked = handler.lockForEngine ? await handler.lockForEngine(em, ids) : new Set(ids);
        const mine = [...locked];
        for (const id of await this.subjects.resolvedMany(em, kind, mine)) resolved.add(`${kind}:${id}`);
        for (const [id, d] of await this.subjects.describeMany(em, kind, mine))
          b.descriptions.set(`${kind}:${id}`, d);
        for (const c of await clocksOfMany(em, kind, mine))
          pushTo(b.subjectClocks, `${kind}:${c.subjectId}`, c);
        for (const r of rows) (locked.has(r.subjectId) ? usable : []).push(r);
        run.deferred += rows.length - rows.filter((r) => locked.has(r.subjectId)).length;
      }
      await b.lookup.prefetch([...new Set(usable.map((c) => c.notifyBureauCode))]);
      for (const c of usable) {
        const key = `${c.subjectKind}:${c.subjectId}`;
        if (resolved.has(key) && (c.status === 'running' || c.status === 'missed')) {
          b.updates.push({
            ...toUpdate(c),
            status: 'cancelled',
            nextStepAt: null,
            findingCheckAt: null,
            cancelReason: 'subject resolved',
          });
          run.cancelled++;
          continue;
        }
        await this.stepper.apply(b, c);
      }
      await this.write(em, b);
    });
    if (run.claimed) {
      this.metrics.steps.inc(run.steps);
      this.metrics.mails.inc(run.mails);
      this.log.debug({ ...run }, 'escalation run');
    }
    return run;
  }

  /**
   * Runs until nothing is due (or `maxRuns`), for the tick and for tests. A few runs go in parallel (a fixed pool of
   * ESCALATION_WORKERS): while one transaction waits on the database, another renders its mails; SKIP LOCKED keeps
   * their clocks apart.
   */
  async drain(maxRuns = 100, workers = this.config.ESCALATION_WORKERS): Promise<EngineRun> {
    const total = emptyRun();
    let runs = 0;
    let done = false;
    const worker = async () => {
      while (!done && runs < maxRuns) {
        runs++;
        const r = await this.runOnce();
        for (const k of Object.keys(total) as (keyof EngineRun)[]) total[k] += r[k];
        if (r.claimed < this.config.ESCALATION_BATCH_SIZE || r.claimed === r.deferred) done = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
    // notices kept for units with nobody on file go out once their contacts appear (issue 12 point 19)
    await this.pending.deliverDue();
    return total;
  }

  private async write(em: EntityManager, b: Batch): Promise<void> {
    b.run.mails = await this.notifier.send(em, b.out);
    await updateClocks(em, b.updates, b.now);
    b.run.findings = await this.findings.record(em, b.findings);
    for (const [kind, events] of b.events) await this.subjects.get(kind).recordEvents?.(em, events);
  }
}

/** A run's counters, all zero: one run starts from it, and drain() adds every run's into one. */
function emptyRun(): EngineRun {
  return {
    claimed: 0,
    deferred: 0,
    steps: 0,
    skippedSteps: 0,
    mails: 0,
    missed: 0,
    findings: 0,
    cancelled: 0,
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) pushTo(m, key(it), it);
  return m;
}

function pushTo<T>(m: Map<string, T[]>, key: string, value: T): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}
