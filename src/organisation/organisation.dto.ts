import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { BureauLevel } from './bureau-catalog';
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT } from './organisation.service';

export const BUREAU_LEVELS: BureauLevel[] = ['national', 'provincial', 'prefecture', 'county'];
const CODE = /^[0-9]{2,6}$/;
const CODE_MESSAGE = 'must be a bureau code of 2 to 6 digits (00, 44, 4403, 440305)';

export class BureauCodeParam {
  @ApiProperty({ example: '4403' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;
}

export class SearchBureausQuery {
  @ApiPropertyOptional({
    description: 'name, short name, alias or code; empty lists the subtree',
    example: '深圳',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: BUREAU_LEVELS })
  @IsOptional()
  @IsIn(BUREAU_LEVELS)
  level?: BureauLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: SEARCH_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEARCH_MAX_LIMIT)
  limit?: number;
}

export class SubtreeQuery {
  @ApiPropertyOptional({
    description: 'levels below the bureau (0 = the bureau only)',
    minimum: 0,
    maximum: 3,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3)
  maxDepth?: number;
}

export class ExportContactsQuery {
  @ApiPropertyOptional({
    description: "bureau whose subtree to export; default: the caller's bureau",
    example: '44',
  })
  @IsOptional()
  @Matches(CODE, { message: `scope ${CODE_MESSAGE}` })
  scope?: string;
}

export class ImportResultDto {
  @ApiProperty({ description: 'bureaus whose contacts were replaced' })
  bureaus: number;

  @ApiProperty({ description: 'contacts written' })
  contacts: number;
}
