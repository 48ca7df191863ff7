import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents a routing rule sent to another bureau now belong to that bureau (src/escalation/policy/
 * incident-placement.ts). Before, only their clocks moved: the incident routes judged the old bureau, the escalation
 * pages and signed links the new one. Live incidents placed by a rule are moved to the bureau their live clocks run
 * for, with their grouping keys; closed and dismissed ones keep the bureau they were counted under.
 */
export class RoutedIncidentsPlaced1764901330000 implements MigrationInterface {
  name = 'RoutedIncidentsPlaced1764901330000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEMP TABLE routed_moves ON COMMIT DROP AS
      SELECT DISTINCT ON (c.subject_id) c.subject_id AS incident_id, c.bureau_code
        FROM escalation_clocks c
        JOIN incidents i ON i.id = c.subject_id
       WHERE c.subject_kind = 'incident' AND c.status IN ('running', 'missed')
         AND i.bureau_code IS DISTINCT FROM c.bureau_code
         AND EXISTS (SELECT 1 FROM incident_events e
                      WHERE e.incident_id = i.id AND e.action = 'escalation_started' AND e.after->>'routedBy' = 'rule')
       ORDER BY c.subject_id, c.id`);
    await q.query(
      `UPDATE incidents i SET bureau_code = m.bureau_code FROM routed_moves m WHERE i.id = m.incident_id`,
    );
    for (const table of ['incident_simhash_bands', 'incident_links'])
      await q.query(
        `UPDATE ${table} t SET bureau_key = m.bureau_code FROM routed_moves m WHERE t.incident_id = m.incident_id`,
      );
  }

  async down(): Promise<void> {
    // Nothing to undo: the old placement was the inconsistency; the moved incidents stay with their clocks' bureau.
  }
}
