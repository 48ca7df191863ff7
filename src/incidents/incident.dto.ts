import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsRealDateTime } from '../infrastructure/http/real-date-time';
import { COMMENT_MAX, COMMENT_TOO_LONG } from './incident.errors';
import { REVIEW_DECISIONS, ReviewDecision } from './triage/incident-review';
import { ACTIONS } from './triage/incident-state';
import { CATEGORIES, DISMISS_REASONS, GRADES, STATUSES, TransitionAction } from './incident.types';

/** Query strings arrive as "a,b" or repeated keys: both become string arrays. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

/** status=all (README, and the console's 全部 tab) means every status, i.e. no status filter. */
const toStatusList = (arg: { value: unknown }) => {
  const list = toList(arg);
  return list?.includes('all') ? undefined : list;
};

/** Empty form fields mean "no filter". */
const blank = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const SORTS = ['heat', 'grade', 'age', 'oldest'] as const;
export type IncidentSort = (typeof SORTS)[number];

export class ListIncidentsQuery {
  @ApiPropertyOptional({ description: 'comma-separated, or all for every status', example: 'new,confirmed' })
  @IsOptional()
  @Transform(toStatusList)
  @IsIn(STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ example: 'I,II' })
  @IsOptional()
  @Transform(toList)
  @IsIn(GRADES, { each: true })
  grade?: string[];

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @Transform(toList)
  @IsIn(CATEGORIES, { each: true })
  category?: string[];

  @ApiPropertyOptional({ description: 'bureau code: that bureau and everything below it' })
  @Transform(blank)
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/)
  bureau?: string;

  @ApiPropertyOptional({ description: 'only unassigned incidents (HQ triage)' })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? undefined : value === true || value === 'true' || value === '1'))
  @IsIn([true, false])
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'region code or prefix (2, 4 or 6 digits)' })
  @Transform(blank)
  @IsOptional()
  @Matches(/^([0-9]{2}|[0-9]{4}|[0-9]{6})$/)
  region?: string;

  @ApiPropertyOptional({ description: 'detected at or after (ISO 8601 or YYYY-MM-DD)' })
  @Transform(blank)
  @IsOptional()
  @IsRealDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'detected before' })
  @Transform(blank)
  @IsOptional()
  @IsRealDateTime()
  to?: string;

  @ApiPropertyOptional({ description: 'words in title or summary' })
  @Transform(blank)
  @IsOptional()
  @IsString()
  @Length(0, 200)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'heat' })
  @Transform(blank)
  @IsOptional()
  @IsIn(SORTS)
  sort?: IncidentSort;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page (nextCursor)' })
  @Transform(blank)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({
    description:
      'the review backlog (待研判): new incidents plus grade Ⅰ/Ⅱ ones the system confirmed at once that no person has confirmed yet',
  })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? undefined : value === true || value === 'true' || value === '1'))
  @IsIn([true, false])
  review?: boolean;

  @ApiPropertyOptional({
    description: 'only incidents with a pending review request (待复核, 申请复核 from a head)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? undefined : value === true || value === 'true' || value === '1'))
  @IsIn([true, false])
  pendingReview?: boolean;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class VersionedDto {
  @ApiProperty({ description: 'the version you saw; a stale one gets 409' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @ApiPropertyOptional({ maxLength: COMMENT_MAX })
  @IsOptional()
  @IsString()
  @Length(0, COMMENT_MAX, { message: COMMENT_TOO_LONG })
  comment?: string;
}

export class DismissDto extends VersionedDto {
  @ApiProperty({ enum: DISMISS_REASONS })
  @IsIn(DISMISS_REASONS, { message: `reason must be one of ${DISMISS_REASONS.join(', ')}` })
  reason: string;
}

export class TransitionDto extends VersionedDto {
  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS)
  action: TransitionAction;

  @ApiPropertyOptional({ enum: DISMISS_REASONS })
  @IsOptional()
  @IsString()
  reason?: string;

  // The 上报 form (report-form.ts), required for action=report. Checked after the action's rule, by the same rule as
  // the mail link and the 舆情专报: a refusal must not tell an outsider the form.
  @ApiPropertyOptional({
    enum: ['phone', 'written'],
    description: 'action=report: 电话/口头首报 or 书面报告',
  })
  @IsOptional()
  @IsString()
  reportType?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'action=report: 报送对象',
    example: '广州市税务局办公室',
  })
  @IsOptional()
  @IsString()
  reportedTo?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'action=report: 文号 (written reports)' })
  @IsOptional()
  @IsString()
  reference?: string;
}

export class RegradeDto extends VersionedDto {
  @ApiProperty({ enum: GRADES })
  @IsIn(GRADES)
  grade: string;

  @ApiPropertyOptional({ description: 'required when lowering' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason?: string;
}

export class RecategoriseDto extends VersionedDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category: string;

  @ApiPropertyOptional({ isArray: true, enum: CATEGORIES })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(CATEGORIES, { each: true })
  secondaryCategories?: string[];
}

export class ReassignDto extends VersionedDto {
  @ApiProperty({ nullable: true, description: 'bureau code, or null / "" for unassigned (HQ triage)' })
  @Transform(({ value }) => (value === '' ? null : value))
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9]{2,6}$/)
  bureauCode: string | null;
}

export class MergeDto extends VersionedDto {
  @ApiProperty({ description: 'the incident this one is merged into' })
  @Matches(/^[0-9]{1,18}$/)
  intoId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  intoExpectedVersion?: number;
}

export class SplitDto extends VersionedDto {
  @ApiProperty({ type: [String] })
  @Transform(toList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @Matches(/^[0-9]{1,18}$/, { each: true })
  itemIds: string[];
}

export class CommentDto {
  @ApiProperty({ description: 'the version you saw; a stale one gets 409' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @ApiProperty({ maxLength: COMMENT_MAX })
  @IsString()
  @Length(1, COMMENT_MAX, { message: `备注不能为空，且${COMMENT_TOO_LONG}` })
  comment: string;
}

/** 复核结论 on a pending 申请复核: 维持 (uphold), 改判等级 (regrade, with grade) or 改判为误报 (dismiss). */
export class ReviewAnswerDto {
  @ApiProperty({ description: 'the version you saw; a stale one gets 409' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS, { message: `decision 须为 ${REVIEW_DECISIONS.join('、')} 之一` })
  decision: ReviewDecision;

  @ApiProperty({ description: 'why (required, on the record)' })
  @IsString()
  @Length(2, COMMENT_MAX, { message: `复核结论的理由须为 2–${COMMENT_MAX} 字` })
  reason: string;

  @ApiPropertyOptional({ enum: GRADES, description: 'decision=regrade: the new grade' })
  @IsOptional()
  @IsIn(GRADES)
  grade?: string;
}
