import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../infrastructure/clock/clock';
import { AppConfig } from '../infrastructure/config/app.config';
import { withAdvisoryLock } from '../infrastructure/database/migrate';
import { rootLogger } from '../infrastructure/logging/logger';
import { OutboxService } from '../notifications/outbox.service';
import { briefingDocx, briefingFileName, DOCX_TYPE } from './briefing-docx';
import { briefingEmail } from './briefing-mail';
import { BriefingFiguresService } from './briefing-figures.service';
import { BriefingKind, BriefingPeriod } from './briefing-period';
import { BriefingSubscriptionsRepository } from './briefing-subscriptions.repository';
import { BriefingsRepository } from './briefings.repository';

/** One advisory lock per kind: a second instance waits, then finds every briefing of the period already there. */
const LOCK_KEYS: Record<BriefingKind, number> = { daily: 727_014, weekly: 727_015 };

export interface BriefingRunResult {
  scope: string;
  /** sent: generated now with its mails queued; exists: an earlier run or another instance did it. */
  action: 'sent' | 'exists';
  mails: number;
}

/**
 * Generates and sends the briefings of one period: for each scope (HQ, the 36 provincial-level bureaus, and any
 * bureau someone subscribed to), the figures are computed, then the frozen row and its outbox mails are written in
 * one transaction. The unique key (kind, scope, period) makes every rerun, restart and concurrent instance a no-op.
 */
@Injectable()
export class BriefingJob {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly figures: BriefingFiguresService,
    private readonly briefings: BriefingsRepository,
    private readonly subscriptions: BriefingSubscriptionsRepository,
    private readonly outbox: OutboxService,
  ) {}

  private get log() {
    return rootLogger().child({ ctx: 'briefings' }, { level: this.app.LOG_LEVEL });
  }

  async scopes(kind: BriefingKind): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT code FROM bureaus WHERE level IN ('national','provincial') OR code = ANY($1) ORDER BY depth, code`,
      [await this.subscriptions.subscribedScopes(kind)],
    );
    return rows.map((r) => r.code);
  }

  /** Is every scope's briefing of the period there? (The scheduler's cheap check before taking the lock.) */
  async complete(p: BriefingPeriod): Promise<boolean> {
    const scopes = await this.scopes(p.kind);
    return (await this.briefings.done(p.kind, p.key, scopes)).size === scopes.length;
  }

  async run(p: BriefingPeriod): Promise<BriefingRunResult[]> {
    return withAdvisoryLock(this.ds, LOCK_KEYS[p.kind], async () => {
      const scopes = await this.scopes(p.kind);
      const done = await this.briefings.done(p.kind, p.key, scopes);
      const results: BriefingRunResult[] = [];
      for (const scope of scopes) {
        if (done.has(scope)) {
          results.push({ scope, action: 'exists', mails: 0 });
          continue;
        }
        // One scope's failure must not keep the others' briefings from going out.
        try {
          results.push(await this.runScope(p, scope));
        } catch (err) {
          this.log.error({ err, kind: p.kind, period: p.key, scope }, 'briefing failed for one scope');
        }
      }
      const sent = results.filter((r) => r.action === 'sent');
      if (sent.length)
        this.log.info(
          { kind: p.kind, period: p.key, sent: sent.length, mails: sent.reduce((n, r) => n + r.mails, 0) },
          'briefings sent',
        );
      return results;
    });
  }

  private async runScope(p: BriefingPeriod, scope: string): Promise<BriefingRunResult> {
    const now = this.clock.now();
    const snapshot = await this.figures.compute(p, scope, now);
    // Most scopes have no subscriber (an archive copy only): the Word file is made for those that do.
    const to = await this.subscriptions.recipients(p.kind, scope);
    const docx = to.length ? (await briefingDocx(snapshot)).toString('base64') : '';
    return this.ds.transaction(async (em) => {
      const b = await this.briefings.insert(em, {
        period: p,
        scopeCode: scope,
        snapshot,
        recipients: to.length,
        at: now,
      });
      if (!b) return { scope, action: 'exists', mails: 0 };
      const mail = briefingEmail(b.id, snapshot, this.app.PUBLIC_BASE_URL);
      const queued = await this.outbox.enqueueMany(
        em,
        to.map((r) => ({
          dedupeKey: `briefing:${p.kind}:${p.key}:${scope}:to:${r.email.toLowerCase()}`,
          to: r.email,
          toName: r.name,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: `briefing.${p.kind}`,
          attachments: [
            { filename: briefingFileName(snapshot, 'docx'), contentType: DOCX_TYPE, contentBase64: docx },
          ],
        })),
      );
      return { scope, action: 'sent', mails: queued.filter((r) => r.created).length };
    });
  }
}
