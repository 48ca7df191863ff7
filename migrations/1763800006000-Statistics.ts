import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly bulletins (按月统计通报) with their frozen snapshots, the explanation tasks (情况说明) they raise, and an
 * append-only history of both.
 *
 * A bulletin is unique per (month, scope, version). While a draft it is regenerated in place; once published its
 * snapshot can no longer change (a trigger refuses it): a correction is a new version with a note. At most one draft
 * per (month, scope) exists at any time.
 *
 * Indexes for the monthly figures at national scale (about a million incidents and 1.5 million clocks a year;
 * `npm run bench -- statistics`), on tables of other modules, read-only from here:
 *  - the whole country, a month: an index range on detected_at; the 13-month trend is an index-only scan of it;
 *  - one province, a month: the bureau_path prefix first, detected_at checked inside the index;
 *  - on-time rates: clocks by responsible bureau and due_at, index-only (the engine's own indexes are partial on
 *    running clocks and keyed on started_at).
 */
export class Statistics1763800006000 implements MigrationInterface {
  name = 'Statistics1763800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX incidents_stats_time_idx ON incidents (detected_at) INCLUDE (bureau_path, status)
                   WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX incidents_stats_path_idx ON incidents (bureau_path text_pattern_ops, detected_at)
                   INCLUDE (status) WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX escalation_clocks_stats_idx ON escalation_clocks (bureau_code, due_at)
                   INCLUDE (kind, status, met_at) WHERE subject_kind = 'incident'`);

    await q.query(`
      CREATE TABLE statistics_bulletins (
        id            bigserial PRIMARY KEY,
        month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        scope_code    text NOT NULL REFERENCES bureaus(code),
        version       integer NOT NULL CHECK (version >= 1),
        status        text NOT NULL CHECK (status IN ('draft','published')),
        snapshot      jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
        figures_hash  text NOT NULL,
        note          text,
        generated_at  timestamptz NOT NULL,
        published_at  timestamptz,
        created_at    timestamptz NOT NULL,
        UNIQUE (month, scope_code, version),
        CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CHECK (version = 1 OR length(btrim(note)) > 0)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX statistics_bulletins_one_draft ON statistics_bulletins (month, scope_code)
        WHERE status = 'draft'`);
    // A published bulletin is frozen: its figures, version and identity never change, and it is never deleted.
    await q.query(`
      CREATE FUNCTION statistics_bulletins_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'published' THEN
            RAISE EXCEPTION 'published bulletin % is frozen: DELETE refused', OLD.id USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'published' AND (NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.figures_hash <> OLD.figures_hash
            OR NEW.status <> OLD.status OR NEW.version <> OLD.version OR NEW.month <> OLD.month
            OR NEW.scope_code <> OLD.scope_code OR NEW.published_at IS DISTINCT FROM OLD.published_at
            OR NEW.generated_at <> OLD.generated_at) THEN
          RAISE EXCEPTION 'published bulletin % is frozen: publish a correction instead', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER statistics_bulletins_frozen BEFORE UPDATE OR DELETE ON statistics_bulletins
      FOR EACH ROW EXECUTE FUNCTION statistics_bulletins_frozen()`);

    await q.query(`
      CREATE TABLE explanation_tasks (
        id                bigserial PRIMARY KEY,
        month             text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        scope_code        text NOT NULL REFERENCES bureaus(code),   -- the bulletin that asks (the superior)
        bureau_code       text NOT NULL REFERENCES bureaus(code),   -- the unit that must explain itself
        bulletin_id       bigint NOT NULL REFERENCES statistics_bulletins(id), -- the version that first flagged it
        flags             text[] NOT NULL CHECK (cardinality(flags) > 0 AND flags <@ ARRAY['bottom','rise']),
        reason            text NOT NULL CHECK (length(reason) > 0),
        head_name         text,
        head_email        text,
        status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','cancelled')),
        due_at            timestamptz NOT NULL,
        created_at        timestamptz NOT NULL,
        answer            text CHECK (answer IS NULL OR length(btrim(answer)) BETWEEN 1 AND 20000),
        answered_at       timestamptz,
        answered_by       bigint REFERENCES users(id),
        answered_by_label text,
        UNIQUE (month, scope_code, bureau_code),
        CHECK (bureau_code <> scope_code),
        CHECK ((status = 'answered') = (answer IS NOT NULL AND answered_at IS NOT NULL AND answered_by_label IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX explanation_tasks_bureau_idx ON explanation_tasks (bureau_code, status)`);

    // 全程记录、痕迹可查: what happened to bulletins and tasks, append-only like incident_events.
    await q.query(`
      CREATE TABLE statistics_events (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL,
        month       text NOT NULL,
        scope_code  text NOT NULL REFERENCES bureaus(code),
        bulletin_id bigint REFERENCES statistics_bulletins(id),
        task_id     bigint REFERENCES explanation_tasks(id),
        action      text NOT NULL CHECK (action ~ '^[a-z_]{2,40}$'),
        actor_label text NOT NULL,
        detail      jsonb
      )`);
    await q.query(`CREATE INDEX statistics_events_scope_idx ON statistics_events (month, scope_code, id)`);
    await q.query(`
      CREATE FUNCTION statistics_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'statistics_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER statistics_events_no_update BEFORE UPDATE OR DELETE ON statistics_events
      FOR EACH ROW EXECUTE FUNCTION statistics_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_events`);
    await q.query(`DROP FUNCTION statistics_events_append_only()`);
    await q.query(`DROP TABLE explanation_tasks`);
    await q.query(`DROP TABLE statistics_bulletins`);
    await q.query(`DROP FUNCTION statistics_bulletins_frozen()`);
    await q.query(`DROP INDEX escalation_clocks_stats_idx`);
    await q.query(`DROP INDEX incidents_stats_path_idx`);
    await q.query(`DROP INDEX incidents_stats_time_idx`);
  }
}
