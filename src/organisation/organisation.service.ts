import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outOfScope } from '../auth/auth.errors';
import type { Principal } from '../auth/roles';
import type { BureauLevel } from './bureau-catalog';
import { FUZZY_THRESHOLD, normaliseQuery, placeCore, queryBigrams } from './bureau-search';
import { ContactsService } from './contacts.service';
import { bureauNotFound } from './organisation.errors';
import { BureauDetail, BureauView, ContactView } from './organisation.types';

/** Columns of a BureauView, from `bureaus b`. */
export const BUREAU_VIEW_COLUMNS = `b.code, b.name, b.short_name AS "shortName", b.aliases, b.level,
  b.parent_code AS "parentCode", b.region_code AS "regionCode", b.place_name AS "placeName",
  b.separately_planned AS "separatelyPlanned", b.path`;

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 500;

/**
 * The bureau tree as principals see it: everything is restricted to the principal's subtree (`path LIKE
 * principal.bureauPath || '%'`), except ancestors, which are shown in full for breadcrumbs.
 */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly db: DataSource,
    private readonly contacts: ContactsService,
  ) {}

  /**
   * Best match first, in tiers: 0 exact (code, official name, short name or alias), 1 prefix, 2 substring of any
   * name, 3 fuzzy (pg_trgm word similarity or character-bigram overlap, see bureau-search.ts). Within a tier,
   * higher levels come first (深圳 → 深圳市税务局 before its districts), then codes. An empty query lists the subtree.
   */
  async search(
    p: Principal,
    q: string,
    opts: { limit?: number; level?: BureauLevel } = {},
  ): Promise<BureauView[]> {
    const query = normaliseQuery(q ?? '');
    const wanted = Number.isFinite(opts.limit) ? Math.trunc(opts.limit!) : SEARCH_DEFAULT_LIMIT;
    const limit = Math.min(Math.max(wanted, 1), SEARCH_MAX_LIMIT);
    const rows = await this.db.query(
      `SELECT ${BUREAU_VIEW_COLUMNS.replace(/\bb\./g, 's.')} FROM (
         SELECT b.*,
           CASE WHEN $1 = '' THEN 0
                WHEN b.code = $1 OR b.name = $1 OR b.short_name = $1 OR $1 = ANY(b.aliases) THEN 0
                WHEN starts_with(b.name, $1) OR starts_with(b.short_name, $1) OR starts_with(b.code, $1)
                  OR EXISTS (SELECT 1 FROM unnest(b.aliases) a WHERE starts_with(a, $1)) THEN 1
                WHEN strpos(b.search_text, $1) > 0 THEN 2
                ELSE 3 END AS tier,
           GREATEST(word_similarity($7, b.search_text),
             (SELECT count(*) FROM unnest($2::text[]) g WHERE strpos(b.search_text, g) > 0)::real
               / greatest(cardinality($2::text[]), 1)) AS score
         FROM bureaus b
         WHERE b.path LIKE $3 || '%' AND ($4::text IS NULL OR b.level = $4)
       ) s
       WHERE s.tier < 3 OR s.score >= $5
       ORDER BY s.tier, CASE WHEN s.tier = 3 THEN s.score END DESC NULLS LAST, s.depth, s.code
       LIMIT $6`,
      // Trigram similarity on the place part only: 国家税务总局 and 税务局 occur in every name and would swamp it.
      [
        query,
        queryBigrams(query),
        p.bureauPath,
        opts.level ?? null,
        FUZZY_THRESHOLD,
        limit,
        placeCore(query) || query,
      ],
    );
    return rows;
  }

  async get(p: Principal, code: string): Promise<BureauDetail> {
    const bureau = await this.visible(p, code);
    const [ancestors, contacts, [{ n }]] = await Promise.all([
      this.ancestorsOf(bureau),
      this.contacts.listFor(code),
      this.db.query(`SELECT count(*)::int AS n FROM bureaus WHERE parent_code = $1`, [code]),
    ]);
    return { ...bureau, ancestors, contacts, childCount: n };
  }

  async children(p: Principal, code: string): Promise<BureauView[]> {
    await this.visible(p, code);
    return this.db.query(
      `SELECT ${BUREAU_VIEW_COLUMNS} FROM bureaus b WHERE b.parent_code = $1 ORDER BY b.code`,
      [code],
    );
  }

  /** Root first, the bureau itself excluded. */
  async ancestors(p: Principal, code: string): Promise<BureauView[]> {
    return this.ancestorsOf(await this.visible(p, code));
  }

  /** The bureau and everything below it, parents before children; `maxDepth` counts levels below the bureau. */
  async subtree(p: Principal, code: string, opts: { maxDepth?: number } = {}): Promise<BureauView[]> {
    const root = await this.visible(p, code);
    return this.db.query(
      `SELECT ${BUREAU_VIEW_COLUMNS} FROM bureaus b
       WHERE b.path LIKE $1 || '%' AND ($2::int IS NULL OR b.depth <= (SELECT depth FROM bureaus WHERE code = $3) + $2)
       ORDER BY b.path`,
      [root.path, opts.maxDepth ?? null, code],
    );
  }

  /** Contacts of one bureau, for routing and escalation (no principal). An unknown code has no contacts. */
  contactsOf(bureauCode: string): Promise<ContactView[]> {
    return this.contacts.listFor(bureauCode);
  }

  /** Short names by code, for compact labels (CLI, console); unknown codes are left out. */
  async shortNames(codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; shortName: string }[] = await this.db.query(
      `SELECT code, short_name AS "shortName" FROM bureaus WHERE code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.shortName]));
  }

  /** The bureau, or 404 if unknown / 403 if outside the principal's subtree. */
  private async visible(p: Principal, code: string): Promise<BureauView> {
    const [row] = await this.db.query(`SELECT ${BUREAU_VIEW_COLUMNS} FROM bureaus b WHERE b.code = $1`, [
      code,
    ]);
    if (!row) throw bureauNotFound(code);
    if (!row.path.startsWith(p.bureauPath)) throw outOfScope(code);
    return row;
  }

  private ancestorsOf(b: BureauView): Promise<BureauView[]> {
    const codes = b.path.split('.').filter((c) => c && c !== b.code);
    return this.db.query(
      `SELECT ${BUREAU_VIEW_COLUMNS} FROM bureaus b WHERE b.code = ANY($1) ORDER BY b.depth`,
      [codes],
    );
  }
}
