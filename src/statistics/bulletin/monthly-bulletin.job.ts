import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { withAdvisoryLock } from '../../infrastructure/database/migrate';
import { rootLogger } from '../../infrastructure/logging/logger';
import { OutboxService } from '../../notifications/outbox.service';
import { bulletinEmail } from './bulletin-mail';
import { bulletinMonth } from './bulletin-month';
import { bulletinTables } from './bulletin-tables';
import { bulletinFileName, bulletinXlsx, XLSX_TYPE } from './bulletin-xlsx';
import { BulletinRepository } from './bulletin.repository';
import { ExplanationTasksRepository } from '../explanations/explanation-tasks.repository';
import { ExplanationTasksService } from '../explanations/explanation-tasks.service';
import { StatisticsConfig } from '../statistics.config';
import { StatisticsFiguresService } from '../figures/statistics-figures.service';
import { MonthKey } from '../figures/statistics-month';
import { BulletinRecord, MonthlySnapshot } from '../statistics.types';

const LOCK_KEY = 727_007;
export const DEFAULT_CORRECTION_NOTE = '发布后数据发生变化，重新生成';

export interface BulletinRunOptions {
  /** Publish (email, explanation tasks) — default true; false leaves a draft to look at. */
  publish?: boolean;
  /** Only these scopes (default: HQ and the 36 provincial-level bureaus). */
  scopes?: string[];
  /** The note of a correction, when figures changed after publication. */
  note?: string;
  actorLabel?: string;
}

export interface BulletinRunResult {
  scope: string;
  version: number;
  /** created: first version; regenerated: a draft computed again; unchanged: published and still right;
   *  corrected: published, figures changed since, so a new version. */
  action: 'created' | 'regenerated' | 'unchanged' | 'corrected';
  published: boolean;
  mails: number;
  tasks: number;
}

/** The hash of what a bulletin says (everything but the computation time). */
export function figuresHash(s: MonthlySnapshot): string {
  const { asOf: _asOf, ...figures } = s;
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}

/**
 * The monthly bulletin (按月统计通报): computes each scope's figures once per month, freezes them in
 * statistics_bulletins, and on publication emails the workbook and opens the explanation tasks — in one transaction
 * per scope. Idempotent: a rerun regenerates a draft in place, leaves a published bulletin alone when its figures
 * are unchanged, and publishes a correction (a new version with a note) when they changed. Never a duplicate.
 */
@Injectable()
export class MonthlyBulletinJob {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly config: StatisticsConfig,
    private readonly figures: StatisticsFiguresService,
    private readonly bulletins: BulletinRepository,
    private readonly tasks: ExplanationTasksService,
    private readonly taskRepo: ExplanationTasksRepository,
    private readonly outbox: OutboxService,
  ) {}

  private get log() {
    return rootLogger().child({ ctx: 'statistics' }, { level: this.app.LOG_LEVEL });
  }

  /** HQ first, then the 36 provincial-level bureaus (incl. the five 计划单列市). */
  async bulletinScopes(): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT code FROM bureaus WHERE level IN ('national','provincial') ORDER BY depth, code`,
    );
    return rows.map((r) => r.code);
  }

  /** Has every scope's bulletin of this month been published? */
  async sent(month: MonthKey): Promise<boolean> {
    const scopes = await this.bulletinScopes();
    const [row] = await this.ds.query(
      `SELECT count(DISTINCT scope_code)::int AS n FROM statistics_bulletins
        WHERE month = $1 AND status = 'published' AND scope_code = ANY($2)`,
      [month, scopes],
    );
    return row.n === scopes.length;
  }

  /** Refused (nothing stored, sent or opened) for a month not begun, and for publication before its end. */
  async run(month: MonthKey, opts: BulletinRunOptions = {}): Promise<BulletinRunResult[]> {
    bulletinMonth(month, this.clock.now(), opts.publish ?? true);
    const scopes = opts.scopes ?? (await this.bulletinScopes());
    return withAdvisoryLock(this.ds, LOCK_KEY, async () => {
      const results: BulletinRunResult[] = [];
      for (const scope of scopes) {
        // One scope's failure (a bad contact row, a broken figure) must not stop the other bulletins.
        try {
          results.push(await this.runScope(month, scope, opts));
        } catch (e) {
          this.log.error({ err: e, month, scope }, 'monthly bulletin failed for one scope');
          if (scopes.length === 1) throw e;
        }
      }
      this.log.info(
        { month, results: results.map((r) => `${r.scope}:v${r.version}:${r.action}`) },
        'monthly bulletin run',
      );
      return results;
    });
  }

  private async runScope(
    month: MonthKey,
    scope: string,
    opts: BulletinRunOptions,
  ): Promise<BulletinRunResult> {
    const now = this.clock.now();
    const actor = opts.actorLabel ?? '系统';
    const snapshot = await this.figures.compute(month, scope, now);
    const hash = figuresHash(snapshot);
    return this.ds.transaction(async (em) => {
      const latest = await this.bulletins.latest(month, scope, { db: em, lock: true });
      let b: BulletinRecord;
      let action: BulletinRunResult['action'];
      if (!latest) {
        b = await this.bulletins.insert(em, {
          month,
          scopeCode: scope,
          version: 1,
          snapshot,
          hash,
          note: null,
          at: now,
        });
        action = 'created';
      } else if (latest.status === 'draft') {
        b = await this.bulletins.replaceDraft(em, latest.id, snapshot, hash, now);
        action = 'regenerated';
      } else if (latest.figuresHash === hash) {
        b = latest;
        action = 'unchanged';
      } else {
        const note = opts.note?.trim() || DEFAULT_CORRECTION_NOTE;
        b = await this.bulletins.insert(em, {
          month,
          scopeCode: scope,
          version: latest.version + 1,
          snapshot,
          hash,
          note,
          at: now,
        });
        action = 'corrected';
      }
      if (action !== 'unchanged') {
        await this.bulletins.event(em, {
          at: now,
          month,
          scopeCode: scope,
          bulletinId: b.id,
          action,
          actorLabel: actor,
          detail: { version: b.version, note: b.note },
        });
      }
      const result: BulletinRunResult = {
        scope,
        version: b.version,
        action,
        published: b.status === 'published',
        mails: 0,
        tasks: 0,
      };
      if ((opts.publish ?? true) && b.status === 'draft') {
        await this.bulletins.publish(em, b.id, now);
        b = { ...b, status: 'published', publishedAt: now.toISOString() };
        result.tasks = (await this.tasks.createForBulletin(em, b, now, actor)).length;
        result.mails = await this.mail(em, b);
        result.published = true;
        await this.bulletins.event(em, {
          at: now,
          month,
          scopeCode: scope,
          bulletinId: b.id,
          action: 'published',
          actorLabel: actor,
          detail: { version: b.version, mails: result.mails },
        });
      }
      return result;
    });
  }

  /** HQ: STATISTICS_HQ_RECIPIENTS and HQ's office; a province: its head and office. */
  async recipients(
    scope: string,
    db: DataSource | EntityManager = this.ds,
  ): Promise<{ email: string; name?: string }[]> {
    const roles = scope === '00' ? ['office'] : ['head', 'office'];
    const contacts: { email: string; name: string }[] = await db.query(
      `SELECT email, name FROM bureau_contacts WHERE bureau_code = $1 AND role = ANY($2) ORDER BY array_position($2, role), id`,
      [scope, roles],
    );
    const all = [
      ...(scope === '00' ? this.config.STATISTICS_HQ_RECIPIENTS.map((email) => ({ email })) : []),
      ...contacts,
    ];
    const seen = new Set<string>();
    return all.filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()));
  }

  private async mail(em: EntityManager, b: BulletinRecord): Promise<number> {
    const s = b.snapshot;
    const tasks = await this.taskRepo.list(s.month, s.scope.code, em);
    const xlsx = await bulletinXlsx(s, bulletinTables(s, tasks));
    const mail = bulletinEmail(b, s, tasks, this.app.PUBLIC_BASE_URL);
    const to = await this.recipients(s.scope.code, em);
    if (to.length === 0)
      this.log.warn({ month: s.month, scope: s.scope.code }, 'bulletin published without recipients on file');
    const results = await this.outbox.enqueueMany(
      em,
      to.map((r) => ({
        dedupeKey: `statistics:${s.month}:${s.scope.code}:v${b.version}:to:${r.email.toLowerCase()}`,
        to: r.email,
        toName: r.name,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        kind: 'statistics.monthly',
        attachments: [
          {
            filename: bulletinFileName(s, 'xlsx').utf8,
            contentType: XLSX_TYPE,
            contentBase64: xlsx.toString('base64'),
          },
        ],
      })),
    );
    return results.filter((r) => r.created).length;
  }
}
