import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/roles';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { PushSecrets } from '../sources/push-secrets';
import { IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion.metrics';
import { ItemStore } from './ingestion.store';
import { ItemPartitions } from './item-partitions.service';
import { checkPushItem, PushFieldError, readEnvelope } from './push-items';

export interface PushItemReport {
  index: number;
  id: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  itemId?: string;
  errors?: PushFieldError[];
}

export interface PushReport {
  sourceId: string;
  accepted: number;
  duplicates: number;
  rejected: number;
  items: PushItemReport[];
}

interface PushSourceRow {
  id: string;
  enabled: boolean;
  kind: string;
  push_secret_nonce: string | null;
  path: string | null;
}

const PUSH_ROLES = ['admin', 'monitor'];
const header = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};
const unauthorized = (code: string, message: string) => new DomainError('unauthorized', code, message);

/**
 * The push API behind POST /api/ingest/items: authenticates the pusher (the source's HMAC signature with a fresh
 * timestamp, or a bearer API token of an admin/monitor who can see the source), checks every item, stores the new
 * ones with the poller's ItemStore (same dedupe ledger, same 'pending' hand-off) and reports each item's fate.
 */
@Injectable()
export class PushService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
    private readonly auth: AuthService,
    private readonly secrets: PushSecrets,
    private readonly store: ItemStore,
    private readonly partitions: ItemPartitions,
    private readonly metrics: IngestionMetrics,
  ) {}

  async ingest(raw: Buffer | undefined, headers: IncomingHttpHeaders): Promise<PushReport> {
    if (!raw) throw new DomainError('invalid', 'PUSH_NO_BODY', '请求体为空');
    const signature = header(headers, 'x-yuqing-signature');
    const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let sourceFromSignature: string | null = null;
    let principal: Principal | null = null;
    if (signature) sourceFromSignature = await this.verifySignature(raw, headers, signature);
    else if (bearer) principal = await this.verifyToken(bearer);
    else throw unauthorized('PUSH_UNAUTHENTICATED', '需要 X-Yuqing-Signature 签名或 Bearer 令牌');

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DomainError('invalid', 'PUSH_BAD_JSON', '请求体不是有效的 JSON');
    }
    const envelope = readEnvelope(body);
    if ('problem' in envelope) throw new DomainError('invalid', 'PUSH_BAD_BODY', envelope.problem);
    if (envelope.items.length > this.config.PUSH_MAX_ITEMS) {
      throw new DomainError(
        'too_large',
        'PUSH_TOO_MANY_ITEMS',
        `一次最多推送 ${this.config.PUSH_MAX_ITEMS} 条`,
      );
    }
    let sourceId: string;
    if (sourceFromSignature) {
      if (envelope.sourceId && envelope.sourceId !== sourceFromSignature) {
        throw new DomainError('invalid', 'PUSH_SOURCE_MISMATCH', 'sourceId 与 X-Yuqing-Source 不一致');
      }
      sourceId = sourceFromSignature;
    } else {
      if (!envelope.sourceId)
        throw new DomainError('invalid', 'PUSH_SOURCE_REQUIRED', '使用令牌推送时必须提供 sourceId');
      sourceId = envelope.sourceId;
      await this.assertTokenMayPush(principal!, sourceId);
    }
    return this.storeItems(sourceId, envelope.items);
  }

  private async loadSource(id: string): Promise<PushSourceRow | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await this.db.query(
      `SELECT s.id::text, s.enabled, s.kind, s.push_secret_nonce, b.path
         FROM sources s LEFT JOIN bureaus b ON b.code = s.bureau_code WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Signed pushes: the source must exist, be a push source, and have signed "<timestamp>.<body>" recently. */
  private async verifySignature(
    raw: Buffer,
    headers: IncomingHttpHeaders,
    signature: string,
  ): Promise<string> {
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
    const source = await this.loadSource(sourceId);
    const valid =
      source?.kind === 'push' &&
      source.push_secret_nonce !== null &&
      this.secrets.verify(source.id, source.push_secret_nonce, timestamp, raw, signature);
    if (!valid) throw unauthorized('PUSH_BAD_SIGNATURE', '签名无效');
    if (!source!.enabled)
      throw new DomainError('forbidden', 'PUSH_SOURCE_DISABLED', `信息源 ${sourceId} 已停用`);
    return source!.id;
  }

  private async verifyToken(token: string): Promise<Principal> {
    const p = await this.auth.principalFromToken(token);
    if (!p) throw unauthorized('AUTH_REQUIRED', '令牌无效或已过期');
    if (!PUSH_ROLES.includes(p.role))
      throw new DomainError('forbidden', 'AUTH_ROLE_FORBIDDEN', '您的角色无权推送数据');
    return p;
  }

  private async assertTokenMayPush(p: Principal, sourceId: string): Promise<void> {
    const source = await this.loadSource(sourceId);
    const visible = source && (source.path === null || source.path.startsWith(p.bureauPath));
    if (!source || !visible)
      throw new DomainError('not_found', 'SOURCE_NOT_FOUND', `信息源 ${sourceId} 不存在`);
    if (source.kind !== 'push')
      throw new DomainError('invalid', 'SOURCE_NOT_PUSH', `信息源 ${sourceId} 不是推送类信息源`);
    if (!source.enabled)
      throw new DomainError('forbidden', 'PUSH_SOURCE_DISABLED', `信息源 ${sourceId} 已停用`);
  }

  private async storeItems(sourceId: string, rawItems: unknown[]): Promise<PushReport> {
    const now = this.clock.now();
    const checked = rawItems.map((r, i) => checkPushItem(r, i, now));
    const firstIndexOfKey = new Map<string, number>();
    for (const c of checked)
      if (c.item && !firstIndexOfKey.has(c.item.key)) firstIndexOfKey.set(c.item.key, c.index);
    const valid = checked.flatMap((c) => (c.item ? [c.item] : []));
    await this.partitions.ensureFor(now);
    const fresh = await this.db.transaction(async (m) => {
      const rows = await this.store.insertNew(m, sourceId, valid, now);
      await m.query(
        `UPDATE sources SET last_checked_at = $2, last_success_at = $2,
                last_item_at = CASE WHEN $3 THEN $2 ELSE last_item_at END, stale = stale AND NOT $3
          WHERE id = $1`,
        [sourceId, now, rows.length > 0],
      );
      return new Map(rows.map((r) => [r.key, r.id]));
    });
    const items: PushItemReport[] = checked.map((c) => {
      if (!c.item) return { index: c.index, id: c.id, status: 'rejected', errors: c.errors };
      const itemId = fresh.get(c.item.key);
      // the first occurrence of a new key was stored; repeats of it (in this request or an earlier one) are duplicates
      if (itemId && firstIndexOfKey.get(c.item.key) === c.index)
        return { index: c.index, id: c.id, status: 'accepted', itemId };
      return { index: c.index, id: c.id, status: 'duplicate' };
    });
    const count = (s: PushItemReport['status']) => items.filter((i) => i.status === s).length;
    const report = {
      sourceId,
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      items,
    };
    if (report.accepted) this.metrics.itemsStored.inc({ via: 'push' }, report.accepted);
    return report;
  }
}
