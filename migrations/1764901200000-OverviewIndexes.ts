import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for 态势总览 (issue 13), which every console user opens first and which reloads itself each minute:
 *   - missed clocks: the engine's indexes cover running clocks only, and "who is late" lists the missed ones;
 *   - open incidents per unit: a small partial index (open incidents are few) read index-only by path prefix.
 */
export class OverviewIndexes1764901200000 implements MigrationInterface {
  name = 'OverviewIndexes1764901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX escalation_clocks_missed_idx ON escalation_clocks (due_at) WHERE status = 'missed'`,
    );
    await q.query(`CREATE INDEX incidents_open_path_idx ON incidents (bureau_path text_pattern_ops) INCLUDE (grade)
                   WHERE merged_into_id IS NULL AND status NOT IN ('dismissed','closed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incidents_open_path_idx`);
    await q.query(`DROP INDEX escalation_clocks_missed_idx`);
  }
}
