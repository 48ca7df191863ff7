import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Category } from './classification.types';
import type { TrainedModel } from './classifier';
import type { NaiveBayesParams } from './naive-bayes';

export interface LabelInput {
  /** The item the label is about; its title and text are copied unless given. */
  itemId?: string | null;
  itemIngestedAt?: Date | string | null;
  title?: string;
  text?: string;
  /** The corrected decision: should this have been an alert? */
  alert: boolean;
  category?: Category | null;
  bureauCode?: string | null;
  labelledBy?: string | null;
  source?: 'triage' | 'import';
  note?: string | null;
}

export interface LabelRow {
  id: string;
  title: string;
  text: string;
  alert: boolean;
  category: Category | null;
}

export interface ModelRow {
  version: number;
  createdAt: Date;
  trainingSize: number;
  metrics: Record<string, unknown>;
  parameters: { alert: NaiveBayesParams | null; category: NaiveBayesParams | null };
}

/** SQL for labels and models (tables from migration 1763800003000). */
@Injectable()
export class ClassificationStore {
  constructor(private readonly ds: DataSource) {}

  async insertLabel(l: LabelInput, at: Date, title: string, text: string): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO classification_labels
         (item_id, item_ingested_at, title, text, alert, category, bureau_code, labelled_by, labelled_at, source, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        l.itemId ?? null,
        l.itemIngestedAt ?? null,
        title,
        text,
        l.alert,
        l.category ?? null,
        l.bureauCode ?? null,
        l.labelledBy ?? null,
        at,
        l.source ?? 'triage',
        l.note ?? null,
      ],
    );
    return String(row.id);
  }

  /** The item's title and text (for a label given by item id); null when the item is gone. */
  async itemText(
    itemId: string,
    ingestedAt?: Date | string | null,
  ): Promise<{ title: string; text: string; ingestedAt: Date } | null> {
    const rows = await this.ds.query(
      `SELECT title, content_text, ingested_at FROM items WHERE id = $1 AND ($2::timestamptz IS NULL OR ingested_at = $2)
       ORDER BY ingested_at DESC LIMIT 1`,
      [itemId, ingestedAt ?? null],
    );
    return rows[0]
      ? { title: rows[0].title, text: rows[0].content_text, ingestedAt: rows[0].ingested_at }
      : null;
  }

  /** Training data: every free-text label, and for each item only its latest label (a later correction wins). */
  async trainingLabels(): Promise<LabelRow[]> {
    const rows = await this.ds.query(`
      SELECT id, title, text, alert, category FROM (
        SELECT DISTINCT ON (coalesce(item_id::text, 'label-' || id)) *
        FROM classification_labels
        ORDER BY coalesce(item_id::text, 'label-' || id), labelled_at DESC, id DESC
      ) latest ORDER BY id`);
    return rows.map((r: Record<string, unknown>) => ({ ...r, id: String(r.id) }) as LabelRow);
  }

  /** Stores a model and makes it the active one, retiring the previous, in one transaction. */
  async saveModel(m: Omit<ModelRow, 'version'> & { rulesVersion: string }): Promise<number> {
    return this.ds.transaction(async (em: EntityManager) => {
      await em.query(`UPDATE classifier_models SET active = false WHERE active`);
      const [row] = await em.query(
        `INSERT INTO classifier_models (created_at, kind, rules_version, parameters, training_size, metrics, active)
         VALUES ($1, 'naive_bayes', $2, $3, $4, $5, true) RETURNING version`,
        [
          m.createdAt,
          m.rulesVersion,
          JSON.stringify(m.parameters),
          m.trainingSize,
          JSON.stringify(m.metrics),
        ],
      );
      return Number(row.version);
    });
  }

  async activeVersion(): Promise<number | null> {
    const rows = await this.ds.query(`SELECT version FROM classifier_models WHERE active`);
    return rows[0] ? Number(rows[0].version) : null;
  }

  async loadModel(version: number): Promise<TrainedModel | null> {
    const rows = await this.ds.query(`SELECT version, parameters FROM classifier_models WHERE version = $1`, [
      version,
    ]);
    if (!rows[0]) return null;
    const p = rows[0].parameters as ModelRow['parameters'];
    return { version: Number(rows[0].version), alert: p.alert ?? null, category: p.category ?? null };
  }
}
