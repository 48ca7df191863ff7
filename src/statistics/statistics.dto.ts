import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CODE = /^[0-9]{2,6}$/;
// Validation messages are read by staff in the console and API clients: Chinese, like every domain error.
const MONTH_FORMAT = 'month（月份）应为 YYYY-MM，如 2026-10';
const SCOPE_FORMAT = 'scope（单位代码）应为 2–6 位数字，如 00、44、4403、440305';

export class MonthlyQuery {
  @ApiPropertyOptional({
    example: '2026-10',
    description:
      'calendar month in Asia/Shanghai (2000-01 … 2100-12, not after the current one); default: last month',
  })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_FORMAT })
  month?: string;

  @ApiPropertyOptional({ example: '44', description: 'bureau code; default: your own bureau' })
  @IsOptional()
  @Matches(CODE, { message: SCOPE_FORMAT })
  scope?: string;
}

export class TaskIdParam {
  @ApiProperty({ example: '12' })
  @Matches(/^[0-9]{1,18}$/, { message: 'id（任务编号）应为数字' })
  id: string;
}

export class AnswerTaskDto {
  @ApiProperty({ description: '情况说明 (2–20000 characters)' })
  @IsString({ message: 'answer（情况说明）应为文本' })
  @Length(2, 20000, { message: 'answer（情况说明）应为 2–20000 个字' })
  answer: string;
}

export class RunBulletinDto {
  @ApiProperty({
    example: '2026-10',
    description:
      'an ended month in Asia/Shanghai to publish (409 before its end); the current one only as a draft',
  })
  @Matches(MONTH, { message: MONTH_FORMAT })
  month: string;

  @ApiPropertyOptional({
    example: '44',
    description: 'one scope; default: HQ and every provincial-level bureau',
  })
  @IsOptional()
  @Matches(CODE, { message: SCOPE_FORMAT })
  scope?: string;

  @ApiPropertyOptional({ description: 'note of a correction (when figures changed after publication)' })
  @IsOptional()
  @IsString({ message: 'note（更正说明）应为文本' })
  @MaxLength(500, { message: 'note（更正说明）不能超过 500 个字' })
  note?: string;

  @ApiPropertyOptional({ default: true, description: 'false: compute a draft without sending' })
  @IsOptional()
  @IsBoolean({ message: 'publish（是否发布）应为 true 或 false' })
  publish?: boolean;
}
