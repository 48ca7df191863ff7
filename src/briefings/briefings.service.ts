import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { ScopeService } from '../auth/scope.service';
import { Clock } from '../infrastructure/clock/clock';
import { briefingDocx } from './briefing-docx';
import { BriefingKind } from './briefing-period';
import { BriefingSubscription, BriefingSubscriptionsRepository } from './briefing-subscriptions.repository';
import { BriefingRecord } from './briefing.types';
import { briefingNotFound, subscriptionNotFound, subscriptionTarget } from './briefings.errors';
import { BriefingsRepository } from './briefings.repository';

/**
 * Reading the archive and managing subscriptions. Who may: every role reads the briefings of scopes in its own
 * subtree; admins, analysts and monitors manage the subscriptions of scopes in their subtree (heads only receive).
 */
@Injectable()
export class BriefingsService {
  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly subscriptions: BriefingSubscriptionsRepository,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  archive(p: Principal, f: { kind?: BriefingKind; scope?: string } = {}) {
    return this.briefings.archive({ pathPrefix: p.bureauPath, kind: f.kind, scopeCode: f.scope });
  }

  /** A briefing the principal may read: 404 when it does not exist, 403 outside the subtree. */
  async get(p: Principal, id: string): Promise<BriefingRecord> {
    const b = await this.briefings.get(id);
    if (!b) throw briefingNotFound(id);
    await this.scopes.assertVisible(p, b.scopeCode, 'briefing.view');
    return b;
  }

  docx(b: BriefingRecord): Promise<Buffer> {
    return briefingDocx(b.snapshot);
  }

  listSubscriptions(p: Principal): Promise<BriefingSubscription[]> {
    return this.subscriptions.list(p.bureauPath);
  }

  async subscribe(
    p: Principal,
    s: { scope: string; kind: BriefingKind; role?: string; email?: string },
  ): Promise<{ subscription: BriefingSubscription; created: boolean }> {
    if (!s.role === !s.email) throw subscriptionTarget();
    await this.scopes.authorize(p, 'briefing.subscribe', s.scope);
    return this.subscriptions.add(
      { scopeCode: s.scope, kind: s.kind, role: s.role ?? null, email: s.email ?? null },
      this.clock.now(),
    );
  }

  async unsubscribe(p: Principal, id: string): Promise<void> {
    const s = await this.subscriptions.get(id);
    if (!s) throw subscriptionNotFound(id);
    await this.scopes.authorize(p, 'briefing.subscribe', s.scopeCode);
    await this.subscriptions.remove(id);
  }
}
