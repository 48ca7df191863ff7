import { Injectable } from '@nestjs/common';
import { DomainError } from '../infrastructure/http/domain-error';
import {
  addDays,
  BriefingPeriod,
  dailyPeriod,
  isoWeekOf,
  localDate,
  shanghaiInstant,
  weeklyPeriod,
  weekMonday,
} from './briefing-period';
import { BriefingFiguresRepository } from './briefing-figures.repository';
import { briefingSchedule, BriefingsConfig } from './briefings.config';
import { BriefingSnapshot } from './briefing.types';

const TREND_DAYS = 14;
const TREND_WEEKS = 12;

/** The period before: the previous working day's daily, or last week. */
export function previousPeriod(p: BriefingPeriod, config: BriefingsConfig): BriefingPeriod {
  return p.kind === 'daily'
    ? dailyPeriod(localDate(p.start), briefingSchedule(config))
    : weeklyPeriod(isoWeekOf(addDays(weekMonday(p.key), -7)));
}

/** Trend buckets: whole local days before the briefing's date, or the ISO weeks up to the reported one. */
function trendBuckets(p: BriefingPeriod): { labels: string[]; bounds: Date[] } {
  if (p.kind === 'daily') {
    const days = Array.from({ length: TREND_DAYS }, (_, i) => addDays(p.key, i - TREND_DAYS));
    return {
      labels: days.map((d) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`),
      bounds: [...days, p.key].map((d) => shanghaiInstant(d)),
    };
  }
  const mondays = Array.from({ length: TREND_WEEKS }, (_, i) =>
    addDays(weekMonday(p.key), (i - TREND_WEEKS + 1) * 7),
  );
  return {
    labels: mondays.map((m) => isoWeekOf(m).replace(/^\d{4}-W0?/, '第') + '周'),
    bounds: [...mondays, addDays(mondays[mondays.length - 1], 7)].map((d) => shanghaiInstant(d)),
  };
}

/** Computes what a briefing says, from SQL aggregates; the job freezes the result. */
@Injectable()
export class BriefingFiguresService {
  constructor(
    private readonly repo: BriefingFiguresRepository,
    private readonly config: BriefingsConfig,
  ) {}

  async compute(p: BriefingPeriod, scopeCode: string, asOf: Date): Promise<BriefingSnapshot> {
    const scope = await this.repo.scope(scopeCode);
    if (!scope) throw new DomainError('not_found', 'BUREAU_NOT_FOUND', `单位 ${scopeCode} 不存在`);
    const prev = previousPeriod(p, this.config);
    const { labels, bounds } = trendBuckets(p);
    const [counts, incidents, trend, overdue] = [
      await this.repo.counts(scope, prev.start, p.start, p.end),
      await this.repo.incidents(scope, p.start, p.end),
      await this.repo.trend(scope, bounds),
      await this.repo.overdue(scope, p.end),
    ];
    return {
      kind: p.kind,
      period: { key: p.key, start: p.start.toISOString(), end: p.end.toISOString() },
      scope: { code: scope.code, name: scope.name },
      asOf: asOf.toISOString(),
      current: { key: p.key, ...counts.current },
      previous: { key: prev.key, ...counts.previous },
      overdue,
      incidents: incidents.graded,
      hottest: incidents.hottest,
      trend: labels.map((label, i) => ({ label, incidents: trend[i] })),
    };
  }
}
