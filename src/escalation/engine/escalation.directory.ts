import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationService } from '../../organisation/organisation.service';
import { CONTACT_ROLES, ContactRole, ContactView } from '../../organisation/organisation.types';
import type { Recipient, StepTarget } from '../escalation.types';

export interface BureauNode {
  code: string;
  name: string;
  shortName: string;
  parentCode: string | null;
  path: string;
}

/** Who a step reaches, and which bureaus were passed over for having no contact on file. */
export interface ResolvedTarget {
  recipients: Recipient[];
  /** The bureau whose contacts were used (null: none up to HQ, or above HQ). */
  bureau: BureauNode | null;
  /** The step's own bureau when it had to fall back, then every further bureau without contacts. */
  fallbackFrom: string[];
}

/**
 * The organisation directory as escalation reads it: the bureau tree (static, loaded once) and contacts through
 * OrganisationService.contactsOf. A `ContactLookup` caches contacts for one unit of work (an engine batch, one start)
 * and can prefetch many bureaus in one query with the same order contactsOf uses (head, deputy, liaison, office).
 */
@Injectable()
export class EscalationDirectory {
  private tree: Map<string, BureauNode> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly organisation: OrganisationService,
  ) {}

  async bureaus(): Promise<Map<string, BureauNode>> {
    if (!this.tree) {
      const rows: BureauNode[] = await this.db.query(
        `SELECT code, name, short_name AS "shortName", parent_code AS "parentCode", path FROM bureaus`,
      );
      this.tree = new Map(rows.map((r) => [r.code, r]));
    }
    return this.tree;
  }

  async bureau(code: string): Promise<BureauNode | null> {
    return (await this.bureaus()).get(code) ?? null;
  }

  /** The bureau `up` levels above `code` (0 = itself), or null above HQ. */
  async ancestor(code: string, up: number): Promise<BureauNode | null> {
    const tree = await this.bureaus();
    let node = tree.get(code) ?? null;
    for (let i = 0; i < up && node; i++) node = node.parentCode ? (tree.get(node.parentCode) ?? null) : null;
    return node;
  }

  lookup(): ContactLookup {
    return new ContactLookup(this);
  }

  /** Contacts of many bureaus in one query (engine batches). */
  async contactsMany(codes: string[]): Promise<Map<string, ContactView[]>> {
    const rows: ContactView[] = await this.db.query(
      `SELECT c.id::text, c.bureau_code AS "bureauCode", c.role, c.name, c.title, c.email, c.phone
         FROM bureau_contacts c WHERE c.bureau_code = ANY($1)
        ORDER BY c.bureau_code, array_position($2::text[], c.role), c.id`,
      [codes, CONTACT_ROLES],
    );
    const out = new Map<string, ContactView[]>(codes.map((c) => [c, []]));
    for (const r of rows) out.get(r.bureauCode)!.push(r);
    return out;
  }

  contactsOf(code: string): Promise<ContactView[]> {
    return this.organisation.contactsOf(code);
  }
}

export class ContactLookup {
  private readonly cache = new Map<string, ContactView[]>();

  constructor(private readonly dir: EscalationDirectory) {}

  /** Loads these bureaus and all their ancestors at once. */
  async prefetch(codes: string[]): Promise<void> {
    const tree = await this.dir.bureaus();
    const all = new Set<string>();
    for (const code of codes) {
      for (let n = tree.get(code); n; n = n.parentCode ? tree.get(n.parentCode) : undefined) all.add(n.code);
    }
    const missing = [...all].filter((c) => !this.cache.has(c));
    if (missing.length === 0) return;
    for (const [code, contacts] of await this.dir.contactsMany(missing)) this.cache.set(code, contacts);
  }

  async contacts(code: string): Promise<ContactView[]> {
    let c = this.cache.get(code);
    if (!c) {
      c = await this.dir.contactsOf(code);
      this.cache.set(code, c);
    }
    return c;
  }

  /** The first bureau from `code` upwards that has any contact, with the ones passed over. */
  async firstWithContacts(code: string): Promise<{ bureau: BureauNode | null; fallbackFrom: string[] }> {
    const fallbackFrom: string[] = [];
    for (
      let node = await this.dir.bureau(code);
      node;
      node = node.parentCode ? await this.dir.bureau(node.parentCode) : null
    ) {
      if ((await this.contacts(node.code)).length > 0) return { bureau: node, fallbackFrom };
      fallbackFrom.push(node.code);
    }
    return { bureau: null, fallbackFrom };
  }

  /**
   * The people of `target` counted from `baseCode`. A bureau with no contact at all escalates straight to its parent
   * (recorded in fallbackFrom); a bureau that has contacts but none in the step's roles resolves to nobody.
   */
  async resolve(baseCode: string, target: StepTarget): Promise<ResolvedTarget> {
    const start = await this.dir.ancestor(baseCode, target.up);
    if (!start) return { recipients: [], bureau: null, fallbackFrom: [] };
    const { bureau, fallbackFrom } = await this.firstWithContacts(start.code);
    if (!bureau) return { recipients: [], bureau: null, fallbackFrom };
    return {
      recipients: toRecipients(await this.contacts(bureau.code), bureau, target.roles),
      bureau,
      fallbackFrom,
    };
  }
}

export function toRecipients(
  contacts: ContactView[],
  bureau: BureauNode,
  roles: readonly ContactRole[],
): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const c of contacts) {
    const key = c.email.trim().toLowerCase();
    if (!roles.includes(c.role) || seen.has(key)) continue;
    seen.add(key);
    out.push({
      name: c.name,
      email: c.email.trim(),
      role: c.role,
      bureauCode: bureau.code,
      bureauName: bureau.name,
    });
  }
  return out;
}
