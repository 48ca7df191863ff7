import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learning from triage: the labels monitoring staff give (confirmed / false positive, corrected category or bureau)
 * and the small models `classifier:train` fits on them. The item's classification itself lives on `items`.
 *
 * Labels keep a copy of the text: items are dropped with their monthly partitions, training data must not be. For the
 * same reason item_id is not a foreign key (a partitioned table referenced by a key cannot drop a partition).
 */
export class Classification1763800003000 implements MigrationInterface {
  name = 'Classification1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE classification_labels (
        id               bigserial PRIMARY KEY,
        item_id          bigint,
        item_ingested_at timestamptz,
        title            text NOT NULL DEFAULT '',
        text             text NOT NULL DEFAULT '',
        alert            boolean NOT NULL,
        category         text CHECK (category IN ('执法争议','服务态度与效率','系统故障','政策争议','收费与负担','廉政问题','涉税诈骗','其他')),
        bureau_code      text REFERENCES bureaus(code),
        labelled_by      bigint REFERENCES users(id) ON DELETE SET NULL,
        labelled_at      timestamptz NOT NULL,
        source           text NOT NULL DEFAULT 'triage' CHECK (source IN ('triage','import')),
        note             text,
        CHECK (length(title) + length(text) > 0),
        CHECK ((item_id IS NULL) = (item_ingested_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX classification_labels_item_idx ON classification_labels (item_id, labelled_at DESC)`,
    );
    await q.query(`
      CREATE TABLE classifier_models (
        version       serial PRIMARY KEY,
        created_at    timestamptz NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('naive_bayes','logreg')),
        rules_version text NOT NULL,
        parameters    jsonb NOT NULL,
        training_size integer NOT NULL CHECK (training_size >= 0),
        metrics       jsonb NOT NULL DEFAULT '{}',
        active        boolean NOT NULL DEFAULT true
      )`);
    // At most one active model: training activates the new one and retires the old in one transaction.
    await q.query(
      `CREATE UNIQUE INDEX classifier_models_active_key ON classifier_models ((true)) WHERE active`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE classifier_models`);
    await q.query(`DROP TABLE classification_labels`);
  }
}
