import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationService } from '../../organisation/organisation.service';
import { Principal } from '../roles';
import type { TokenRow } from './tokens.view';
import type { BureauOption } from './user-pages.parts';

const PICKER_LIMIT = 10;

/** Reads the users pages need beside the account services: picker options, bureau names, tokens. */
@Injectable()
export class UserPagesService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrganisationService,
  ) {}

  /**
   * The picker's radio buttons: the bureau already chosen (if the admin may give it), then the matches of the query
   * within the admin's subtree — with no query, its own bureau and the first ones below it.
   */
  async bureauOptions(p: Principal, q: string, selected: string | null): Promise<BureauOption[]> {
    const found = await this.org.search(p, q, { limit: PICKER_LIMIT });
    const options = found.map((b) => ({ code: b.code, name: b.name }));
    if (selected && !options.some((o) => o.code === selected)) {
      const [row] = await this.db.query(
        `SELECT code, name FROM bureaus WHERE code = $1 AND path LIKE $2 || '%'`,
        [selected, p.bureauPath],
      );
      if (row) options.unshift({ ...row, kept: true });
    }
    return options;
  }

  async bureauName(code: string): Promise<string> {
    const [row] = await this.db.query(`SELECT name FROM bureaus WHERE code = $1`, [code]);
    return row?.name ?? code;
  }

  async tokensOf(userId: string): Promise<TokenRow[]> {
    return this.db.query(
      `SELECT t.id::text, t.name, t.prefix, u.username, t.created_at AS "createdAt", t.expires_at AS "expiresAt",
              t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt"
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.user_id = $1 ORDER BY t.id DESC`,
      [userId],
    );
  }
}
