import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation directory, accounts (users, sessions, API tokens) and a key/value table for service metadata. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE bureaus (
        code         text PRIMARY KEY CHECK (code ~ '^[0-9]{2,6}$'),
        name         text NOT NULL UNIQUE,
        short_name   text NOT NULL,
        aliases      text[] NOT NULL DEFAULT '{}',
        level        text NOT NULL CHECK (level IN ('national','provincial','prefecture','county')),
        parent_code  text REFERENCES bureaus(code),
        region_code  text CHECK (region_code ~ '^[0-9]{6}$'),
        place_name   text NOT NULL,
        separately_planned boolean NOT NULL DEFAULT false,
        -- materialised path of codes, '00.44.4403.440305.': subtree = path LIKE '<path>%'
        path         text NOT NULL UNIQUE,
        depth        smallint NOT NULL,
        population   integer CHECK (population IS NULL OR population >= 0),
        -- name, short name and aliases joined, for trigram search (written by the seeder)
        search_text  text NOT NULL DEFAULT '',
        CHECK ((level = 'national') = (parent_code IS NULL))
      )`);
    await q.query(`CREATE INDEX bureaus_parent_idx ON bureaus(parent_code)`);
    await q.query(`CREATE INDEX bureaus_path_idx ON bureaus(path text_pattern_ops)`);
    await q.query(`CREATE INDEX bureaus_search_idx ON bureaus USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE bureau_contacts (
        id          bigserial PRIMARY KEY,
        bureau_code text NOT NULL REFERENCES bureaus(code) ON DELETE CASCADE,
        role        text NOT NULL CHECK (role IN ('head','deputy','liaison','office')),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        title       text,
        email       text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        phone       text,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (bureau_code, role, email)
      )`);
    await q.query(`CREATE INDEX bureau_contacts_bureau_idx ON bureau_contacts(bureau_code, role)`);
    await q.query(`
      CREATE TABLE users (
        id            bigserial PRIMARY KEY,
        username      text NOT NULL UNIQUE CHECK (username ~ '^[a-zA-Z0-9_.-]{3,64}$'),
        display_name  text NOT NULL,
        email         text,
        password_hash text,
        role          text NOT NULL CHECK (role IN ('admin','hq_analyst','monitor','head')),
        bureau_code   text NOT NULL REFERENCES bureaus(code),
        disabled      boolean NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id           text PRIMARY KEY, -- sha256 of the cookie value; the raw value is never stored
        user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        ip           text,
        user_agent   text
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions(user_id)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id           bigserial PRIMARY KEY,
        name         text NOT NULL,
        token_hash   text NOT NULL UNIQUE, -- sha256 of the token
        prefix       text NOT NULL,        -- first characters, shown to admins to tell tokens apart
        user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_by   bigint REFERENCES users(id),
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz,
        revoked_at   timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE app_meta (
        key        text PRIMARY KEY,
        value      text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_meta`);
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE bureau_contacts`);
    await q.query(`DROP TABLE bureaus`);
  }
}
