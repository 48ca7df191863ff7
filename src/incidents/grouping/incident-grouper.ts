import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { MetricsService } from '../../infrastructure/http/metrics.service';
import { rootLogger } from '../../infrastructure/logging/logger';
import { refreshAggregates } from '../assessment/incident-aggregates';
import { FingerprintPrefetcher } from './incident-fingerprint.prefetch';
import { linkNewIncidents } from './incident-grouping.links';
import { IncidentListeners } from '../incident-listeners';
import { matchItems, MatchItem } from './incident-matching';
import { appendEvents, loadSnapshots, NewEvent } from '../incident.repository';
import { insertIncidents } from './incident-creation';
import { settleGrades } from './incident-grouping.grades';
import { toBigintString } from './incident-simhash';
import { SYSTEM_ACTOR } from '../incident.types';
import * as store from './incident-grouping.store';
import { IncidentsConfig } from '../incidents.config';
import { IncidentsService } from '../incidents.service';

/** Milliseconds per phase of a batch, logged at debug level: where grouping time goes when it falls behind. */
class PhaseTimer {
  readonly laps: Record<string, number> = {};
  private last = process.hrtime.bigint();
  lap(name: string): void {
    const now = process.hrtime.bigint();
    this.laps[name] = Number(now - this.last) / 1e6;
    this.last = now;
  }
}

/** Only one grouper at a time: two would both create an incident for the same new story. */
const GROUPING_LOCK_KEY = 727_040;
const PRUNE_EVERY_MS = 10 * 60_000;

export interface GroupingRun {
  items: number;
  created: number;
  joined: number;
  failed: number;
  /** Another instance held the grouping lock. */
  busy: boolean;
}

/**
 * Turns classified alert items into incidents (issue 5 §1–2, §7). One transaction per batch: claim items, look up
 * candidate incidents through the band and link indexes, decide (incident-matching.ts), write incidents, item links,
 * fingerprints and link groups, recompute aggregates and heat, raise grades from spread, write timeline events and
 * call the listeners (an incident created at Ⅰ/Ⅱ is confirmed at once and handed to escalation).
 */
@Injectable()
export class IncidentGrouper {
  private readonly log = rootLogger().child({ ctx: 'incident-grouper' });
  private lastPrune = 0;
  private readonly grouped: Counter;
  private readonly prefetch: FingerprintPrefetcher;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IncidentsConfig,
    private readonly incidents: IncidentsService,
    private readonly listeners: IncidentListeners,
    metrics: MetricsService,
  ) {
    this.prefetch = new FingerprintPrefetcher(db);
    const name = 'yuqing_incident_grouped_items_total';
    this.grouped =
      (metrics.registry.getSingleMetric(name) as Counter | undefined) ??
      new Counter({
        name,
        help: 'Items placed into incidents',
        labelNames: ['outcome'],
        registers: [metrics.registry],
      });
  }

  async runOnce(limit = this.config.INCIDENT_GROUPING_BATCH): Promise<GroupingRun> {
    try {
      return await this.db.transaction((em) => this.groupBatch(em, limit));
    } catch (e) {
      this.log.error({ err: e }, 'grouping batch failed; retrying its items one by one');
      return this.isolate(limit);
    }
  }

  /** Lets items recorded as failed be claimed again (after the cause was fixed). Returns how many. */
  async forgetFailures(): Promise<number> {
    const [, n] = await this.db.query(`DELETE FROM incident_grouping_failures`);
    return Number(n) || 0;
  }

  /** After a failed batch: each item alone; one that still fails is recorded and skipped from then on. */
  private async isolate(limit: number): Promise<GroupingRun> {
    const total: GroupingRun = { items: 0, created: 0, joined: 0, failed: 0, busy: false };
    const ids: { id: string; ingested_at: Date }[] = await this.db.query(
      `SELECT id::text, ingested_at FROM items WHERE status = 'classified' AND alert AND incident_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM incident_grouping_failures f WHERE f.item_id = items.id)
       ORDER BY id LIMIT $1`,
      [limit],
    );
    for (const { id, ingested_at } of ids) {
      try {
        const r = await this.db.transaction((em) => this.groupBatch(em, 1, id));
        total.items += r.items;
        total.created += r.created;
        total.joined += r.joined;
      } catch (e) {
        total.failed++;
        this.grouped.inc({ outcome: 'failed' });
        this.log.error({ err: e, itemId: id }, 'item could not be grouped; skipped');
        await this.db.query(
          `INSERT INTO incident_grouping_failures (item_id, ingested_at, failed_at, error) VALUES ($1, $2, $3, $4)
           ON CONFLICT (item_id) DO UPDATE SET failed_at = EXCLUDED.failed_at, error = EXCLUDED.error`,
          [id, ingested_at, this.clock.now(), String((e as Error)?.message ?? e).slice(0, 2000)],
        );
      }
    }
    return total;
  }

  private async groupBatch(em: EntityManager, limit: number, onlyId?: string): Promise<GroupingRun> {
    const run: GroupingRun = { items: 0, created: 0, joined: 0, failed: 0, busy: false };
    const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
      GROUPING_LOCK_KEY,
    ]);
    if (!locked) return { ...run, busy: true };
    const now = this.clock.now();
    const windowMs = this.config.INCIDENT_WINDOW_HOURS * 3_600_000;
    if (now.getTime() - this.lastPrune > PRUNE_EVERY_MS) {
      await store.pruneLookups(em, new Date(now.getTime() - 2 * windowMs));
      this.lastPrune = now.getTime();
    }
    const phases = new PhaseTimer();
    const claimed = await store.claimItems(em, limit, onlyId);
    phases.lap('claim');
    if (claimed.length === 0) return run;

    if (!onlyId) this.prefetch.ahead(claimed[claimed.length - 1].id, limit);
    const items: MatchItem[] = claimed.map((c) => ({
      id: c.id,
      bureauKey: c.bureauCode ?? '',
      seenAt: c.ingestedAt,
      fp: this.prefetch.take(c),
    }));
    const cutoff = new Date(Math.min(...items.map((i) => i.seenAt.getTime())) - windowMs);
    const links = [...new Set(items.map((i) => i.fp.link).filter((l): l is string => !!l))];
    phases.lap('fingerprint');
    const cands = await store.loadCandidates(
      em,
      items.map((i) => ({ itemId: i.id, bureauKey: i.bureauKey, simhash: i.fp.simhash })),
      links,
      cutoff,
    );
    phases.lap('lookup');
    const match = matchItems(items, cands.known, cands.byItem, cands.links, {
      maxDistance: this.config.INCIDENT_SIMHASH_MAX_DISTANCE,
      minWords: this.config.INCIDENT_SIMHASH_MIN_WORDS,
      windowMs,
      maxSignatures: this.config.INCIDENT_SIMHASH_MAX_SIGNATURES,
    });

    // New incidents: ids first, then the rows (from their first item), then everything that refers to them.
    const ids = await store.allocateIds(em, match.created.length);
    const idOf = new Map<string, string>(match.created.map((c, n) => [c.ref, ids[n]]));
    const createdSet = new Set(ids);
    const resolve = (ref: string) => idOf.get(ref) ?? ref;
    const byId = new Map(claimed.map((c) => [c.id, c]));
    const itemOf = new Map(items.map((i) => [i.id, i]));
    phases.lap('match');
    await insertIncidents(
      em,
      match.created.map((c) => {
        const item = byId.get(c.firstItemId)!;
        return {
          id: resolve(c.ref),
          bureauCode: item.bureauCode,
          regionCode: item.regionCode,
          category: item.category,
          secondaryCategories: item.secondaryCategories ?? [],
          title: item.title,
          text: item.text,
          seenAt: item.ingestedAt,
          simhash: toBigintString(c.simhash),
        };
      }),
      now,
    );

    phases.lap('create');
    const groups = await linkNewIncidents(
      em,
      match.created.map((c) => ({ ...c, link: itemOf.get(c.firstItemId)!.fp.link })),
      cands,
      cutoff,
      this.config.INCIDENT_LINK_MAX_DISTANCE,
    );
    // New incidents join their group; an existing one is only given a group it does not have yet.
    const [linkedRows]: [{ id: string }[]] = groups.size
      ? await em.query(
          `UPDATE incidents i SET link_group_id = g.gid FROM jsonb_to_recordset($1::jsonb) AS g(id bigint, gid bigint, fresh boolean)
           WHERE i.id = g.id AND (g.fresh OR i.link_group_id IS NULL) RETURNING i.id::text AS id`,
          [
            JSON.stringify(
              [...groups].map(([ref, gid]) => ({
                id: resolve(ref),
                gid: resolve(gid),
                fresh: idOf.has(ref),
              })),
            ),
          ],
        )
      : [[]];
    const linkedExisting = linkedRows.map((r) => r.id).filter((id) => !createdSet.has(id));
    phases.lap('link');
    await store.assignItems(
      em,
      match.assignments.map((a) => ({
        id: a.itemId,
        ingestedKey: byId.get(a.itemId)!.ingestedKey,
        incidentId: resolve(a.ref),
      })),
    );
    await store.insertSignatures(
      em,
      match.signatures.map((s) => ({
        incidentId: resolve(s.ref),
        bureauKey: s.bureauKey,
        simhash: s.simhash,
      })),
    );
    await store.insertLinks(
      em,
      match.links.map((l) => ({ incidentId: resolve(l.ref), bureauKey: l.bureauKey, link: l.link })),
    );

    const touched = [...new Set(match.assignments.map((a) => resolve(a.ref)))];
    const addedTo = new Map<string, number>();
    for (const a of match.assignments) addedTo.set(resolve(a.ref), (addedTo.get(resolve(a.ref)) ?? 0) + 1);
    phases.lap('assign');
    // The oldest item any touched incident can have: its first_seen_at, or this batch's oldest item.
    const since = new Date(
      Math.min(
        ...items.map((i) => i.seenAt.getTime()),
        ...touched
          .filter((id) => cands.known.has(id))
          .map((id) => cands.known.get(id)!.firstSeenAt.getTime()),
      ),
    );
    const figures = await refreshAggregates(em, touched, this.config.INCIDENT_HEAT_HALF_LIFE_HOURS, since);
    const before = await loadSnapshots(em, touched);
    phases.lap('aggregate');

    const events: NewEvent[] = linkedExisting.map((id) => ({
      incidentId: id,
      at: now,
      actor: SYSTEM_ACTOR,
      action: 'linked',
      after: { linkGroupId: resolve(groups.get(id)!) },
      comment: '同一事件涉及其他单位，已关联',
    }));
    events.push(
      ...(await settleGrades(em, this.incidents, this.listeners, this.config, {
        touched,
        createdIds: createdSet,
        figures,
        before,
        addedTo,
        now,
      })),
    );
    await appendEvents(em, events);
    phases.lap('grade');
    this.log.debug(
      { items: claimed.length, created: match.created.length, ms: phases.laps },
      'grouping batch',
    );
    run.items = claimed.length;
    run.created = match.created.length;
    run.joined = claimed.length - match.created.length;
    this.grouped.inc({ outcome: 'created' }, run.created);
    this.grouped.inc({ outcome: 'joined' }, run.joined);
    return run;
  }
}
