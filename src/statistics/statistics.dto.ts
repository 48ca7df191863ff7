import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CODE = /^[0-9]{2,6}$/;

export class MonthlyQuery {
  @ApiPropertyOptional({
    example: '2026-10',
    description: 'calendar month in Asia/Shanghai; default: last month',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'month must look like 2026-10' })
  month?: string;

  @ApiPropertyOptional({ example: '44', description: 'bureau code; default: your own bureau' })
  @IsOptional()
  @Matches(CODE, { message: 'scope must be a bureau code of 2 to 6 digits (00, 44, 4403, 440305)' })
  scope?: string;
}

export class TaskIdParam {
  @ApiProperty({ example: '12' })
  @Matches(/^[0-9]{1,18}$/, { message: 'id must be a number' })
  id: string;
}

export class AnswerTaskDto {
  @ApiProperty({ description: '情况说明 (2–20000 characters)' })
  @IsString()
  @Length(2, 20000)
  answer: string;
}

export class RunBulletinDto {
  @ApiProperty({ example: '2026-10' })
  @Matches(MONTH, { message: 'month must look like 2026-10' })
  month: string;

  @ApiPropertyOptional({
    example: '44',
    description: 'one scope; default: HQ and every provincial-level bureau',
  })
  @IsOptional()
  @Matches(CODE, { message: 'scope must be a bureau code of 2 to 6 digits' })
  scope?: string;

  @ApiPropertyOptional({ description: 'note of a correction (when figures changed after publication)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ default: true, description: 'false: compute a draft without sending' })
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}
