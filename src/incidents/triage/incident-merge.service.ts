import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock/clock';
import { refreshAggregates } from '../assessment/incident-aggregates';
import { finishCreated, insertIncidents } from '../grouping/incident-creation';
import { IncidentError } from '../incident.errors';
import { fingerprint } from '../grouping/incident-fingerprint';
import { automaticGrade } from '../assessment/incident-grade';
import { allocateIds, insertLinks, insertSignatures } from '../grouping/incident-grouping.store';
import { IncidentListeners } from '../incident-listeners';
import { appendEvents, updateIncident } from '../incident.repository';
import { toBigintString } from '../grouping/incident-simhash';
import { Actor, IncidentSnapshot } from '../incident.types';
import { IncidentsConfig } from '../incidents.config';
import { ActionOptions, IncidentsService } from '../incidents.service';

const mergeInvalid = (message: string) => new IncidentError('conflict', 'INCIDENT_MERGE_INVALID', message);
const splitInvalid = (message: string) => new IncidentError('invalid', 'INCIDENT_SPLIT_INVALID', message);

/**
 * The two corrections of grouping a person can make: merge (two incidents are one event) and split (some items of an
 * incident are another event). Items, fingerprints and links move with them; aggregates are recomputed; both
 * incidents get a timeline event — all in one transaction. These correct the grouper, not the classifier, so they are
 * kept on the timelines (merged / merged_into / split) rather than as classifier labels.
 */
@Injectable()
export class IncidentMergeService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
    private readonly config: IncidentsConfig,
    private readonly listeners: IncidentListeners,
  ) {}

  /** Merges `sourceId` into `targetId`: the source disappears from the queue and points at the target. */
  async merge(
    sourceId: string,
    targetId: string,
    actor: Actor,
    opts: ActionOptions & { targetExpectedVersion?: number; comment?: string } = {},
  ): Promise<IncidentSnapshot> {
    if (sourceId === targetId) throw mergeInvalid('不能把事件合并到它自己');
    return this.incidents.tx(opts.em, async (em) => {
      // Lock in id order so two opposite merges cannot deadlock.
      const [first, second] =
        BigInt(sourceId) < BigInt(targetId) ? [sourceId, targetId] : [targetId, sourceId];
      const locked = new Map<string, IncidentSnapshot>();
      for (const id of [first, second]) {
        const version = id === sourceId ? opts.expectedVersion : opts.targetExpectedVersion;
        locked.set(id, await this.incidents.begin(em, id, actor, version));
      }
      const source = locked.get(sourceId)!;
      const target = locked.get(targetId)!;
      if (source.bureauCode !== target.bureauCode) {
        throw mergeInvalid('只能合并同一单位的事件；涉及其他单位的请先改派单位');
      }
      const now = this.clock.now();
      const [, moved] = await em.query(`UPDATE items SET incident_id = $2 WHERE incident_id = $1`, [
        sourceId,
        targetId,
      ]);
      for (const table of ['incident_simhash_bands', 'incident_links']) {
        // Rows the target already has would collide with the moved ones.
        await em.query(
          `DELETE FROM ${table} s USING ${table} t
           WHERE s.incident_id = $1 AND t.incident_id = $2 AND ${table === 'incident_links' ? 's.link = t.link' : 's.band = t.band AND s.value = t.value AND s.simhash = t.simhash'} AND s.bureau_key = t.bureau_key`,
          [sourceId, targetId],
        );
        await em.query(`UPDATE ${table} SET incident_id = $2 WHERE incident_id = $1`, [sourceId, targetId]);
      }
      await updateIncident(
        em,
        sourceId,
        { merged_into_id: targetId, claimed_by: null, claim_expires_at: null },
        now,
      );
      await refreshAggregates(em, [sourceId, targetId], this.config.INCIDENT_HEAT_HALF_LIFE_HOURS);
      let after = await updateIncident(em, targetId, {}, now);
      const comment = opts.comment?.trim() || null;
      await appendEvents(em, [
        {
          incidentId: sourceId,
          at: now,
          actor,
          action: 'merged_into',
          after: { into: targetId, items: Number(moved) },
          comment,
        },
        {
          incidentId: targetId,
          at: now,
          actor,
          action: 'merged',
          after: { from: sourceId, items: Number(moved), version: after.version },
          comment,
        },
      ]);
      await em.query(`UPDATE incidents SET evidence_grade = LEAST(evidence_grade, $2) WHERE id = $1`, [
        targetId,
        source.evidenceGrade,
      ]);
      if (source.grade < after.grade) {
        after = await this.incidents.regrade(targetId, source.grade, actor, {
          em,
          automatic: true,
          reason: `合并事件 ${sourceId} 的等级`,
        });
      }
      return after;
    });
  }

  /** Moves `itemIds` of `incidentId` into a new incident of the same bureau. */
  async split(
    incidentId: string,
    itemIds: string[],
    actor: Actor,
    opts: ActionOptions & { comment?: string } = {},
  ): Promise<{ original: IncidentSnapshot; created: IncidentSnapshot }> {
    const ids = [...new Set(itemIds)];
    if (ids.length === 0 || ids.some((id) => !/^[0-9]{1,18}$/.test(id)))
      throw splitInvalid('请选择要拆分出去的条目');
    return this.incidents.tx(opts.em, async (em) => {
      const original = await this.incidents.begin(em, incidentId, actor, opts.expectedVersion);
      const items: {
        id: string;
        ingestedAt: Date;
        title: string;
        text: string;
        url: string | null;
        regionCode: string | null;
        category: string | null;
      }[] = await em.query(
        `SELECT id::text, ingested_at AS "ingestedAt", title, content_text AS text, url, region_code AS "regionCode", category
           FROM items WHERE incident_id = $1 AND id = ANY($2::bigint[]) ORDER BY ingested_at, id`,
        [incidentId, ids],
      );
      if (items.length !== ids.length) throw splitInvalid('所选条目不全属于该事件');
      if (items.length >= original.itemCount) throw splitInvalid('不能拆分出全部条目（请改用排除或改派）');
      const now = this.clock.now();
      const [newId] = await allocateIds(em, 1);
      const fps = items.map((i) => fingerprint(i.title, i.text, i.url));
      const first = items[0];
      await insertIncidents(
        em,
        [
          {
            id: newId,
            bureauCode: original.bureauCode,
            regionCode: first.regionCode ?? original.regionCode,
            category: original.category,
            secondaryCategories: original.secondaryCategories,
            title: first.title,
            text: first.text,
            seenAt: first.ingestedAt,
            simhash: toBigintString(fps[0].simhash),
            linkGroupId: original.linkGroupId,
          },
        ],
        now,
      );
      await em.query(`UPDATE items SET incident_id = $2 WHERE incident_id = $1 AND id = ANY($3::bigint[])`, [
        incidentId,
        newId,
        ids,
      ]);
      // The split-off story's fingerprints and links go with it, so its later reposts join the new incident.
      const bureauKey = original.bureauCode ?? '';
      const hashes = [...new Set(fps.map((f) => toBigintString(f.simhash)))];
      await em.query(
        `DELETE FROM incident_simhash_bands WHERE incident_id = $1 AND simhash = ANY($2::bigint[])`,
        [incidentId, hashes],
      );
      await insertSignatures(
        em,
        fps
          .slice(0, this.config.INCIDENT_SIMHASH_MAX_SIGNATURES)
          .map((f) => ({ incidentId: newId, bureauKey, simhash: f.simhash })),
      );
      const links = [...new Set(fps.map((f) => f.link).filter((l): l is string => !!l))];
      await em.query(`DELETE FROM incident_links WHERE incident_id = $1 AND link = ANY($2::text[])`, [
        incidentId,
        links,
      ]);
      await insertLinks(
        em,
        links.map((link) => ({ incidentId: newId, bureauKey, link })),
      );

      const figures = await refreshAggregates(
        em,
        [incidentId, newId],
        this.config.INCIDENT_HEAT_HALF_LIFE_HOURS,
      );
      const f = figures.get(newId)!;
      const auto = automaticGrade(null, f.hint, f, this.config);
      const after = await updateIncident(em, incidentId, {}, now);
      const comment = opts.comment?.trim() || null;
      await appendEvents(em, [
        {
          incidentId,
          at: now,
          actor,
          action: 'split',
          after: { newIncidentId: newId, itemIds: ids, version: after.version },
          comment,
        },
      ]);
      await finishCreated(
        em,
        this.listeners,
        [
          {
            id: newId,
            ...auto,
            itemCount: f.itemCount,
            sourceCount: f.distinctSources,
            extra: { splitFrom: incidentId },
            actor,
          },
        ],
        now,
      );
      const created = await this.incidents.get(newId, em);
      return { original: after, created };
    });
  }
}
