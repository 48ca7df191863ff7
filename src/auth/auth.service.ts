import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hash, verify } from '@node-rs/argon2';
import { Clock } from '../infrastructure/clock/clock';
import { AppConfig } from '../infrastructure/config/app.config';
import { badCredentials } from './auth.errors';
import { LoginThrottleService } from './login/login-throttle.service';
import { Principal, Role } from './roles';
import { newSecret, sha256 } from './tokens';

interface PrincipalRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  bureau_code: string;
  path: string;
}

const PRINCIPAL_SELECT = `SELECT u.id::text, u.username, u.display_name, u.role, u.bureau_code, b.path
  FROM users u JOIN bureaus b ON b.code = u.bureau_code`;

function toPrincipal(r: PrincipalRow, via: Principal['via']): Principal {
  return {
    userId: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    bureauCode: r.bureau_code,
    bureauPath: r.path,
    via,
  };
}

/** Passwords (argon2id), sessions and bearer tokens. Stores only hashes of secrets. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
  ) {}

  hashPassword(password: string): Promise<string> {
    return hash(password);
  }

  /** Throttled per address and per account (LoginThrottleService); every refusal is logged and counted. */
  async login(username: string, password: string, meta: { ip?: string; userAgent?: string }) {
    await this.throttle.assertAllowed(username, meta.ip);
    const [row] = await this.db.query(
      `SELECT id::text, password_hash FROM users WHERE username = $1 AND NOT disabled`,
      [username],
    );
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
    const stored = row?.password_hash ?? DUMMY_HASH;
    const ok = await verify(stored, password).catch(() => false);
    if (!row || !row.password_hash || !ok) {
      await this.throttle.recordFailure(username, meta.ip, row?.id ?? null);
      throw badCredentials();
    }
    await this.throttle.recordSuccess(username);
    const secret = newSecret('s_');
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3600_000);
    await this.db.query(
      `INSERT INTO sessions (id, user_id, created_at, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5,$6)`,
      [sha256(secret), row.id, now, expires, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
    );
    return { secret, expires };
  }

  /** `secret` is what the cookie held: anything but a string (cookie-parser's `j:` JSON) is no session. */
  async logout(secret: unknown): Promise<void> {
    if (typeof secret !== 'string') return;
    await this.db.query(`DELETE FROM sessions WHERE id = $1`, [sha256(secret)]);
  }

  async principalFromSession(secret: unknown): Promise<Principal | null> {
    if (typeof secret !== 'string' || secret === '') return null;
    const rows: PrincipalRow[] = await this.db.query(
      `${PRINCIPAL_SELECT} JOIN sessions s ON s.user_id = u.id
       WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [sha256(secret), this.clock.now()],
    );
    return rows[0] ? toPrincipal(rows[0], 'session') : null;
  }

  async principalFromToken(token: string): Promise<Principal | null> {
    const now = this.clock.now();
    const rows: (PrincipalRow & { token_id: string })[] = await this.db.query(
      `${PRINCIPAL_SELECT} JOIN api_tokens t ON t.user_id = u.id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
         AND NOT u.disabled`,
      [sha256(token), now],
    );
    if (!rows[0]) return null;
    await this.db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1`, [
      sha256(token),
      now,
    ]);
    return toPrincipal(rows[0], 'token');
  }
}

// argon2id hash of a random string nobody knows; used only to equalise timing.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0I1x5bH0xv3mUQp5V0c0f2Q1fF4zYyq2m2mYk8cT7yA';
