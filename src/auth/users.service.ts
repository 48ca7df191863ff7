import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { invalidId, isId } from '../infrastructure/http/parse-id.pipe';
import { AuthService } from './auth.service';
import { AuthError } from './auth.errors';
import { Principal, Role, ROLES } from './roles';
import { newSecret, sha256 } from './tokens';
import { ScopeService } from './scope.service';
import { AppConfig } from '../infrastructure/config/app.config';
import { LoginThrottleService } from './login/login-throttle.service';
import { commonPasswords } from './passwords/common-passwords';
import { passwordProblem } from './passwords/password-policy';
import { recordSecurityEvent } from './accounts/security-events';

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string;
  password?: string;
  role: Role;
  bureauCode: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  bureauCode: string;
  disabled: boolean;
  createdAt: Date;
}

const userColumns = (t = 'users') =>
  `${t}.id::text, ${t}.username, ${t}.display_name AS "displayName", ${t}.email, ${t}.role,
   ${t}.bureau_code AS "bureauCode", ${t}.disabled, ${t}.created_at AS "createdAt"`;
const USER_COLUMNS = userColumns();

/** A user named by its numeric id (API routes) or its username (CLI). */
export type UserRef = { id: string } | { username: string };

/** Accounts and API tokens, administered by admins (within their own subtree) and by the CLI (actor null). */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Refuses a weak password (issue 12 point 7) with a message naming the field. */
  private assertStrongPassword(password: string, username: string): void {
    const problem = passwordProblem({
      password,
      username,
      minLength: this.config.PASSWORD_MIN_LENGTH,
      common: commonPasswords(),
    });
    if (problem) {
      throw new AuthError('invalid', 'USER_WEAK_PASSWORD', `password: ${problem}`, { field: 'password' });
    }
  }

  async create(input: NewUser, actor: Principal | null): Promise<UserView> {
    if (!ROLES.includes(input.role)) {
      throw new AuthError('invalid', 'USER_BAD_ROLE', `role must be one of ${ROLES.join(', ')}`);
    }
    if (!/^[a-zA-Z0-9_.-]{3,64}$/.test(input.username ?? '')) {
      throw new AuthError('invalid', 'USER_BAD_USERNAME', 'username must be 3-64 letters, digits, _ . -');
    }
    // The new user's scope must lie within the admin's reach: no user scoped above (or beside) its creator.
    if (actor) await this.scope.authorize(actor, 'user.manage', input.bureauCode);
    else await this.scope.assertExists(input.bureauCode);
    if (input.password !== undefined) this.assertStrongPassword(input.password, input.username);
    const passwordHash = input.password ? await this.auth.hashPassword(input.password) : null;
    try {
      return await this.db.transaction(async (em) => {
        const [row] = await em.query(
          `INSERT INTO users (username, display_name, email, password_hash, role, bureau_code, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${USER_COLUMNS}`,
          [
            input.username,
            input.displayName ?? input.username,
            input.email ?? null,
            passwordHash,
            input.role,
            input.bureauCode,
            this.clock.now(),
          ],
        );
        // Accounts made by the CLI or the first start have no acting user; the trail records what admins do.
        if (actor) {
          await recordSecurityEvent(em, {
            userId: row.id,
            action: 'created',
            at: this.clock.now(),
            actorId: actor.userId,
            detail: { role: input.role, bureauCode: input.bureauCode },
          });
        }
        return row as UserView;
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new AuthError('conflict', 'USER_EXISTS', `user ${input.username} already exists`);
      }
      throw e;
    }
  }

  async list(actor: Principal): Promise<UserView[]> {
    return this.db.query(
      `SELECT ${userColumns('u')} FROM users u JOIN bureaus b ON b.code = u.bureau_code
       WHERE b.path LIKE $1 || '%' ORDER BY u.username`,
      [actor.bureauPath],
    );
  }

  async setDisabled(id: string, disabled: boolean, actor: Principal): Promise<UserView> {
    const [user] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    if (!user) throw new DomainError('not_found', 'USER_NOT_FOUND', `user ${id} not found`);
    await this.scope.authorize(actor, 'user.manage', user.bureauCode);
    if (disabled && id === actor.userId) {
      throw new AuthError('invalid', 'USER_SELF', '不能停用自己的账号', { field: 'id' });
    }
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE users SET disabled = $2 WHERE id = $1`, [id, disabled]);
      if (disabled) await em.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
      if (user.disabled !== disabled) {
        await recordSecurityEvent(em, {
          userId: id,
          action: disabled ? 'disabled' : 'enabled',
          at: this.clock.now(),
          actorId: actor.userId,
        });
      }
    });
    return { ...user, disabled };
  }

  /** Sets a new password (admin reset or CLI); ends the user's sessions, so the old password's sessions stop. */
  async setPassword(ref: UserRef, password: string, actor: Principal | null): Promise<void> {
    const user = await this.findUser(ref, actor);
    this.assertStrongPassword(password, user.username);
    const hashed = await this.auth.hashPassword(password);
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [user.id, hashed]);
      await em.query(`DELETE FROM sessions WHERE user_id = $1`, [user.id]);
      await recordSecurityEvent(em, {
        userId: user.id,
        action: 'password_reset',
        at: this.clock.now(),
        actorId: actor?.userId ?? null,
      });
    });
  }

  /** Lifts a login lockout before its cooldown ends; false when the account was not locked. */
  async unlock(ref: UserRef, actor: Principal | null): Promise<boolean> {
    const user = await this.findUser(ref, actor);
    return this.throttle.unlock(user.id, user.username, actor?.userId ?? null);
  }

  private async findUser(ref: UserRef, actor: Principal | null): Promise<{ id: string; username: string }> {
    const [user] =
      'id' in ref
        ? await this.db.query(`SELECT id::text, username, bureau_code FROM users WHERE id = $1`, [ref.id])
        : await this.db.query(`SELECT id::text, username, bureau_code FROM users WHERE username = $1`, [
            ref.username,
          ]);
    const name = 'id' in ref ? `id ${ref.id}` : ref.username;
    if (!user) throw new DomainError('not_found', 'USER_NOT_FOUND', `user ${name} not found`);
    if (actor) await this.scope.authorize(actor, 'user.manage', user.bureau_code);
    return user;
  }

  /** Creates a bearer token acting as `username`. The token is shown once; only its hash is kept. */
  async createToken(username: string, name: string, actor: Principal | null, expiresAt?: Date) {
    const [user] = await this.db.query(`SELECT id::text, bureau_code FROM users WHERE username = $1`, [
      username,
    ]);
    if (!user) throw new DomainError('not_found', 'USER_NOT_FOUND', `user ${username} not found`);
    if (actor) await this.scope.authorize(actor, 'token.manage', user.bureau_code);
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new AuthError('invalid', 'TOKEN_EXPIRY_PAST', 'expiresAt: 有效期必须晚于当前时间', {
        field: 'expiresAt',
      });
    }
    const token = newSecret('yst_');
    const row = await this.db.transaction(async (em) => {
      const [r] = await em.query(
        `INSERT INTO api_tokens (name, token_hash, prefix, user_id, created_by, created_at, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id::text`,
        [
          name,
          sha256(token),
          token.slice(0, 10),
          user.id,
          actor?.userId ?? null,
          this.clock.now(),
          expiresAt ?? null,
        ],
      );
      await recordSecurityEvent(em, {
        userId: user.id,
        action: 'token_created',
        at: this.clock.now(),
        actorId: actor?.userId ?? null,
        detail: { tokenId: r.id, name },
      });
      return r;
    });
    return { id: row.id as string, name, token, username };
  }

  async listTokens(actor: Principal) {
    return this.db.query(
      `SELECT t.id::text, t.name, t.prefix, u.username, t.created_at AS "createdAt", t.expires_at AS "expiresAt",
              t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt"
       FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN bureaus b ON b.code = u.bureau_code
       WHERE b.path LIKE $1 || '%' ORDER BY t.id`,
      [actor.bureauPath],
    );
  }

  async revokeToken(id: string, actor: Principal | null): Promise<void> {
    // Checked here too, not only by the routes' global id pipe: `tokens:revoke abc` reached PostgreSQL as a bigint and
    // came back as its own error.
    if (!isId(id)) throw invalidId('id', id);
    const [t] = await this.db.query(
      `SELECT u.id::text AS user_id, u.bureau_code FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.id = $1`,
      [id],
    );
    if (!t) throw new DomainError('not_found', 'TOKEN_NOT_FOUND', `token ${id} not found`);
    if (actor) await this.scope.authorize(actor, 'token.manage', t.bureau_code);
    await this.db.transaction(async (em) => {
      const [revoked]: [unknown[], number] = await em.query(
        `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, this.clock.now()],
      );
      if (revoked.length === 0) return; // revoking twice changes nothing and records nothing
      await recordSecurityEvent(em, {
        userId: t.user_id,
        action: 'token_revoked',
        at: this.clock.now(),
        actorId: actor?.userId ?? null,
        detail: { tokenId: id },
      });
    });
  }

  /** First start: create the admin named by ADMIN_USERNAME/ADMIN_PASSWORD if no admin exists yet. */
  async ensureFirstAdmin(username?: string, password?: string): Promise<boolean> {
    if (!username || !password) return false;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    if (n > 0) return false;
    await this.create(
      { username, password, role: 'admin', bureauCode: '00', displayName: '系统管理员' },
      null,
    ).catch((e) => {
      if (!(e instanceof AuthError && e.code === 'USER_EXISTS')) throw e;
    });
    return true;
  }
}
