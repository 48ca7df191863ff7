import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 舆情日报 / 周报 (issue 14): one frozen row per (kind, scope, period) and who subscribes to them.
 *
 * The unique key (kind, scope_code, period) is the idempotency of the scheduler: every instance may try to generate
 * a due briefing, the first INSERT wins and the others find the row. A briefing is written and its mails queued in
 * one transaction, so a row exists only once it was sent; from then on a trigger refuses any change to what it says.
 *
 * Index for the figures over a day or a week (national scale: about a million incidents a year): the statistics
 * migration's incidents_stats_time_idx (detected_at) and incidents_stats_path_idx (bureau_path, detected_at) serve the
 * period ranges. The overdue list needs open clocks by due time, missed ones included (the engine's own due index
 * covers running clocks only): briefings_open_clocks_idx, read-only from here like the statistics indexes.
 */
export class Briefings1764900700000 implements MigrationInterface {
  name = 'Briefings1764900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX briefings_open_clocks_idx ON escalation_clocks (due_at) INCLUDE (bureau_code)
                   WHERE status IN ('running','missed')`);
    await q.query(`
      CREATE TABLE briefings (
        id           bigserial PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('daily','weekly')),
        scope_code   text NOT NULL REFERENCES bureaus(code),
        -- daily: the briefing's date 'YYYY-MM-DD'; weekly: the ISO week reported on 'YYYY-Www'
        period       text NOT NULL CHECK (period ~ '^[0-9]{4}-([0-9]{2}-[0-9]{2}|W[0-9]{2})$'),
        period_start timestamptz NOT NULL,
        period_end   timestamptz NOT NULL,
        snapshot     jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
        recipients   integer NOT NULL DEFAULT 0 CHECK (recipients >= 0),
        created_at   timestamptz NOT NULL,
        sent_at      timestamptz NOT NULL,
        UNIQUE (kind, scope_code, period),
        CHECK (period_end > period_start),
        CHECK ((kind = 'daily') = (period !~ 'W'))
      )`);
    await q.query(`CREATE INDEX briefings_archive_idx ON briefings (scope_code, kind, period_end DESC)`);
    // Frozen once sent, like the monthly bulletins: never rewritten, never deleted.
    await q.query(`
      CREATE FUNCTION briefings_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'briefing % is frozen: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER briefings_frozen BEFORE UPDATE OR DELETE ON briefings
      FOR EACH ROW EXECUTE FUNCTION briefings_frozen()`);

    await q.query(`
      CREATE TABLE briefing_subscriptions (
        id           bigserial PRIMARY KEY,
        scope_code   text NOT NULL REFERENCES bureaus(code) ON DELETE CASCADE, -- whose briefing
        kind         text NOT NULL CHECK (kind IN ('daily','weekly')),
        -- either a contact role of the scope bureau (its head, office …) or one address
        role         text CHECK (role IN ('head','deputy','liaison','office')),
        email        text CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        created_at   timestamptz NOT NULL,
        CHECK ((role IS NULL) <> (email IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX briefing_subscriptions_uq
                   ON briefing_subscriptions (scope_code, kind, COALESCE(role, ''), lower(COALESCE(email, '')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE briefing_subscriptions`);
    await q.query(`DROP TABLE briefings`);
    await q.query(`DROP FUNCTION briefings_frozen()`);
    await q.query(`DROP INDEX briefings_open_clocks_idx`);
  }
}
