import { IsInt, Matches, Max, Min } from 'class-validator';
import { BriefingSchedule } from './briefing-period';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Settings of the 舆情日报/周报 (issue 14). Times are Asia/Shanghai; the days follow the official holiday calendar. */
export class BriefingsConfig {
  /** When the daily briefing goes out on each working day. */
  @Matches(HH_MM, { message: 'must be a time of day HH:MM' })
  BRIEFING_DAILY_TIME: string = '08:30';

  /** When the weekly briefing goes out, on BRIEFING_WEEKLY_DAY (or the first working day after it). */
  @Matches(HH_MM, { message: 'must be a time of day HH:MM' })
  BRIEFING_WEEKLY_TIME: string = '08:30';

  /** ISO weekday of the weekly briefing: 1 = Monday … 7 = Sunday. */
  @IsInt()
  @Min(1)
  @Max(7)
  BRIEFING_WEEKLY_DAY: number = 1;
}

export function briefingSchedule(c: BriefingsConfig): BriefingSchedule {
  return {
    dailyTime: c.BRIEFING_DAILY_TIME,
    weeklyTime: c.BRIEFING_WEEKLY_TIME,
    weeklyDay: c.BRIEFING_WEEKLY_DAY,
  };
}
