import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsNumber, Max, Min } from 'class-validator';
import { RankingSettings } from './figures/ranking';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/[,;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** Settings of the monthly statistics (issue 7). All optional; the defaults are those documented in ranking.ts. */
export class StatisticsConfig {
  /** Extra recipients of the national bulletin, comma-separated (HQ office contacts always get it). */
  @Transform(toList)
  @IsEmail({}, { each: true, message: 'must be a comma-separated list of email addresses' })
  STATISTICS_HQ_RECIPIENTS: string[] = [];

  /** Weights of the composite score's components (relative; need not add up to 100). */
  @IsNumber()
  @Min(0)
  @Max(1000)
  STATISTICS_WEIGHT_VOLUME: number = 40;

  @IsNumber()
  @Min(0)
  @Max(1000)
  STATISTICS_WEIGHT_TIMELINESS: number = 40;

  @IsNumber()
  @Min(0)
  @Max(1000)
  STATISTICS_WEIGHT_FAILURES: number = 20;

  /** Points per reporting failure in the failures component: 迟报, 漏报, 瞒报. */
  @IsNumber()
  @Min(0)
  @Max(100)
  STATISTICS_POINTS_LATE: number = 1;

  @IsNumber()
  @Min(0)
  @Max(100)
  STATISTICS_POINTS_MISSED: number = 2;

  @IsNumber()
  @Min(0)
  @Max(100)
  STATISTICS_POINTS_CONCEALED: number = 3;

  /** How many of the lowest-ranked units are flagged (ties at the boundary are all flagged). */
  @IsInt()
  @Min(0)
  @Max(100)
  STATISTICS_BOTTOM_N: number = 3;

  /** Flag a unit whose negative opinion rose by more than this percentage on last month. */
  @IsNumber()
  @Min(0)
  @Max(10000)
  STATISTICS_RISE_PERCENT: number = 20;

  /** From zero last month, flag a rise only from this many incidents. */
  @IsInt()
  @Min(1)
  @Max(10000)
  STATISTICS_RISE_FROM_ZERO_MIN: number = 3;

  /** Deadline of an explanation task (情况说明), in working days after the bulletin is published. */
  @IsInt()
  @Min(1)
  @Max(60)
  STATISTICS_EXPLANATION_WORKING_DAYS: number = 10;
}

export function rankingSettings(c: StatisticsConfig): RankingSettings {
  return {
    weights: {
      volume: c.STATISTICS_WEIGHT_VOLUME,
      timeliness: c.STATISTICS_WEIGHT_TIMELINESS,
      failures: c.STATISTICS_WEIGHT_FAILURES,
    },
    failurePoints: {
      late: c.STATISTICS_POINTS_LATE,
      missed: c.STATISTICS_POINTS_MISSED,
      concealed: c.STATISTICS_POINTS_CONCEALED,
    },
    bottomN: c.STATISTICS_BOTTOM_N,
    risePercent: c.STATISTICS_RISE_PERCENT,
    riseFromZeroMin: c.STATISTICS_RISE_FROM_ZERO_MIN,
  };
}
