import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../infrastructure/http/domain-error';
import type { Action } from './policy/permissions';
import { authorize, Subject } from './policy/policy';
import { Principal } from './roles';

/** Subtree scoping: a principal sees its own bureau and everything below it, nothing else. */
@Injectable()
export class ScopeService {
  constructor(private readonly db: DataSource) {}

  static covers(principal: Pick<Principal, 'bureauPath'>, bureauPath: string): boolean {
    return bureauPath.startsWith(principal.bureauPath);
  }

  async pathOf(code: string): Promise<string> {
    const [row] = await this.db.query(`SELECT path FROM bureaus WHERE code = $1`, [code]);
    if (!row) throw new DomainError('not_found', 'BUREAU_NOT_FOUND', `单位 ${code} 不存在`);
    return row.path;
  }

  async assertExists(code: string): Promise<void> {
    await this.pathOf(code);
  }

  /** The policy subject of something belonging to bureau `code` (null: no bureau, i.e. HQ's); 404 if unknown. */
  async subject(code: string | null): Promise<Subject> {
    return { bureauPath: code === null ? null : await this.pathOf(code) };
  }

  /** policy.ts's authorize for a subject known by its bureau code (404 for an unknown bureau). */
  async authorize(p: Principal, action: Action, code: string | null): Promise<void> {
    authorize(p, action, await this.subject(code));
  }

  /**
   * Throws 404 for an unknown bureau and 403 for one beyond the principal's reach — policy.ts's authorize, so the
   * rule and its refusal are the table's. Name the read being done; 'bureau.view' is the plain subtree rule.
   */
  async assertVisible(principal: Principal, code: string, action: Action = 'bureau.view'): Promise<void> {
    authorize(principal, action, { bureauPath: await this.pathOf(code) });
  }
}
