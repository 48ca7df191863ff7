import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../infrastructure/config/app.config';
import { rootLogger } from '../infrastructure/logging/logger';
import { SourceError } from './sources.errors';

const DEV_KEY = 'yuqing-sentinel-development-only-secret-key';

/**
 * HMAC secrets of push sources. A secret is derived from SECRET_KEY, the source id and a per-source nonce
 * (rotation = new nonce), so the database holds no secret at all and a leaked dump cannot forge pushes; the secret
 * itself is shown once, when it is issued.
 *
 * Signature a pusher sends: `X-Yuqing-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. The
 * timestamp (X-Yuqing-Timestamp, Unix seconds) is part of the signed text: signing the body alone would let anyone
 * replay a captured request with a fresh timestamp.
 */
@Injectable()
export class PushSecrets {
  private warned = false;

  constructor(private readonly config: AppConfig) {}

  private masterKey(): string {
    if (this.config.SECRET_KEY) return this.config.SECRET_KEY;
    if (this.config.NODE_ENV === 'production') {
      throw new SourceError('unavailable', 'PUSH_SECRET_KEY_MISSING', '未配置 SECRET_KEY，无法签发推送密钥');
    }
    if (!this.warned) {
      this.warned = true;
      rootLogger().warn({ ctx: 'push-secrets' }, 'SECRET_KEY is not set: push secrets use a development key');
    }
    return DEV_KEY;
  }

  newNonce(): string {
    return randomBytes(16).toString('base64url');
  }

  secretFor(sourceId: string, nonce: string): string {
    const mac = createHmac('sha256', this.masterKey())
      .update(`push-source:${sourceId}:${nonce}`)
      .digest('base64url');
    return `ysp_${mac}`;
  }

  static prefixOf(secret: string): string {
    return secret.slice(0, 10);
  }

  static sign(secret: string, timestamp: string, body: Buffer | string): string {
    return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  }

  /** Constant-time check of a `sha256=<hex>` header. */
  verify(sourceId: string, nonce: string, timestamp: string, body: Buffer, header: string): boolean {
    const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
    if (!m) return false;
    const expected = Buffer.from(PushSecrets.sign(this.secretFor(sourceId, nonce), timestamp, body), 'hex');
    return timingSafeEqual(expected, Buffer.from(m[1].toLowerCase(), 'hex'));
  }
}
