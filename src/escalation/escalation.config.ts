import {
  IsInt,
  IsString,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from './engine/working-time';

@ValidatorConstraint({ name: 'workingHours' })
class WorkingHoursSpec implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    try {
      parseWorkingHours(String(v));
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be comma-separated HH:MM-HH:MM periods in order, e.g. 09:00-12:00,13:30-17:30';
  }
}

/** Settings of the escalation engine. All optional; the policies themselves are edited in the console. */
export class EscalationConfig {
  /** Clocks claimed per engine transaction. */
  @IsInt()
  @Min(1)
  @Max(5000)
  ESCALATION_BATCH_SIZE: number = 500;

  /** Engine runs (transactions) in parallel while clocks are due. */
  @IsInt()
  @Min(1)
  @Max(16)
  ESCALATION_WORKERS: number = 2;

  /** Working periods of a working day, Asia/Shanghai, for Ⅲ/Ⅳ clocks. */
  @IsString()
  @Validate(WorkingHoursSpec)
  ESCALATION_WORKING_HOURS: string = DEFAULT_WORKING_HOURS;

  /** How long a signed action link in an email stays usable. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  ESCALATION_LINK_TTL_HOURS: number = 72;

  /** Articles listed in an escalation mail. */
  @IsInt()
  @Min(0)
  @Max(20)
  ESCALATION_MAIL_ARTICLES: number = 5;
}
