import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../infrastructure/http/input-scan';
import { IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion.metrics';
import { ItemStore } from './ingestion.store';
import { ItemPartitions } from './item-partitions.service';
import { PushAuth, PushAuthenticator, PushSourceRow } from './push-auth';
import { decodePushBody } from './push-charset';
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

/**
 * The push API behind POST /api/ingest/items: with the pusher already authenticated on headers (PushIntake), checks
 * the signature over the body, decodes it by its declared charset, checks every item, stores the new ones with the
 * poller's ItemStore (same dedupe ledger, same 'pending' hand-off) and reports each item's fate.
 */
@Injectable()
export class PushService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IngestionConfig,
    private readonly authenticator: PushAuthenticator,
    private readonly store: ItemStore,
    private readonly partitions: ItemPartitions,
    private readonly metrics: IngestionMetrics,
  ) {}

  async ingest(
    auth: PushAuth | undefined,
    raw: Buffer | undefined,
    contentType?: string,
  ): Promise<PushReport> {
    if (!auth)
      throw new DomainError(
        'unauthorized',
        'PUSH_UNAUTHENTICATED',
        '需要 X-Yuqing-Signature 签名或 Bearer 令牌',
      );
    if (!raw) throw new DomainError('invalid', 'PUSH_NO_BODY', '请求体为空');
    const signedSource = auth.kind === 'signature' ? this.authenticator.verifyBody(auth, raw) : null;
    const text = decodePushBody(raw, contentType);
    // The API's nesting rule (README, input-scan.ts) decided on the text, before JSON.parse: 2,000,000 nested `[`
    // fit in 4 MB and would cost seconds and hundreds of MB to parse only to be rejected item by item. The scan is
    // on the decoded text, not the bytes: a GBK trail byte can be 0x5B `[` or 0x7B `{`.
    if (jsonTextTooDeep(text)) {
      throw new DomainError(
        'invalid',
        'PUSH_TOO_DEEP',
        `请求体 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层（JSON nested deeper than ${MAX_JSON_DEPTH} levels）`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      if (e instanceof DomainError) throw e;
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
    let source: PushSourceRow;
    if (auth.kind === 'signature') {
      if (envelope.sourceId && envelope.sourceId !== signedSource) {
        throw new DomainError('invalid', 'PUSH_SOURCE_MISMATCH', 'sourceId 与 X-Yuqing-Source 不一致');
      }
      source = auth.source;
    } else {
      if (!envelope.sourceId)
        throw new DomainError('invalid', 'PUSH_SOURCE_REQUIRED', '使用令牌推送时必须提供 sourceId');
      source = await this.authenticator.assertTokenMayPush(auth.principal, envelope.sourceId);
    }
    return this.storeItems(source.id, envelope.items, PushAuthenticator.scopeOf(auth, source));
  }

  private async storeItems(sourceId: string, rawItems: unknown[], scope: string | null): Promise<PushReport> {
    const now = this.clock.now();
    const checked = rawItems.map((r, i) => checkPushItem(r, i, now));
    const firstIndexOfKey = new Map<string, number>();
    for (const c of checked)
      if (c.item && !firstIndexOfKey.has(c.item.key)) firstIndexOfKey.set(c.item.key, c.index);
    const valid = checked.flatMap((c) => (c.item ? [c.item] : []));
    await this.partitions.ensureFor(now);
    const fresh = await this.db.transaction(async (m) => {
      const rows = await this.store.insertNew(m, sourceId, valid, now, scope);
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
