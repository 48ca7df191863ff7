import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { ClassificationService } from '../../classification/classification.service';
import type { Category } from '../../classification/classification.types';
import { rootLogger } from '../../infrastructure/logging/logger';
import type { Actor, DismissReason } from '../incident.types';

/** A decision a person made about an incident, as training signal for the classifier (issue 5 §5). */
export interface IncidentDecisionLabel {
  incidentId: string;
  actor: Actor;
  /** What the classifier should have said about the incident's items. */
  alert: boolean;
  category: string | null;
  bureauCode: string | null;
  /** Why, for the person reviewing training data: 'dismiss 误报：…', 'regrade III→II：…'. */
  note: string;
}

/**
 * Reposts of one story are near-identical; labelling hundreds of copies would weigh one story like hundreds.
 * The distinct texts among the first items are labelled, at most this many per decision.
 */
export const LABEL_ITEMS_PER_DECISION = 20;

/** How each triage decision reads as a label: dismissed as 误报/其他 → not an alert; otherwise an alert. */
export function dismissalIsAlert(reason: DismissReason): boolean {
  return reason === '非本单位' || reason === '重复';
}

interface Pending {
  label: IncidentDecisionLabel;
  items: { id: string; ingestedAt: string; title: string; text: string }[];
}

/**
 * Writes decision labels through the classifier's own API (ClassificationService.recordLabel), one per distinct item
 * text. recordLabel writes outside our transaction, so labels are collected during the change and written only once
 * its transaction has committed (a TypeORM transaction subscriber): a refused or rolled-back action leaves no label.
 * A label that fails to write is logged; the decision itself stands.
 */
@Injectable()
export class IncidentLabels implements OnModuleInit {
  private readonly pending = new WeakMap<QueryRunner, Pending[]>();
  private readonly log = rootLogger().child({ ctx: 'incident-labels' });

  constructor(
    private readonly db: DataSource,
    private readonly classification: ClassificationService,
  ) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: async (e) => {
        const batch = this.pending.get(e.queryRunner);
        this.pending.delete(e.queryRunner);
        if (batch) await this.write(batch);
      },
      afterTransactionRollback: (e) => void this.pending.delete(e.queryRunner),
    };
    this.db.subscribers.push(subscriber);
  }

  async record(em: EntityManager, label: IncidentDecisionLabel): Promise<void> {
    const items: Pending['items'] = await em.query(
      `SELECT id, "ingestedAt", title, text FROM (
         SELECT DISTINCT ON (it.title, left(it.content_text, 300)) it.id::text AS id, it.ingested_at::text AS "ingestedAt",
                it.title, it.content_text AS text
         FROM items it WHERE it.incident_id = $1
         ORDER BY it.title, left(it.content_text, 300), it.ingested_at, it.id) d
       ORDER BY "ingestedAt"::timestamptz, id::bigint LIMIT ${LABEL_ITEMS_PER_DECISION}`,
      [label.incidentId],
    );
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) return this.write([{ label, items }]);
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), { label, items }]);
  }

  private async write(batch: Pending[]): Promise<void> {
    for (const { label, items } of batch) {
      for (const item of items) {
        try {
          await this.classification.recordLabel({
            itemId: item.id,
            itemIngestedAt: item.ingestedAt,
            title: item.title,
            text: item.text,
            alert: label.alert,
            category: (label.category as Category | null) ?? null,
            bureauCode: label.bureauCode,
            labelledBy: label.actor.userId,
            source: 'triage',
            note: `事件 ${label.incidentId}：${label.note}`.slice(0, 2000),
          });
        } catch (err) {
          this.log.error(
            { err, incidentId: label.incidentId, itemId: item.id },
            'training label not written',
          );
        }
      }
    }
  }
}
