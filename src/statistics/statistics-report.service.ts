import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { ScopeService } from '../auth/scope.service';
import { Clock } from '../infrastructure/clock/clock';
import { bulletinCsv } from './bulletin/bulletin-csv';
import { bulletinTables, wideTable } from './bulletin/bulletin-tables';
import { bulletinXlsx } from './bulletin/bulletin-xlsx';
import { BulletinRepository } from './bulletin/bulletin.repository';
import { ExplanationTasksRepository } from './explanations/explanation-tasks.repository';
import { viewableMonth } from './bulletin/bulletin-month';
import { badMonth } from './statistics.errors';
import { StatisticsFiguresService } from './figures/statistics-figures.service';
import { addMonths, isMonthKey, MonthKey, monthOf } from './figures/statistics-month';
import { renderPrintView } from './views/statistics-print.view';
import { MonthlyReport } from './statistics.types';

/**
 * What the API, the pages and the CLI show for a month and scope: the latest PUBLISHED bulletin's frozen snapshot when
 * there is one (later edits never change it silently), otherwise the figures computed now ("实时计算", not stored).
 * Explanation tasks and their answers are live: they arrive after publication and belong to the bulletin's history.
 */
@Injectable()
export class StatisticsReportService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
    private readonly figures: StatisticsFiguresService,
    private readonly bulletins: BulletinRepository,
    private readonly tasks: ExplanationTasksRepository,
  ) {}

  /** The month asked for, or the last complete month (the one the latest bulletin is about). */
  month(raw: unknown): MonthKey {
    if (raw === undefined || raw === '') return addMonths(monthOf(this.clock.now()), -1);
    if (!isMonthKey(raw)) throw badMonth(raw);
    return raw;
  }

  /** 404 for an unknown bureau, 403 outside the principal's subtree (a province asking for 00). */
  async forPrincipal(p: Principal, month: unknown, scope: unknown): Promise<MonthlyReport> {
    const code = typeof scope === 'string' && scope !== '' ? scope.slice(0, 20) : p.bureauCode;
    await this.scopes.assertVisible(p, code, 'statistics.view');
    return this.report(this.month(month), code);
  }

  /**
   * No principal: the CLI (the bulletin job computes its own snapshots). A month not begun yet is refused
   * (bulletin-month.ts); the current one is shown as it stands, and versionLine says so.
   */
  async report(month: MonthKey, scopeCode: string): Promise<MonthlyReport> {
    viewableMonth(month, this.clock.now());
    const [versions, tasks] = await Promise.all([
      this.bulletins.versions(month, scopeCode),
      this.tasks.list(month, scopeCode),
    ]);
    const published = versions.filter((v) => v.status === 'published');
    const latest = published.length ? await this.bulletins.latestPublished(month, scopeCode) : null;
    const snapshot = latest
      ? latest.snapshot
      : await this.figures.compute(month, scopeCode, this.clock.now());
    let bulletin: MonthlyReport['bulletin'] = null;
    if (latest) {
      const { snapshot: _s, ...meta } = latest;
      bulletin = meta;
    }
    return {
      source: latest ? 'bulletin' : 'live',
      bulletin,
      versions: published.map((v) => ({
        version: v.version,
        status: v.status,
        publishedAt: v.publishedAt,
        note: v.note,
      })),
      snapshot,
      tasks,
    };
  }

  xlsx(r: MonthlyReport): Promise<Buffer> {
    return bulletinXlsx(r.snapshot, bulletinTables(r.snapshot, r.tasks));
  }

  csv(r: MonthlyReport): Buffer {
    return bulletinCsv(wideTable(r.snapshot));
  }

  printHtml(r: MonthlyReport): string {
    return renderPrintView(r);
  }
}
