import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMENT_MAX, COMMENT_TOO_LONG } from '../incident.errors';
import { BULK_MAX, BULK_OPS, BulkOp } from './incident-bulk.service';

export class BulkTargetDto {
  @ApiProperty({ example: '14' })
  @Matches(/^[0-9]{1,18}$/, { message: 'items[].id must be an incident id' })
  id: string;

  @ApiProperty({ description: 'the version you saw; a stale one fails for that incident only' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

export class BulkDto {
  @ApiProperty({ enum: BULK_OPS })
  @IsIn(BULK_OPS, { message: `op must be one of ${BULK_OPS.join(', ')}` })
  op: BulkOp;

  @ApiProperty({ type: [BulkTargetDto], maxItems: BULK_MAX })
  @ValidateNested({ each: true })
  @Type(() => BulkTargetDto)
  @ArrayMinSize(1, { message: 'items must name at least one incident' })
  @ArrayMaxSize(BULK_MAX, { message: `items may name at most ${BULK_MAX} incidents` })
  items: BulkTargetDto[];

  @ApiPropertyOptional({ description: 'dismiss: the reason (误报, 非本单位, 重复, 其他)' })
  @IsOptional()
  @IsString()
  reason?: string;

  @ApiPropertyOptional({ maxLength: COMMENT_MAX })
  @IsOptional()
  @IsString()
  @Length(0, COMMENT_MAX, { message: COMMENT_TOO_LONG })
  comment?: string;

  @ApiPropertyOptional({ description: 'reassign: the new bureau code, or null for unassigned' })
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/, { message: 'bureauCode must be a bureau code (2–6 digits)' })
  bureauCode?: string | null;

  @ApiPropertyOptional({ description: 'merge: the incident the others are merged into' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'intoId must be an incident id' })
  intoId?: string;
}
