import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { DomainError } from '../../infrastructure/http/domain-error';
import { AuthError } from '../auth.errors';
import { commonPasswords } from '../passwords/common-passwords';
import { Principal, Role, ROLES } from '../roles';
import { ScopeService } from '../scope.service';
import { UsersService } from '../users.service';
import { oneTimePassword } from './one-time-password';
import { recordSecurityEvent } from './security-events';

/** A user as the users pages show it: the account plus its lock and its bureau's name. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  bureauCode: string;
  bureauName: string;
  disabled: boolean;
  locked: boolean;
  hasPassword: boolean;
  createdAt: Date;
}

export interface SecurityEventRow {
  action: string;
  at: Date;
  actor: string | null;
  detail: Record<string, unknown>;
}

const ACCOUNT_SELECT = `SELECT u.id::text, u.username, u.display_name AS "displayName", u.email, u.role,
    u.bureau_code AS "bureauCode", b.name AS "bureauName", u.disabled,
    coalesce(u.locked_until > $1, false) AS locked, u.password_hash IS NOT NULL AS "hasPassword",
    u.created_at AS "createdAt"
  FROM users u JOIN bureaus b ON b.code = u.bureau_code`;

/**
 * What the users pages do beyond UsersService: change a user's role and scope, hand out a one-time password, and
 * read accounts with their lock state. Every change is authorized by 'user.manage' (src/auth/policy) and recorded
 * in user_security_events in its own transaction.
 */
@Injectable()
export class AccountAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly users: UsersService,
  ) {}

  /** Accounts in the admin's subtree, by bureau then username. */
  async list(actor: Principal): Promise<AccountRow[]> {
    return this.db.query(`${ACCOUNT_SELECT} WHERE b.path LIKE $2 || '%' ORDER BY b.path, u.username`, [
      this.clock.now(),
      actor.bureauPath,
    ]);
  }

  /** One account (404 unknown, 403 outside the admin's reach) with its most recent security events. */
  async get(actor: Principal, id: string): Promise<{ account: AccountRow; events: SecurityEventRow[] }> {
    const [account]: AccountRow[] = await this.db.query(`${ACCOUNT_SELECT} WHERE u.id = $2`, [
      this.clock.now(),
      id,
    ]);
    if (!account) throw new DomainError('not_found', 'USER_NOT_FOUND', `用户 ${id} 不存在`);
    await this.scope.authorize(actor, 'user.manage', account.bureauCode);
    const events: SecurityEventRow[] = await this.db.query(
      `SELECT e.action, e.at, a.username AS actor, e.detail FROM user_security_events e
       LEFT JOIN users a ON a.id = e.actor_id WHERE e.user_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 20`,
      [id],
    );
    return { account, events };
  }

  /**
   * Changes role and scope. Both the user's current bureau and the new one must be within the admin's reach, and an
   * admin cannot change its own account (it could lock itself out of administration).
   */
  async changeRole(actor: Principal, id: string, role: string, bureauCode: string): Promise<AccountRow> {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new AuthError('invalid', 'USER_BAD_ROLE', `role: 角色必须是 ${ROLES.join('、')} 之一`, {
        field: 'role',
      });
    }
    if (!/^[0-9]{2,6}$/.test(bureauCode)) {
      throw new AuthError('invalid', 'USER_BAD_BUREAU', 'bureauCode: 请选择所属单位', {
        field: 'bureauCode',
      });
    }
    const { account } = await this.get(actor, id);
    if (id === actor.userId) {
      throw new AuthError('invalid', 'USER_SELF', '不能修改自己的角色或管辖范围', { field: 'id' });
    }
    await this.scope.authorize(actor, 'user.manage', bureauCode);
    if (account.role === role && account.bureauCode === bureauCode) return account;
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE users SET role = $2, bureau_code = $3 WHERE id = $1`, [id, role, bureauCode]);
      // Open sessions carry the old scope's expectations; the user logs in again under the new one.
      await em.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
      await recordSecurityEvent(em, {
        userId: id,
        action: 'role_changed',
        at: this.clock.now(),
        actorId: actor.userId,
        detail: { from: { role: account.role, bureauCode: account.bureauCode }, to: { role, bureauCode } },
      });
    });
    return (await this.get(actor, id)).account;
  }

  /** Sets a random password (returned once, never stored in clear) through the ordinary reset path. */
  async resetToOneTimePassword(actor: Principal, id: string): Promise<string> {
    const password = oneTimePassword(this.config.PASSWORD_MIN_LENGTH, commonPasswords());
    await this.users.setPassword({ id }, password, actor);
    return password;
  }

  /** A new account with a one-time password shown once to the admin who creates it. */
  async createWithOneTimePassword(
    actor: Principal,
    input: { username: string; displayName?: string; email?: string; role: Role; bureauCode: string },
  ): Promise<{ id: string; password: string }> {
    const password = oneTimePassword(this.config.PASSWORD_MIN_LENGTH, commonPasswords());
    const user = await this.users.create({ ...input, password }, actor);
    return { id: user.id, password };
  }
}
