import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from './domain-error';

/**
 * Who may read /metrics (issue 12 point 13): a client whose address is on the allow-list (METRICS_ALLOW, default
 * loopback: a Prometheus sidecar or a reverse proxy on the same host), or any client showing METRICS_TOKEN as a
 * bearer token. The address is Express's req.ip, which honours X-Forwarded-For only from a loopback proxy.
 */
export class MetricsAccess {
  private readonly allow: Set<string>;
  private readonly tokenHash: Buffer | null;

  constructor(allowList: string, token?: string) {
    this.allow = new Set(
      allowList.trim() === 'none'
        ? []
        : allowList
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    );
    this.tokenHash = token ? sha256(token) : null;
  }

  /** Throws 401 for a wrong token, 403 for an address off the list; returns when access is granted. */
  assert(ip: string | undefined, authorization: string | undefined): void {
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer !== undefined) {
      // Hashes have equal length, so the comparison takes the same time whatever the guess.
      if (this.tokenHash && timingSafeEqual(sha256(bearer), this.tokenHash)) return;
      throw new DomainError(
        'unauthorized',
        'METRICS_BAD_TOKEN',
        'authorization: 指标令牌无效 (invalid metrics token)',
      );
    }
    if (ip && this.allow.has(ip)) return;
    throw new DomainError(
      'forbidden',
      'METRICS_FORBIDDEN',
      '仅允许白名单地址或持有指标令牌 (METRICS_TOKEN) 的客户端读取监控指标',
    );
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
