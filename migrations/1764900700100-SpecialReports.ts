import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 舆情专报: the report on one incident sent upward first-hand (issue 14). Drafted from the incident's data, edited in
 * the console, then submitted with its 文号 and addressee — which are recorded as the 已上报 evidence on the incident's
 * report clocks in the same transaction. A submitted report is frozen (a trigger refuses changes); a later report on
 * the same incident (续报) is a new row. At most one draft per incident.
 */
export class SpecialReports1764900700100 implements MigrationInterface {
  name = 'SpecialReports1764900700100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE special_reports (
        id             bigserial PRIMARY KEY,
        incident_id    bigint NOT NULL REFERENCES incidents(id),
        status         text NOT NULL CHECK (status IN ('draft','submitted')),
        title          text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        basic          text NOT NULL DEFAULT '' CHECK (length(basic) <= 20000),      -- 基本情况
        spread         text NOT NULL DEFAULT '' CHECK (length(spread) <= 20000),     -- 传播态势
        units          text NOT NULL DEFAULT '' CHECK (length(units) <= 20000),      -- 涉事单位
        measures       text NOT NULL DEFAULT '' CHECK (length(measures) <= 20000),   -- 已采取措施
        next_steps     text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 20000), -- 下一步工作
        reporting_unit text NOT NULL CHECK (length(btrim(reporting_unit)) BETWEEN 1 AND 200), -- 报送单位
        addressee      text CHECK (length(addressee) <= 200),                         -- 报送对象
        reference      text CHECK (length(reference) <= 100),                         -- 文号
        -- the incident's figures when drafted (grade, items, sources, heat, spread per hour): what the text says
        figures        jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        submitted_by   text,
        submitted_at   timestamptz,
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
        CHECK (status = 'draft' OR (length(btrim(addressee)) > 0 AND length(btrim(reference)) > 0))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX special_reports_one_draft ON special_reports (incident_id) WHERE status = 'draft'`,
    );
    await q.query(`CREATE INDEX special_reports_incident_idx ON special_reports (incident_id, id)`);
    await q.query(`
      CREATE FUNCTION special_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF OLD.status = 'submitted' THEN
          RAISE EXCEPTION 'submitted special report % is frozen: % refused', OLD.id, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER special_reports_frozen BEFORE UPDATE OR DELETE ON special_reports
      FOR EACH ROW EXECUTE FUNCTION special_reports_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE special_reports`);
    await q.query(`DROP FUNCTION special_reports_frozen()`);
  }
}
