import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { authorize, can } from '../auth/policy/policy';
import { Principal } from '../auth/roles';
import { ScopeService } from '../auth/scope.service';
import { Clock } from '../infrastructure/clock/clock';
import { PushSecrets } from './push-secrets';
import { RawSourceInput, validateSourceInput } from './source-input';
import { SOURCE_SELECT, SourceRow, toSourceView, VISIBLE_TO } from './source-query';
import { SourceErrorView, SourceInput, SourceKind, SourceView } from './source.types';
import {
  kindImmutable,
  sourceHasItems,
  sourceInvalid,
  sourceNameTaken,
  sourceNotFound,
  sourceNotPush,
  sourceUrlTaken,
} from './sources.errors';

export interface SourceFilter {
  kind?: SourceKind;
  q?: string;
  needsAttention?: boolean;
  enabled?: boolean;
}

/** A created push source, or a rotated secret: the only time the secret is ever shown. */
export type WithSecret<T> = T & { pushSecret?: string };

/**
 * Source definitions: CRUD scoped by src/auth/policy (reads: 'source.view' — sources without a bureau plus those in
 * the caller's subtree; writes: 'source.manage' on the source's bureau, HQ's for a bureau-less one). A null actor is
 * the CLI, trusted.
 */
@Injectable()
export class SourcesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly secrets: PushSecrets,
  ) {}

  async list(p: Principal | null, f: SourceFilter = {}): Promise<SourceView[]> {
    const params: unknown[] = [this.clock.now()];
    const where: string[] = [];
    if (p) {
      params.push(p.bureauPath);
      where.push(VISIBLE_TO(`$${params.length}`));
    }
    if (f.kind) {
      params.push(f.kind);
      where.push(`s.kind = $${params.length}`);
    }
    if (f.q) {
      params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(s.name ILIKE $${params.length} OR s.url ILIKE $${params.length})`);
    }
    if (f.needsAttention !== undefined) {
      params.push(f.needsAttention);
      where.push(`s.needs_attention = $${params.length}`);
    }
    if (f.enabled !== undefined) {
      params.push(f.enabled);
      where.push(`s.enabled = $${params.length}`);
    }
    const rows: SourceRow[] = await this.db.query(
      `${SOURCE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.name`,
      params,
    );
    return rows.map(toSourceView);
  }

  async get(p: Principal | null, id: string, m: EntityManager = this.db.manager): Promise<SourceView> {
    if (!/^[0-9]{1,18}$/.test(id)) throw sourceNotFound(id);
    const [row]: SourceRow[] = await m.query(`${SOURCE_SELECT} WHERE s.id = $2`, [this.clock.now(), id]);
    if (!row) throw sourceNotFound(id);
    // national sources are listed to every reader (VISIBLE_TO), so they open to every reader too
    if (p && row.bureau_path) authorize(p, 'source.view', { bureauPath: row.bureau_path });
    return toSourceView(row);
  }

  async errors(p: Principal, id: string, limit = 50): Promise<SourceErrorView[]> {
    await this.get(p, id);
    return this.db.query(
      `SELECT occurred_at AS "occurredAt", kind, status, message FROM source_errors
        WHERE source_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      [id, Math.min(Math.max(limit, 1), 500)],
    );
  }

  /** Checks the bureau exists and, for an actor, that it may manage sources of it ('source.manage'; none: HQ's). */
  async assertWritable(actor: Principal | null, bureauCode: string | null): Promise<void> {
    if (actor) await this.scope.authorize(actor, 'source.manage', bureauCode);
    else if (bureauCode) await this.scope.assertExists(bureauCode);
  }

  /** What the detail page offers: the controls assertWritable would let this principal use on this source. */
  async mayManage(p: Principal, s: Pick<SourceView, 'bureauCode'>): Promise<boolean> {
    return can(p, 'source.manage', await this.scope.subject(s.bureauCode));
  }

  async create(raw: RawSourceInput, actor: Principal | null): Promise<WithSecret<SourceView>> {
    const { value, errors } = validateSourceInput(raw);
    if (!value) throw sourceInvalid(errors);
    await this.assertWritable(actor, value.bureauCode);
    return this.db.transaction(async (m) => {
      const { id, pushSecret } = await this.insert(m, value);
      return { ...(await this.get(null, id, m)), ...(pushSecret ? { pushSecret } : {}) };
    });
  }

  /** Inserts a validated source (used by create and CSV import); new feeds are due at once. */
  async insert(m: EntityManager, v: SourceInput): Promise<{ id: string; pushSecret?: string }> {
    const now = this.clock.now();
    const nonce = v.kind === 'push' ? this.secrets.newNonce() : null;
    const [row] = await this.mapConflicts(v, () =>
      m.query(
        `INSERT INTO sources (name, kind, url, bureau_code, region_code, authority_tier, min_interval_seconds,
                              max_interval_seconds, enabled, next_check_at, push_secret_nonce, push_secret_rotated_at,
                              created_at, updated_at)
         VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT region_code FROM bureaus WHERE code = $4)), $6, $7, $8, $9,
                 CASE WHEN $2 = 'feed' THEN $10::timestamptz END, $11, CASE WHEN $11::text IS NOT NULL THEN $10::timestamptz END, $10, $10)
         RETURNING id::text`,
        [
          v.name,
          v.kind,
          v.url,
          v.bureauCode,
          v.regionCode,
          v.authorityTier,
          v.minIntervalSeconds,
          v.maxIntervalSeconds,
          v.enabled,
          now,
          nonce,
        ],
      ),
    );
    if (!nonce) return { id: row.id };
    const pushSecret = this.secrets.secretFor(row.id, nonce);
    await m.query(`UPDATE sources SET push_secret_prefix = $2 WHERE id = $1`, [
      row.id,
      PushSecrets.prefixOf(pushSecret),
    ]);
    return { id: row.id, pushSecret };
  }

  async update(id: string, patch: RawSourceInput, actor: Principal | null): Promise<SourceView> {
    return this.db.transaction(async (m) => {
      const current = await this.get(null, id, m);
      await this.assertWritable(actor, current.bureauCode);
      if (patch.kind !== undefined && patch.kind !== current.kind) throw kindImmutable();
      const merged = {
        ...current,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      // a new bureau brings its own region unless one is given
      if (patch.bureauCode !== undefined && patch.regionCode === undefined) merged.regionCode = null;
      const { value, errors } = validateSourceInput(merged);
      if (!value) throw sourceInvalid(errors);
      if (value.bureauCode !== current.bureauCode) await this.assertWritable(actor, value.bureauCode);
      await this.apply(m, id, value, current);
      return this.get(null, id, m);
    });
  }

  /** Writes a validated definition over an existing source; a new URL or re-enabling makes it due at once. */
  async apply(m: EntityManager, id: string, v: SourceInput, current: SourceInput): Promise<void> {
    const urlChanged = v.url !== current.url;
    const reenabled = v.enabled && !current.enabled;
    await this.mapConflicts(v, () =>
      m.query(
        `UPDATE sources SET name = $2, url = $3, bureau_code = $4,
                region_code = COALESCE($5, (SELECT region_code FROM bureaus WHERE code = $4)), authority_tier = $6,
                min_interval_seconds = $7, max_interval_seconds = $8, enabled = $9, updated_at = $10,
                next_check_at = CASE WHEN kind = 'feed' AND ($11 OR $12) THEN $10 ELSE next_check_at END,
                etag = CASE WHEN $11 THEN NULL ELSE etag END,
                last_modified = CASE WHEN $11 THEN NULL ELSE last_modified END,
                body_hash = CASE WHEN $11 THEN NULL ELSE body_hash END,
                needs_attention = CASE WHEN $11 THEN false ELSE needs_attention END,
                consecutive_errors = CASE WHEN $11 THEN 0 ELSE consecutive_errors END
          WHERE id = $1`,
        [
          id,
          v.name,
          v.url,
          v.bureauCode,
          v.regionCode,
          v.authorityTier,
          v.minIntervalSeconds,
          v.maxIntervalSeconds,
          v.enabled,
          this.clock.now(),
          urlChanged,
          reenabled,
        ],
      ),
    );
  }

  async remove(id: string, actor: Principal | null): Promise<void> {
    const current = await this.get(null, id);
    await this.assertWritable(actor, current.bureauCode);
    try {
      await this.db.query(`DELETE FROM sources WHERE id = $1`, [id]);
    } catch (e) {
      if ((e as { code?: string }).code === '23503') throw sourceHasItems(id);
      throw e;
    }
  }

  async rotateSecret(
    id: string,
    actor: Principal | null,
  ): Promise<{ id: string; pushSecret: string; pushSecretPrefix: string }> {
    const current = await this.get(null, id);
    await this.assertWritable(actor, current.bureauCode);
    if (current.kind !== 'push') throw sourceNotPush(id);
    const nonce = this.secrets.newNonce();
    const pushSecret = this.secrets.secretFor(id, nonce);
    const prefix = PushSecrets.prefixOf(pushSecret);
    await this.db.query(
      `UPDATE sources SET push_secret_nonce = $2, push_secret_prefix = $3, push_secret_rotated_at = $4, updated_at = $4
        WHERE id = $1`,
      [id, nonce, prefix, this.clock.now()],
    );
    return { id, pushSecret, pushSecretPrefix: prefix };
  }

  /** Polls a feed at the next tick, e.g. after fixing what made it need attention. */
  async checkNow(id: string, actor: Principal | null): Promise<SourceView> {
    const current = await this.get(null, id);
    await this.assertWritable(actor, current.bureauCode);
    await this.db.query(`UPDATE sources SET next_check_at = $2 WHERE id = $1 AND kind = 'feed'`, [
      id,
      this.clock.now(),
    ]);
    return this.get(null, id);
  }

  private async mapConflicts<T>(v: SourceInput, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const err = e as { code?: string; constraint?: string };
      if (err.code === '23505' && err.constraint === 'sources_name_key') throw sourceNameTaken(v.name);
      if (err.code === '23505' && err.constraint === 'sources_feed_url_key')
        throw sourceUrlTaken(v.url ?? '');
      throw e;
    }
  }
}
