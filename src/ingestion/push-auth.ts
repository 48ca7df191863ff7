import { Injectable } from '@nestjs/common';
import { assertRoleMay } from '../auth/policy/policy';
import type { IncomingHttpHeaders } from 'node:http';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/roles';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { PushSecrets } from '../sources/push-secrets';
import { IngestionConfig } from './ingestion.config';

export interface PushSourceRow {
  id: string;
  enabled: boolean;
  kind: string;
  push_secret_nonce: string | null;
  bureau_code: string | null;
  path: string | null;
}

/** Who pushes, as far as the headers tell: a source's signature (checked against the body later) or a token user. */
export type PushAuth =
  | { kind: 'signature'; source: PushSourceRow; timestamp: string; signature: string }
  | { kind: 'token'; principal: Principal };

const SIGNATURE = /^sha256=[0-9a-f]{64}$/i;
const header = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};
const unauthorized = (code: string, message: string) => new DomainError('unauthorized', code, message);
const isNational = (path: string) => path.split('.').filter(Boolean).length <= 1;

/**
 * Authentication of POST /api/ingest/items in two steps, so that nobody gets a body buffered without credentials
 * (issue 12 point 6): `fromHeaders` runs before a byte of the body is read and settles everything a header can
 * settle (token, role, timestamp, source, signature syntax); `verifyBody` then checks the HMAC over the raw bytes.
 */
@Injectable()
export class PushAuthenticator {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
    private readonly auth: AuthService,
    private readonly secrets: PushSecrets,
  ) {}

  async fromHeaders(headers: IncomingHttpHeaders): Promise<PushAuth> {
    const signature = header(headers, 'x-yuqing-signature');
    const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (signature) return this.signatureHeaders(headers, signature.trim());
    if (bearer) return { kind: 'token', principal: await this.verifyToken(bearer) };
    throw unauthorized('PUSH_UNAUTHENTICATED', '需要 X-Yuqing-Signature 签名或 Bearer 令牌');
  }

  /** The signed source's id once the HMAC over "<timestamp>.<raw body>" matches. */
  verifyBody(auth: Extract<PushAuth, { kind: 'signature' }>, raw: Buffer): string {
    const { source } = auth;
    if (!this.secrets.verify(source.id, source.push_secret_nonce!, auth.timestamp, raw, auth.signature)) {
      throw unauthorized('PUSH_BAD_SIGNATURE', '签名无效');
    }
    if (!source.enabled)
      throw new DomainError('forbidden', 'PUSH_SOURCE_DISABLED', `信息源 ${source.id} 已停用`);
    return source.id;
  }

  /** A token user may push into a push source they can see (their subtree, or a national source). */
  async assertTokenMayPush(p: Principal, sourceId: string): Promise<PushSourceRow> {
    const source = await this.loadSource(sourceId);
    const visible = source && (source.path === null || source.path.startsWith(p.bureauPath));
    if (!source || !visible)
      throw new DomainError('not_found', 'SOURCE_NOT_FOUND', `信息源 ${sourceId} 不存在`);
    if (source.kind !== 'push')
      throw new DomainError('invalid', 'SOURCE_NOT_PUSH', `信息源 ${sourceId} 不是推送类信息源`);
    if (!source.enabled)
      throw new DomainError('forbidden', 'PUSH_SOURCE_DISABLED', `信息源 ${sourceId} 已停用`);
    return source;
  }

  /**
   * The bureau whose subtree the pushed items must stay in (issue 12 point 5), or null for no limit: the source's
   * own bureau when it has one, else (a national source) the token user's bureau. A signed push to a national source
   * is national: only headquarters administers those and their secrets.
   */
  static scopeOf(auth: PushAuth, source: PushSourceRow): string | null {
    if (source.bureau_code && source.path && !isNational(source.path)) return source.bureau_code;
    if (auth.kind === 'token' && !isNational(auth.principal.bureauPath)) return auth.principal.bureauCode;
    return null;
  }

  async loadSource(id: string): Promise<PushSourceRow | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await this.db.query(
      `SELECT s.id::text, s.enabled, s.kind, s.push_secret_nonce, s.bureau_code, b.path
         FROM sources s LEFT JOIN bureaus b ON b.code = s.bureau_code WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async signatureHeaders(headers: IncomingHttpHeaders, signature: string): Promise<PushAuth> {
    const sourceId = header(headers, 'x-yuqing-source')?.trim() ?? '';
    const timestamp = header(headers, 'x-yuqing-timestamp')?.trim() ?? '';
    if (!/^\d{1,12}$/.test(timestamp)) {
      throw unauthorized('PUSH_BAD_TIMESTAMP', 'X-Yuqing-Timestamp 必须是 Unix 时间戳（秒）');
    }
    const skew = Math.abs(this.clock.now().getTime() / 1000 - Number(timestamp));
    if (skew > this.config.PUSH_MAX_SKEW_SECONDS) {
      throw unauthorized(
        'PUSH_STALE_TIMESTAMP',
        `签名时间与服务器时间相差超过 ${this.config.PUSH_MAX_SKEW_SECONDS} 秒（可能是重放）`,
      );
    }
    const source = SIGNATURE.test(signature) ? await this.loadSource(sourceId) : null;
    // An unknown source and a malformed signature answer alike: the reply must not reveal which source ids exist.
    if (source?.kind !== 'push' || source.push_secret_nonce === null)
      throw unauthorized('PUSH_BAD_SIGNATURE', '签名无效');
    return { kind: 'signature', source, timestamp, signature };
  }

  private async verifyToken(token: string): Promise<Principal> {
    const p = await this.auth.principalFromToken(token);
    if (!p) throw unauthorized('AUTH_REQUIRED', '令牌无效或已过期');
    assertRoleMay(p.role, 'item.push');
    return p;
  }
}
