import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办台账 (issue 14): matters that are not 舆情 incidents — an HQ or provincial instruction with a responsible unit,
 * a deadline and a required report — driven by the escalation clocks as subject 'supervision' (clock kind
 * 'supervision', policy 'supervision'). A report after the deadline is a 迟报 finding of the matter's own
 * (reporting_findings is keyed on incidents). Events are append-only.
 */
export class Supervision1764900700200 implements MigrationInterface {
  name = 'Supervision1764900700200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation_clocks DROP CONSTRAINT escalation_clocks_subject_kind_check`);
    await q.query(`ALTER TABLE escalation_clocks ADD CONSTRAINT escalation_clocks_subject_kind_check
                   CHECK (subject_kind IN ('incident','explanation','supervision'))`);
    await q.query(`ALTER TABLE escalation_clocks DROP CONSTRAINT escalation_clocks_kind_check`);
    await q.query(`ALTER TABLE escalation_clocks ADD CONSTRAINT escalation_clocks_kind_check
                   CHECK (kind IN ('acknowledge','first_report','written_report','response','response_followup',
                                   'explanation','supervision'))`);
    await q.query(`ALTER TABLE escalation_policies DROP CONSTRAINT escalation_policies_policy_key_check`);
    await q.query(`ALTER TABLE escalation_policies ADD CONSTRAINT escalation_policies_policy_key_check
                   CHECK (policy_key IN ('I','II','III','IV','explanation','supervision'))`);
    await q.query(`
      CREATE TABLE supervision_matters (
        id                 bigserial PRIMARY KEY,
        title              text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 200),
        instruction        text NOT NULL CHECK (length(btrim(instruction)) BETWEEN 2 AND 20000), -- 督办要求
        required_report    text NOT NULL DEFAULT '' CHECK (length(required_report) <= 2000),   -- 报送要求
        issuer_bureau_code text NOT NULL REFERENCES bureaus(code),  -- the unit that supervises
        bureau_code        text NOT NULL REFERENCES bureaus(code),  -- the responsible unit
        due_at             timestamptz NOT NULL,                     -- as set; extensions move the clock's due
        status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered')),
        answer             text CHECK (length(answer) <= 20000),
        answered_at        timestamptz,
        answered_by        text,
        created_by         text NOT NULL,
        created_at         timestamptz NOT NULL,
        CHECK ((status = 'answered') = (answered_at IS NOT NULL AND answer IS NOT NULL)),
        CHECK (due_at > created_at)
      )`);
    await q.query(
      `CREATE INDEX supervision_matters_ledger_idx ON supervision_matters (bureau_code, status, due_at)`,
    );
    await q.query(`CREATE INDEX supervision_matters_created_idx ON supervision_matters (created_at)`);
    await q.query(`
      CREATE TABLE supervision_events (
        id          bigserial PRIMARY KEY,
        matter_id   bigint NOT NULL REFERENCES supervision_matters(id),
        at          timestamptz NOT NULL,
        action      text NOT NULL CHECK (action ~ '^[a-z_]{2,40}$'),
        actor_label text NOT NULL,
        detail      jsonb
      )`);
    await q.query(`CREATE INDEX supervision_events_matter_idx ON supervision_events (matter_id, id)`);
    await q.query(`
      CREATE FUNCTION supervision_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'supervision_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER supervision_events_append_only BEFORE UPDATE OR DELETE ON supervision_events
      FOR EACH ROW EXECUTE FUNCTION supervision_events_append_only()`);
    await q.query(`
      CREATE TABLE supervision_findings (
        id          bigserial PRIMARY KEY,
        matter_id   bigint NOT NULL REFERENCES supervision_matters(id),
        bureau_code text NOT NULL REFERENCES bureaus(code),
        kind        text NOT NULL CHECK (kind IN ('late')),
        found_at    timestamptz NOT NULL,
        -- the met clock; no foreign key, so the escalation migration stays revertible on its own (as its test does)
        clock_id    bigint,
        evidence    jsonb NOT NULL,
        UNIQUE (matter_id, kind)
      )`);
    await q.query(`CREATE INDEX supervision_findings_found_idx ON supervision_findings (found_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supervision_findings`);
    await q.query(`DROP TABLE supervision_events`);
    await q.query(`DROP FUNCTION supervision_events_append_only()`);
    await q.query(`DELETE FROM extension_requests WHERE subject_kind = 'supervision'`);
    await q.query(`DELETE FROM escalation_notifications WHERE subject_kind = 'supervision'`);
    await q.query(`DELETE FROM escalation_clocks WHERE subject_kind = 'supervision'`);
    await q.query(`DELETE FROM escalation_policies WHERE policy_key = 'supervision'`);
    await q.query(`DROP TABLE supervision_matters`);
    for (const [table, col, values] of [
      ['escalation_clocks', 'subject_kind', `'incident','explanation'`],
      [
        'escalation_clocks',
        'kind',
        `'acknowledge','first_report','written_report','response','response_followup','explanation'`,
      ],
      ['escalation_policies', 'policy_key', `'I','II','III','IV','explanation'`],
    ]) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${col}_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${col}_check CHECK (${col} IN (${values}))`,
      );
    }
  }
}
