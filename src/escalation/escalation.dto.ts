import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CATEGORIES } from '../incidents/incident.types';
import { CONTACT_ROLES, ContactRole } from '../organisation/organisation.types';
import { FINDING_KINDS } from './escalation.types';
import { IsRealDateTime } from '../infrastructure/http/real-date-time';

export class SavePolicyDto {
  @ApiProperty({ description: 'the whole policy (see GET /api/escalation/policies for the shape)' })
  @IsObject()
  policy: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class CreateRoutingRuleDto {
  @ApiProperty({ example: '全国性系统故障由总局办公室处置' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  priority?: number;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ example: '4401', description: 'prefix of the incident region code' })
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/, { message: 'regionPrefix must be 2-6 digits' })
  regionPrefix?: string;

  @ApiPropertyOptional({ example: '12' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'sourceId must be a numeric id' })
  sourceId?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'false: also redirects incidents that already have a bureau',
  })
  @IsOptional()
  @IsBoolean()
  onlyUnassigned?: boolean;

  @ApiProperty({ example: '00' })
  @Matches(/^[0-9]{2,6}$/, { message: 'bureauCode must be a bureau code' })
  bureauCode: string;

  @ApiPropertyOptional({ enum: CONTACT_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONTACT_ROLES, { each: true })
  notifyRoles?: ContactRole[];
}

export class SetRuleEnabledDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

export class DecideExtensionDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ExtensionQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'refused'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'refused'])
  status?: string;
}

export class MeetClockDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: '文号 (required for written_report)',
    example: '粤税舆〔2026〕12号',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: '报送对象 (required for written_report)',
    example: '国家税务总局办公厅',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reportedTo?: string;
}

export class FindingsQueryDto {
  @ApiPropertyOptional({ enum: FINDING_KINDS })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsRealDateTime()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsRealDateTime()
  to?: string;
}

export class SimulateDto {
  @ApiProperty({ enum: ['I', 'II', 'III', 'IV'] })
  @IsIn(['I', 'II', 'III', 'IV'])
  grade: string;

  @ApiProperty({ example: '440106' })
  @Matches(/^[0-9]{2,6}$/, { message: 'bureau must be a bureau code' })
  bureau: string;

  @ApiPropertyOptional({ example: '2026-11-02T09:00:00+08:00' })
  @IsOptional()
  @IsRealDateTime()
  at?: string;
}
