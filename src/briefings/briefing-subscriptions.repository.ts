import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BriefingKind } from './briefing-period';

type Db = DataSource | EntityManager;

export interface BriefingSubscription {
  id: string;
  scopeCode: string;
  kind: BriefingKind;
  role: string | null;
  email: string | null;
}

/** briefing_subscriptions: who receives which scope's daily or weekly briefing (a contact role, or an address). */
@Injectable()
export class BriefingSubscriptionsRepository {
  constructor(private readonly ds: DataSource) {}

  async list(pathPrefix: string): Promise<BriefingSubscription[]> {
    return this.ds.query(
      `SELECT s.id::text, s.scope_code AS "scopeCode", s.kind, s.role, s.email
         FROM briefing_subscriptions s JOIN bureaus b ON b.code = s.scope_code
        WHERE b.path LIKE $1 ORDER BY b.path, s.kind, s.id`,
      [`${pathPrefix}%`],
    );
  }

  /** Adds a subscription; an identical one already on file is returned instead (idempotent). */
  async add(
    s: Omit<BriefingSubscription, 'id'>,
    at: Date,
  ): Promise<{ subscription: BriefingSubscription; created: boolean }> {
    const [row] = await this.ds.query(
      `INSERT INTO briefing_subscriptions (scope_code, kind, role, email, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id::text`,
      [s.scopeCode, s.kind, s.role, s.email, at],
    );
    if (row) return { subscription: { id: row.id, ...s }, created: true };
    const [existing] = await this.ds.query(
      `SELECT id::text FROM briefing_subscriptions WHERE scope_code = $1 AND kind = $2
          AND COALESCE(role, '') = COALESCE($3, '') AND lower(COALESCE(email, '')) = lower(COALESCE($4, ''))`,
      [s.scopeCode, s.kind, s.role, s.email],
    );
    return { subscription: { id: existing.id, ...s }, created: false };
  }

  async get(id: string): Promise<BriefingSubscription | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await this.ds.query(
      `SELECT id::text, scope_code AS "scopeCode", kind, role, email FROM briefing_subscriptions WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async remove(id: string): Promise<void> {
    await this.ds.query(`DELETE FROM briefing_subscriptions WHERE id = $1`, [id]);
  }

  /** Scopes someone subscribed to, besides HQ and the provinces (a city or county bureau). */
  async subscribedScopes(kind: BriefingKind): Promise<string[]> {
    const rows: { scope_code: string }[] = await this.ds.query(
      `SELECT DISTINCT scope_code FROM briefing_subscriptions WHERE kind = $1 ORDER BY scope_code`,
      [kind],
    );
    return rows.map((r) => r.scope_code);
  }

  /** The addresses of a scope's subscribers: role subscriptions resolve to the scope bureau's contacts. */
  async recipients(
    kind: BriefingKind,
    scopeCode: string,
    db: Db = this.ds,
  ): Promise<{ email: string; name?: string }[]> {
    const rows: { email: string; name: string | null }[] = await db.query(
      `SELECT COALESCE(c.email, s.email) AS email, c.name
         FROM briefing_subscriptions s
         LEFT JOIN bureau_contacts c ON s.role IS NOT NULL AND c.bureau_code = s.scope_code AND c.role = s.role
        WHERE s.scope_code = $1 AND s.kind = $2 AND COALESCE(c.email, s.email) IS NOT NULL
        ORDER BY s.id, c.id`,
      [scopeCode, kind],
    );
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()))
      .map((r) => ({ email: r.email, ...(r.name ? { name: r.name } : {}) }));
  }
}
