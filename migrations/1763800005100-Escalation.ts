import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing and escalation (src/escalation): routing rules, versioned policies, deadline clocks (due times in rows,
 * claimed by the engine with FOR UPDATE SKIP LOCKED), the per-recipient notification record, signed action links,
 * extension requests, and the reporting failures (迟报/漏报/瞒报) the monthly statistics count.
 *
 * escalation_notifications is the notification log per recipient (contracts.md: "notification_log view or table");
 * its delivery outcome comes from the outbox (outbox_delivery, outbox_attempts) when it is read.
 *
 * Clocks are generic over subjects (incidents here, explanation tasks from statistics), so `subject_id` has no
 * foreign key; findings are about incidents only and reference them.
 */
export class Escalation1763800005100 implements MigrationInterface {
  name = 'Escalation1763800005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing_rules (
        id              bigserial PRIMARY KEY,
        name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        priority        integer NOT NULL DEFAULT 100,
        category        text CHECK (category IN ('执法争议','服务态度与效率','系统故障','政策争议','收费与负担',
                                                 '廉政问题','涉税诈骗','其他')),
        region_prefix   text CHECK (region_prefix ~ '^[0-9]{2,6}$'),
        source_id       bigint REFERENCES sources(id) ON DELETE CASCADE,
        -- true: only for incidents without a bureau (the usual case); false: overrides the incident's own bureau
        only_unassigned boolean NOT NULL DEFAULT true,
        bureau_code     text NOT NULL REFERENCES bureaus(code),
        -- who gets the first notice at that bureau (NULL: the policy's head + liaison)
        notify_roles    text[] CHECK (notify_roles <@ ARRAY['head','deputy','liaison','office']::text[]),
        enabled         boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL,
        created_by      bigint REFERENCES users(id),
        CHECK (category IS NOT NULL OR region_prefix IS NOT NULL OR source_id IS NOT NULL)
      )`);
    // The default rule (nationwide 系统故障 → HQ) is inserted once at start-up by RoutingService.seedDefaults:
    // bureaus are seeded after migrations run, so the rule's bureau does not exist yet here.
    await q.query(`
      CREATE TABLE escalation_policies (
        id               bigserial PRIMARY KEY,
        policy_key       text NOT NULL CHECK (policy_key IN ('I','II','III','IV','explanation')),
        version          integer NOT NULL CHECK (version >= 1),
        policy           jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
        comment          text,
        created_at       timestamptz NOT NULL,
        created_by       bigint REFERENCES users(id),
        created_by_label text NOT NULL,
        UNIQUE (policy_key, version)
      )`);

    await q.query(`
      CREATE TABLE escalation_clocks (
        id                 bigserial PRIMARY KEY,
        subject_kind       text NOT NULL CHECK (subject_kind IN ('incident','explanation')),
        subject_id         bigint NOT NULL,
        bureau_code        text NOT NULL REFERENCES bureaus(code),   -- the responsible unit
        notify_bureau_code text NOT NULL REFERENCES bureaus(code),   -- first bureau up the tree with contacts
        kind               text NOT NULL CHECK (kind IN ('acknowledge','first_report','written_report','response',
                                                         'response_followup','explanation')),
        grade              text CHECK (grade IN ('I','II','III','IV')),
        started_at         timestamptz NOT NULL,
        due_at             timestamptz NOT NULL,                     -- the real instant, working time applied
        met_at             timestamptz,
        met_by             text,
        status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running','met','missed','cancelled')),
        next_step_at       timestamptz,
        step_index         integer NOT NULL DEFAULT 0 CHECK (step_index >= 0),
        repeat_count       integer NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
        finding_check_at   timestamptz,                              -- 漏报 check: due + grace
        policy_key         text NOT NULL,
        policy_snapshot    jsonb NOT NULL CHECK (jsonb_typeof(policy_snapshot) = 'object'),
        version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        cancel_reason      text,
        last_step_at       timestamptz,
        last_error         text,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        CHECK ((status = 'met') = (met_at IS NOT NULL)),
        CHECK (status IN ('running','missed') OR next_step_at IS NULL),
        CHECK (due_at >= started_at)
      )`);
    // One live clock per subject and kind: a repeated start is a no-op, never a second ladder.
    await q.query(`CREATE UNIQUE INDEX escalation_clocks_live_uq ON escalation_clocks (subject_kind, subject_id, kind)
                   WHERE status IN ('running','missed')`);
    // The engine's claim: three small partial indexes, one per reason a clock needs attention.
    await q.query(
      `CREATE INDEX escalation_clocks_next_step_idx ON escalation_clocks (next_step_at) WHERE next_step_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX escalation_clocks_due_idx ON escalation_clocks (due_at) WHERE status = 'running'`,
    );
    await q.query(
      `CREATE INDEX escalation_clocks_finding_idx ON escalation_clocks (finding_check_at) WHERE finding_check_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX escalation_clocks_subject_idx ON escalation_clocks (subject_kind, subject_id)`,
    );
    await q.query(`CREATE INDEX escalation_clocks_bureau_idx ON escalation_clocks (bureau_code, started_at)`);

    await q.query(`
      CREATE TABLE escalation_notifications (
        id                    bigserial PRIMARY KEY,
        subject_kind          text NOT NULL,
        subject_id            bigint NOT NULL,
        clock_id              bigint REFERENCES escalation_clocks(id),
        reason                text NOT NULL CHECK (reason IN ('start','step','repeat','acknowledged','closed','reassigned',
                                                              'extension_request','extension_decision')),
        step_no               integer,
        repeat                integer,
        recipient_email       text NOT NULL,
        recipient_name        text,
        recipient_role        text,
        recipient_bureau_code text REFERENCES bureaus(code),
        fallback_from         text[] NOT NULL DEFAULT '{}',          -- bureaus skipped for having no contact on file
        -- the outbox row (no foreign key and no view over the outbox: the notifications migration must stay
        -- revertible on its own, as its own test does; outbox rows are never deleted while this table exists)
        outbox_id             bigint NOT NULL UNIQUE,
        created_at            timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX escalation_notifications_subject_idx ON escalation_notifications (subject_kind, subject_id, created_at)`,
    );
    await q.query(`CREATE INDEX escalation_notifications_clock_idx ON escalation_notifications (clock_id)`);
    await q.query(`
      CREATE TABLE reporting_findings (
        id          bigserial PRIMARY KEY,
        incident_id bigint NOT NULL REFERENCES incidents(id),
        bureau_code text NOT NULL REFERENCES bureaus(code),          -- the unit at fault
        kind        text NOT NULL CHECK (kind IN ('late','missed','concealed')),
        found_at    timestamptz NOT NULL,
        clock_id    bigint REFERENCES escalation_clocks(id),
        evidence    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(evidence) = 'object'),
        UNIQUE (incident_id, bureau_code, kind)
      )`);
    await q.query(`CREATE INDEX reporting_findings_bureau_idx ON reporting_findings (bureau_code, found_at)`);
    await q.query(`CREATE INDEX reporting_findings_found_idx ON reporting_findings (found_at)`);

    await q.query(`
      CREATE TABLE action_links (
        id                    bigserial PRIMARY KEY,
        token_hash            text NOT NULL UNIQUE,                  -- sha256 of the token's random part
        subject_kind          text NOT NULL,
        subject_id            bigint NOT NULL,
        clock_id              bigint REFERENCES escalation_clocks(id),
        action                text NOT NULL CHECK (action IN ('acknowledge','report','review','extension')),
        recipient_email       text NOT NULL,
        recipient_name        text,
        recipient_role        text,
        recipient_bureau_code text REFERENCES bureaus(code),
        created_at            timestamptz NOT NULL,
        expires_at            timestamptz NOT NULL,
        used_at               timestamptz,
        used_ip               text,
        used_user_agent       text,
        result                jsonb,
        CHECK (expires_at > created_at),
        CHECK (used_at IS NOT NULL OR (used_ip IS NULL AND used_user_agent IS NULL AND result IS NULL))
      )`);
    await q.query(`CREATE INDEX action_links_subject_idx ON action_links (subject_kind, subject_id)`);

    await q.query(`
      CREATE TABLE extension_requests (
        id                   bigserial PRIMARY KEY,
        clock_id             bigint NOT NULL REFERENCES escalation_clocks(id),
        subject_kind         text NOT NULL,
        subject_id           bigint NOT NULL,
        bureau_code          text NOT NULL REFERENCES bureaus(code),   -- the unit asking
        approver_bureau_code text NOT NULL REFERENCES bureaus(code),   -- its superior
        requested_by_email   text NOT NULL,
        requested_by_name    text,
        link_id              bigint REFERENCES action_links(id),
        reason               text NOT NULL CHECK (length(btrim(reason)) BETWEEN 2 AND 2000),
        current_due_at       timestamptz NOT NULL,
        requested_due_at     timestamptz NOT NULL,
        status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','refused')),
        decided_by           bigint REFERENCES users(id),
        decided_by_label     text,
        decided_at           timestamptz,
        decision_comment     text,
        created_at           timestamptz NOT NULL,
        CHECK (requested_due_at > current_due_at),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX extension_requests_pending_uq ON extension_requests (clock_id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX extension_requests_queue_idx ON extension_requests (status, approver_bureau_code, created_at)`,
    );
    await q.query(
      `CREATE INDEX extension_requests_subject_idx ON extension_requests (subject_kind, subject_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE extension_requests`);
    await q.query(`DROP TABLE action_links`);
    await q.query(`DROP TABLE reporting_findings`);
    await q.query(`DROP TABLE escalation_notifications`);
    await q.query(`DROP TABLE escalation_clocks`);
    await q.query(`DROP TABLE escalation_policies`);
    await q.query(`DROP TABLE routing_rules`);
  }
}
