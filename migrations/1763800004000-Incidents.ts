import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents (one event, many items), their append-only audit timeline, and the two lookup tables the grouper uses
 * instead of scans: SimHash bands and normalised links, both keyed per bureau and pruned to the grouping window.
 *
 * Queue indexes: the console's first page is "new incidents of my subtree, hottest first", keyset-paged on
 * (sort key, id): (status, heat_rank) serves it as an index range scan of ~50 entries whatever the table size,
 * (status, grade, heat_rank) the grade sort; (heat_rank) and (detected_at) serve the other sorts and time ranges; `bureau_path` (copied from bureaus by a trigger) makes small
 * subtrees (a city, a county) an index prefix. heat_rank changes whenever items arrive, so every index is rewritten on
 * those updates: the set is kept to what the queue's queries use (measured by `npm run bench -- incidents`). Text search uses a tsvector of jieba words: pg_trgm finds no trigrams in Chinese under the
 * C locale the embedded server runs with.
 */
export class Incidents1763800004000 implements MigrationInterface {
  name = 'Incidents1763800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id                   bigserial PRIMARY KEY,
        bureau_code          text REFERENCES bureaus(code),
        bureau_path          text, -- bureaus.path of bureau_code, kept by incidents_bureau_path()
        region_code          text,
        category             text CHECK (category IN ('执法争议','服务态度与效率','系统故障','政策争议','收费与负担',
                                                      '廉政问题','涉税诈骗','其他')),
        secondary_categories text[] NOT NULL DEFAULT '{}',
        grade                text NOT NULL DEFAULT 'IV' CHECK (grade IN ('I','II','III','IV')),
        -- the most severe grade the evidence (item hints, spread) has reached: automatic raises happen only when it
        -- rises, so a grade a person lowered is not pushed back up without new evidence
        evidence_grade       text NOT NULL DEFAULT 'IV' CHECK (evidence_grade IN ('I','II','III','IV')),
        status               text NOT NULL DEFAULT 'new' CHECK (status IN ('new','confirmed','dismissed','acknowledged',
                                                      'reported','responded','closed','reopened')),
        title                text NOT NULL,
        summary              text,
        search_vector        tsvector NOT NULL DEFAULT ''::tsvector,
        first_seen_at        timestamptz NOT NULL,
        last_seen_at         timestamptz NOT NULL,
        detected_at          timestamptz NOT NULL,
        item_count           integer NOT NULL DEFAULT 0 CHECK (item_count >= 0),
        source_count         integer NOT NULL DEFAULT 0 CHECK (source_count >= 0),
        central_source_count integer NOT NULL DEFAULT 0 CHECK (central_source_count >= 0),
        peak_items_per_hour  integer NOT NULL DEFAULT 0 CHECK (peak_items_per_hour >= 0),
        max_authority_tier   text CHECK (max_authority_tier IN ('central','provincial','local','social','forum')),
        heat                 real NOT NULL DEFAULT 0 CHECK (heat >= 0),
        heat_rank            double precision NOT NULL DEFAULT 0, -- time-invariant sort key, see incident-heat.ts
        version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        auto_confirmed       boolean NOT NULL DEFAULT false,
        confirmed_at         timestamptz,
        acknowledged_at      timestamptz,
        reported_at          timestamptz,
        responded_at         timestamptz,
        closed_at            timestamptz,
        dismissed_at         timestamptz,
        dismiss_reason       text CHECK (dismiss_reason IN ('误报','非本单位','重复','其他')),
        dismiss_comment      text,
        claimed_by           bigint REFERENCES users(id),
        claim_expires_at     timestamptz,
        link_group_id        bigint, -- id of the first incident of a story that concerns several bureaus
        merged_into_id       bigint REFERENCES incidents(id),
        simhash              bigint,
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        CHECK (last_seen_at >= first_seen_at),
        CHECK (status <> 'dismissed' OR (dismiss_reason IS NOT NULL AND dismissed_at IS NOT NULL)),
        CHECK (dismiss_reason IS DISTINCT FROM '其他' OR length(btrim(dismiss_comment)) > 0),
        CHECK ((claimed_by IS NULL) = (claim_expires_at IS NULL)),
        CHECK (merged_into_id IS DISTINCT FROM id),
        CHECK (NOT auto_confirmed OR confirmed_at IS NOT NULL)
      )`);
    await q.query(`
      CREATE FUNCTION incidents_bureau_path() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.bureau_path := (SELECT path FROM bureaus WHERE code = NEW.bureau_code);
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER incidents_bureau_path BEFORE INSERT OR UPDATE OF bureau_code ON incidents
      FOR EACH ROW EXECUTE FUNCTION incidents_bureau_path()`);

    // Queue pages: WHERE status = $s [AND scope] ORDER BY <key> DESC, id DESC, for live (not merged) incidents.
    const live = `WHERE merged_into_id IS NULL`;
    await q.query(
      `CREATE INDEX incidents_status_heat_idx ON incidents (status, heat_rank DESC, id DESC) ${live}`,
    );
    await q.query(
      `CREATE INDEX incidents_status_grade_idx ON incidents (status, grade, heat_rank DESC, id DESC) ${live}`,
    );
    await q.query(`CREATE INDEX incidents_heat_idx ON incidents (heat_rank DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX incidents_age_idx ON incidents (detected_at DESC, id DESC) ${live}`);
    // Small subtrees (a city, a county): the path prefix narrows first, then a sort of few rows.
    await q.query(
      `CREATE INDEX incidents_path_idx ON incidents (bureau_path text_pattern_ops, status, heat_rank DESC) ${live}`,
    );
    await q.query(
      `CREATE INDEX incidents_unassigned_idx ON incidents (status, heat_rank DESC, id DESC) WHERE bureau_code IS NULL AND merged_into_id IS NULL`,
    );
    await q.query(`CREATE INDEX incidents_region_idx ON incidents (region_code, detected_at DESC) ${live}`);
    await q.query(`CREATE INDEX incidents_search_idx ON incidents USING gin (search_vector)`);
    await q.query(
      `CREATE INDEX incidents_link_group_idx ON incidents (link_group_id) WHERE link_group_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX incidents_merged_into_idx ON incidents (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX incidents_claimed_by_idx ON incidents (claimed_by) WHERE claimed_by IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE incident_events (
        id            bigserial PRIMARY KEY,
        incident_id   bigint NOT NULL REFERENCES incidents(id),
        at            timestamptz NOT NULL,
        actor_user_id bigint REFERENCES users(id),
        actor_label   text NOT NULL CHECK (length(actor_label) BETWEEN 1 AND 300),
        action        text NOT NULL CHECK (action ~ '^[a-z_]{2,40}$'),
        before        jsonb,
        after         jsonb,
        comment       text
      )`);
    await q.query(`CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, id)`);
    // 全程记录、痕迹可查: the timeline is append-only; the database refuses to rewrite history.
    await q.query(`
      CREATE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'incident_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER incident_events_no_update BEFORE UPDATE OR DELETE ON incident_events
      FOR EACH ROW EXECUTE FUNCTION incident_events_append_only()`);
    await q.query(`
      CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events
      FOR EACH STATEMENT EXECUTE FUNCTION incident_events_append_only()`);

    // Grouping lookups, keyed per bureau (bureau_key = coalesce(bureau_code, ''), so unassigned items group among
    // themselves). Rows of incidents that can no longer gain items (outside the window, closed, merged) are pruned.
    await q.query(`
      CREATE TABLE incident_simhash_bands (
        bureau_key   text NOT NULL,
        -- bands 0–7: the eight bytes (same-bureau lookup, distance ≤ 7); bands 8–11: the four 16-bit words
        -- (cross-bureau lookup for linked incidents, distance ≤ 3, selective enough to probe globally)
        band         smallint NOT NULL CHECK (band BETWEEN 0 AND 11),
        value        integer NOT NULL CHECK (value >= 0 AND value < CASE WHEN band < 8 THEN 256 ELSE 65536 END),
        incident_id  bigint NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        simhash      bigint NOT NULL,
        PRIMARY KEY (bureau_key, band, value, incident_id, simhash)
      )`);
    // Cross-bureau lookup (the same story about another bureau → linked incidents) on bands 8–11.
    await q.query(
      `CREATE INDEX incident_simhash_bands_global_idx ON incident_simhash_bands (band, value) WHERE band >= 8`,
    );
    await q.query(`CREATE INDEX incident_simhash_bands_incident_idx ON incident_simhash_bands (incident_id)`);
    await q.query(`
      CREATE TABLE incident_links (
        link         text NOT NULL,
        bureau_key   text NOT NULL,
        incident_id  bigint NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        PRIMARY KEY (link, bureau_key, incident_id)
      )`);
    await q.query(`CREATE INDEX incident_links_incident_idx ON incident_links (incident_id)`);
    // An item the grouper could not place (an unexpected database error on that item alone): recorded and skipped
    // so one bad item never blocks the queue behind it (STYLE.md §8).
    await q.query(`
      CREATE TABLE incident_grouping_failures (
        item_id     bigint PRIMARY KEY,
        ingested_at timestamptz NOT NULL,
        failed_at   timestamptz NOT NULL,
        error       text NOT NULL
      )`);

    // items.incident_id (contracts.md "Items"): the join and the grouper's claim.
    await q.query(
      `ALTER TABLE items ADD CONSTRAINT items_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents(id)`,
    );
    await q.query(`CREATE INDEX items_incident_idx ON items (incident_id) WHERE incident_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX items_ungrouped_idx ON items (id) WHERE status = 'classified' AND alert AND incident_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX items_ungrouped_idx`);
    await q.query(`DROP INDEX items_incident_idx`);
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_incident_fk`);
    await q.query(`DROP TABLE incident_grouping_failures`);
    await q.query(`DROP TABLE incident_links`);
    await q.query(`DROP TABLE incident_simhash_bands`);
    await q.query(`DROP TABLE incident_events`);
    await q.query(`DROP FUNCTION incident_events_append_only()`);
    await q.query(`DROP TABLE incidents`);
    await q.query(`DROP FUNCTION incidents_bureau_path()`);
  }
}
