import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outOfScope } from '../auth/auth.errors';
import type { Principal } from '../auth/roles';
import { Clock } from '../infrastructure/clock/clock';
import { rootLogger } from '../infrastructure/logging/logger';
import {
  BureauRef,
  ContactCsvOut,
  ContactCsvRow,
  ContactInput,
  CsvIssue,
  formatContactsCsv,
  parseContactsCsv,
  validateContactRows,
} from './contacts-csv';
import { bureauNotFound, csvEmpty, csvInvalid } from './organisation.errors';
import { CONTACT_ROLES, ContactView } from './organisation.types';

/** Serialises imports: two files replacing the same bureau's contacts at once would otherwise interleave. */
const IMPORT_LOCK_KEY = 727_010;
const INSERT_BATCH = 1000;

const CONTACT_COLUMNS = `c.id::text, c.bureau_code AS "bureauCode", c.role, c.name, c.title, c.email, c.phone`;
/** head, deputy, liaison, office ($2 = CONTACT_ROLES): the order people expect in a contact list. */
const ROLE_ORDER = `array_position($2::text[], c.role)`;

/** Heads, deputies, liaisons and offices of bureaus, kept by CSV import (see importCsv for the semantics). */
@Injectable()
export class ContactsService {
  private readonly log = rootLogger().child({ ctx: 'organisation.contacts' });

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async listFor(bureauCode: string): Promise<ContactView[]> {
    return this.db.query(
      `SELECT ${CONTACT_COLUMNS} FROM bureau_contacts c WHERE c.bureau_code = $1
       ORDER BY ${ROLE_ORDER}, c.id`,
      [bureauCode, CONTACT_ROLES],
    );
  }

  /**
   * Imports a contacts CSV (see contacts-csv.ts for the columns).
   *
   * Semantics: the file is the truth for the bureaus it mentions — each of those bureaus' existing contacts are
   * deleted and replaced by the file's rows; bureaus the file does not mention are left untouched. So a province can
   * send one file for its own bureaus without erasing anybody else's, and a contact removed from a bureau's rows is
   * removed from the directory.
   *
   * All or nothing: every bad row is reported (line, column, reason) in the error's details and nothing is written
   * unless every row is valid; the write itself is one transaction.
   */
  async importCsv(
    actor: Principal,
    input: string | Uint8Array,
  ): Promise<{ bureaus: number; contacts: number }> {
    const { contacts, issues } = await this.previewCsv(actor, input);
    if (issues.length) throw csvInvalid(issues);
    if (contacts.length === 0) throw csvEmpty();
    const bureaus = [...new Set(contacts.map((c) => c.bureauCode))];
    await this.replace(bureaus, contacts);
    this.log.info(
      { actor: actor.username, bureaus: bureaus.length, contacts: contacts.length },
      'contacts imported',
    );
    return { bureaus: bureaus.length, contacts: contacts.length };
  }

  /**
   * What importCsv would do, without writing: the parsed rows, the valid contacts and every issue (line order).
   * The console's 预览 shows this; 导入 then calls importCsv, which runs the same checks.
   */
  async previewCsv(
    actor: Principal,
    input: string | Uint8Array,
  ): Promise<{ rows: ContactCsvRow[]; contacts: ContactInput[]; issues: CsvIssue[] }> {
    const parsed = parseContactsCsv(input);
    if (parsed.issues.some((i) => i.line === 1 || i.code === 'syntax'))
      return { rows: parsed.rows, contacts: [], issues: parsed.issues };
    const refs = await this.bureauRefs(
      parsed.rows.map((r) => r.bureauCode).filter(Boolean),
      parsed.rows.map((r) => r.bureauName).filter(Boolean),
    );
    const { contacts, issues } = validateContactRows(parsed.rows, refs, actor.bureauPath);
    const all = [...parsed.issues, ...issues].sort((a, b) => a.line - b.line);
    return { rows: parsed.rows, contacts, issues: all };
  }

  /**
   * Replaces one bureau's contacts with `rows` (the console's edit form; an empty list removes them all). The rows go
   * through the CSV import's validation (row n is line n; the caller checked contacts.edit on the bureau), and the
   * write is the import's transaction. Returns the issues; nothing is written unless there are none.
   */
  async replaceForBureau(
    actor: Principal,
    bureauCode: string,
    rows: Omit<ContactCsvRow, 'line' | 'bureauCode' | 'bureauName'>[],
  ): Promise<CsvIssue[]> {
    const refs = await this.bureauRefs([bureauCode], []);
    if (!refs.some((r) => r.code === bureauCode)) throw bureauNotFound(bureauCode);
    const full: ContactCsvRow[] = rows.map((r, i) => ({ ...r, line: i + 1, bureauCode, bureauName: '' }));
    const { contacts, issues } = validateContactRows(full, refs, actor.bureauPath);
    if (issues.length) return issues;
    await this.replace([bureauCode], contacts);
    this.log.info(
      { actor: actor.username, bureau: bureauCode, contacts: contacts.length },
      'contacts edited',
    );
    return [];
  }

  /** One transaction: the bureaus' contacts are deleted and replaced by `contacts` (in their line order). */
  private async replace(bureaus: string[], contacts: ContactInput[]): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK_KEY]);
      await m.query(`DELETE FROM bureau_contacts WHERE bureau_code = ANY($1)`, [bureaus]);
      for (let i = 0; i < contacts.length; i += INSERT_BATCH) {
        // Inserted in file order, so ids keep the order people wrote (several deputies stay in their order).
        await m.query(
          `INSERT INTO bureau_contacts (bureau_code, role, name, title, email, phone, updated_at)
           SELECT x."bureauCode", x.role, x.name, x.title, x.email, x.phone, $2
           FROM jsonb_to_recordset($1::jsonb)
             AS x(line int, "bureauCode" text, role text, name text, title text, email text, phone text)
           ORDER BY x.line`,
          [JSON.stringify(contacts.slice(i, i + INSERT_BATCH)), now],
        );
      }
    });
  }

  /** Every contact of the scope bureau's subtree (default: the actor's own), as a re-importable CSV. */
  async exportCsv(actor: Principal, scopeCode?: string): Promise<string> {
    const code = scopeCode ?? actor.bureauCode;
    const [scope] = await this.db.query(`SELECT path FROM bureaus WHERE code = $1`, [code]);
    if (!scope) throw bureauNotFound(code);
    if (!scope.path.startsWith(actor.bureauPath)) throw outOfScope(code);
    const rows: ContactCsvOut[] = await this.db.query(
      `SELECT ${CONTACT_COLUMNS}, b.name AS "bureauName"
       FROM bureau_contacts c JOIN bureaus b ON b.code = c.bureau_code
       WHERE b.path LIKE $1 || '%'
       ORDER BY b.path, ${ROLE_ORDER}, c.id`,
      [scope.path, CONTACT_ROLES],
    );
    return formatContactsCsv(rows);
  }

  /** The bureaus a file mentions, by code or by any of their names, with what validation needs. */
  private bureauRefs(codes: string[], names: string[]): Promise<BureauRef[]> {
    return this.db.query(
      `SELECT code, name, short_name AS "shortName", aliases, path FROM bureaus
       WHERE code = ANY($1) OR name = ANY($2) OR short_name = ANY($2) OR aliases && $2`,
      [[...new Set(codes)], [...new Set(names)]],
    );
  }
}
