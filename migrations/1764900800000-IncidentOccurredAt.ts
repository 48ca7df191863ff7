import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publication time apart from detection time (issue 13, "Dates"). `detected_at` is when the service first saw the
 * incident and starts its clocks; `published_at` is the earliest publication time its items report (never later than
 * their ingestion: a feed that dates an item in the future is not believed). `occurred_at` is the month an incident
 * belongs to in the monthly counts: its publication time when known, else its detection — so an item published a
 * month ago and found today is counted in last month's figures, not this month's.
 *
 * The statistics indexes on detected_at get twins on occurred_at for the count and trend queries.
 */
export class IncidentOccurredAt1764900800000 implements MigrationInterface {
  name = 'IncidentOccurredAt1764900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents ADD COLUMN published_at timestamptz`);
    await q.query(`ALTER TABLE incidents ADD COLUMN occurred_at timestamptz
                     GENERATED ALWAYS AS (least(coalesce(published_at, detected_at), detected_at)) STORED`);
    await q.query(`CREATE INDEX incidents_stats_occurred_idx ON incidents (occurred_at) INCLUDE (bureau_path, status)
                   WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX incidents_stats_path_occurred_idx
                     ON incidents (bureau_path text_pattern_ops, occurred_at) INCLUDE (status)
                   WHERE merged_into_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incidents_stats_path_occurred_idx`);
    await q.query(`DROP INDEX incidents_stats_occurred_idx`);
    await q.query(`ALTER TABLE incidents DROP COLUMN occurred_at`);
    await q.query(`ALTER TABLE incidents DROP COLUMN published_at`);
  }
}
