import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items pushed by a scoped pusher stay in its scope (issue 12 point 5). `items.scope_bureau_code` is the bureau a
 * push was made under (the push source's bureau, or a provincial monitor's own when the source is national); when
 * the classifier reads another bureau in the text, or none, this trigger puts the item back on the scope's bureau,
 * so a monitor cannot raise incidents in another province by naming it. Postgres holds the rule, whichever code
 * writes `bureau_code`. Feed items have no scope: their bureau is whatever their text is about.
 */
export class PushScope1764900200000 implements MigrationInterface {
  name = 'PushScope1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN scope_bureau_code text REFERENCES bureaus(code)`);
    await q.query(`
      CREATE FUNCTION items_keep_push_scope() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        scope_path   text;
        scope_region text;
        own_path     text;
      BEGIN
        IF NEW.scope_bureau_code IS NULL OR NEW.status = 'pending' THEN
          RETURN NEW;
        END IF;
        SELECT path, region_code INTO scope_path, scope_region FROM bureaus WHERE code = NEW.scope_bureau_code;
        SELECT path INTO own_path FROM bureaus WHERE code = NEW.bureau_code;
        IF own_path IS NOT NULL AND starts_with(own_path, scope_path) THEN
          RETURN NEW;
        END IF;
        NEW.bureau_code := NEW.scope_bureau_code;
        NEW.region_code := scope_region;
        NEW.reasons := coalesce(NEW.reasons, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
          'rule', 'region.push_scope', 'term', NEW.scope_bureau_code, 'start', 0, 'end', 0));
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER items_keep_push_scope BEFORE UPDATE OF bureau_code ON items
      FOR EACH ROW EXECUTE FUNCTION items_keep_push_scope()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER items_keep_push_scope ON items`);
    await q.query(`DROP FUNCTION items_keep_push_scope()`);
    await q.query(`ALTER TABLE items DROP COLUMN scope_bureau_code`);
  }
}
