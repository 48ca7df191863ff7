import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { supervisionFigures } from '../../briefings/supervision/supervision-figures';
import { CATEGORIES, Category, Grade, GRADES } from '../../incidents/incident.types';
import { RATE_CLOCK_KINDS, RATE_KEYS, RateKey } from './figure-definitions';
import { RankingInput, rankUnits } from './ranking';
import { rankingSettings, StatisticsConfig } from '../statistics.config';
import { StatisticsError } from '../statistics.errors';
import {
  ClockAggRow,
  DurationAgg,
  DurationAggRow,
  FindingAggRow,
  IncidentAggRow,
  ScopeRow,
  StatisticsFiguresRepository,
  TrendAggRow,
} from './statistics-figures.repository';
import { addMonths, MonthKey, monthRange, monthsBetween } from './statistics-month';
import { DurationFigure, MonthlySnapshot, UnitFigures } from '../statistics.types';

type UnitKey = string | null;

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/** The grouped rows of all queries for one month, looked up by unit ('' = 本级, null = total). */
class MonthRows {
  constructor(
    readonly month: MonthKey,
    private readonly inc: IncidentAggRow[],
    private readonly clk: ClockAggRow[],
    private readonly fnd: FindingAggRow[],
    private readonly trd: TrendAggRow[],
    private readonly dur: DurationAggRow[],
  ) {}
  incidents = (u: UnitKey) => this.inc.find((r) => r.month === this.month && r.unit === u);
  clocks = (u: UnitKey, kind: string) =>
    this.clk.find((r) => r.month === this.month && r.unit === u && r.kind === kind);
  findings = (u: UnitKey) => this.fnd.find((r) => r.month === this.month && r.unit === u);
  durations = (u: UnitKey) => this.dur.find((r) => r.unit === u);
  count = (u: UnitKey, month: MonthKey) =>
    this.trd.find((r) => r.month === month && r.unit === u)?.incidents ?? 0;
  /** Nothing at all in the month (no incident, clock or finding in scope): before monitoring began. */
  isEmpty = () =>
    !this.inc.some((r) => r.month === this.month && r.detected > 0) &&
    !this.clk.some((r) => r.month === this.month) &&
    !this.fnd.some((r) => r.month === this.month);
}

function duration(t: DurationAgg | undefined): DurationFigure {
  return t
    ? { n: t[0], medianMinutes: round1(t[1]), p90Minutes: round1(t[2]) }
    : { n: 0, medianMinutes: null, p90Minutes: null };
}

/** Assembles the figures of one unit from the grouped rows (figure-definitions.ts says what each one means). */
function unitFigures(
  b: Pick<ScopeRow, 'code' | 'name' | 'shortName'>,
  rows: MonthRows,
  u: UnitKey,
): UnitFigures {
  const i = rows.incidents(u);
  const f = rows.findings(u);
  const d = rows.durations(u);
  const incidents = i?.incidents ?? 0;
  const previousMonth = rows.count(u, addMonths(rows.month, -1));
  const sameMonthLastYear = rows.count(u, addMonths(rows.month, -12));
  const onTime = {} as UnitFigures['onTime'];
  for (const key of RATE_KEYS) {
    const c = rows.clocks(u, RATE_CLOCK_KINDS[key]);
    onTime[key] = {
      judged: c?.judged ?? 0,
      onTime: c?.onTime ?? 0,
      rate: c ? ratio(c.onTime, c.judged) : null,
    };
  }
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, Number(i?.grades[g] ?? 0)])) as Record<
    Grade,
    number
  >;
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, Number(i?.categories[c] ?? 0)])) as Record<
    Category,
    number
  >;
  const findings = { late: f?.late ?? 0, missed: f?.missed ?? 0, concealed: f?.concealed ?? 0 };
  return {
    code: b.code,
    name: b.name,
    shortName: b.shortName,
    detected: i?.detected ?? 0,
    incidents,
    byGrade,
    byCategory,
    previousMonth,
    sameMonthLastYear,
    changeVsPreviousMonth: ratio(incidents - previousMonth, previousMonth),
    changeVsLastYear: ratio(incidents - sameMonthLastYear, sameMonthLastYear),
    dismissed: i?.dismissed ?? 0,
    falsePositives: i?.falsePositives ?? 0,
    falsePositiveRate: ratio(i?.falsePositives ?? 0, i?.detected ?? 0),
    onTime,
    timeToAcknowledge: duration(d?.ack),
    timeToReport: duration(d?.report),
    timeToClose: duration(d?.close),
    findings: { ...findings, total: findings.late + findings.missed + findings.concealed },
    heat: { total: Math.round((i?.heatTotal ?? 0) * 10) / 10, max: round1(i?.heatMax ?? null) },
  };
}

function hasAnything(f: UnitFigures): boolean {
  return f.detected > 0 || f.findings.total > 0 || RATE_KEYS.some((k: RateKey) => f.onTime[k].judged > 0);
}

/** Computes the figures of a month and scope from the live tables (the bulletin job freezes the result). */
@Injectable()
export class StatisticsFiguresService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: StatisticsFiguresRepository,
    private readonly config: StatisticsConfig,
  ) {}

  async scope(code: string, db: DataSource | EntityManager = this.ds): Promise<ScopeRow> {
    const scope = await this.repo.scope(code, db);
    if (!scope) throw new StatisticsError('not_found', 'STATISTICS_SCOPE_NOT_FOUND', `单位 ${code} 不存在`);
    return scope;
  }

  async compute(
    month: MonthKey,
    scopeCode: string,
    asOf: Date,
    db: DataSource | EntityManager = this.ds,
  ): Promise<MonthlySnapshot> {
    const scope = await this.scope(scopeCode, db);
    const previous = addMonths(month, -1);
    const [children, inc, dur, clk, fnd, trd] = await Promise.all([
      this.repo.children(scope, db),
      this.repo.incidents(scope, previous, month, db),
      this.repo.durations(scope, month, db),
      this.repo.clocks(scope, previous, month, asOf, db),
      this.repo.findings(scope, previous, month, db),
      this.repo.trend(scope, month, db),
    ]);
    const { start, end } = monthRange(month);
    const supervision = await supervisionFigures(db, scope.path, start, end, asOf);
    const cur = new MonthRows(month, inc, clk, fnd, trd, dur);
    const prev = new MonthRows(previous, inc, clk, fnd, trd, []);
    const direct = unitFigures({ ...scope, name: `${scope.name}（本级）` }, cur, '');
    const units = children.map((c) => unitFigures(c, cur, c.code));
    const input = (rows: MonthRows) =>
      children.map((c): RankingInput => {
        const f = unitFigures(c, rows, c.code);
        return {
          code: c.code,
          name: c.shortName,
          incidents: f.incidents,
          population: c.population,
          counties: c.counties,
          rates: RATE_KEYS.map((k) => f.onTime[k].rate),
          failures: f.findings,
        };
      });
    return {
      schema: 1,
      month,
      scope: {
        code: scope.code,
        name: scope.name,
        shortName: scope.shortName,
        level: scope.level,
        path: scope.path,
      },
      asOf: asOf.toISOString(),
      total: unitFigures(scope, cur, null),
      direct: hasAnything(direct) ? direct : null,
      units,
      trend: monthsBetween(addMonths(month, -12), month).map((m) => ({
        month: m,
        incidents: cur.count(null, m),
      })),
      // A month with nothing in it is no basis for rank changes or rises (the first month of monitoring).
      ranking: rankUnits(input(cur), prev.isEmpty() ? null : input(prev), rankingSettings(this.config)),
      ...(supervision ? { supervision } : {}),
    };
  }
}
