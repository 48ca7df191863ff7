import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AUTHORITY_TIERS, AuthorityTier, SOURCE_KINDS, SourceKind } from './source.types';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** Shape checks only; the rules shared with CSV import (URL, interval bounds, min ≤ max) live in source-input.ts. */
export class CreateSourceDto {
  @ApiProperty({ example: '南方日报·要闻' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS, default: 'feed' })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @ApiPropertyOptional({ description: 'feed URL (required for feeds; http/https)' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @ApiPropertyOptional({ example: '44' })
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/)
  bureauCode?: string | null;

  @ApiPropertyOptional({ example: '440000' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  regionCode?: string | null;

  @ApiProperty({ enum: AUTHORITY_TIERS })
  @IsIn(AUTHORITY_TIERS)
  authorityTier: AuthorityTier;

  @ApiPropertyOptional({ default: 300 })
  @IsOptional()
  @IsInt()
  minIntervalSeconds?: number;

  @ApiPropertyOptional({ default: 3600 })
  @IsOptional()
  @IsInt()
  maxIntervalSeconds?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Every field optional; null clears url, bureauCode, regionCode. The kind never changes. */
export class UpdateSourceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{2,6}$/)
  bureauCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  regionCode?: string | null;

  @ApiPropertyOptional({ enum: AUTHORITY_TIERS })
  @IsOptional()
  @IsIn(AUTHORITY_TIERS)
  authorityTier?: AuthorityTier;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  minIntervalSeconds?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  maxIntervalSeconds?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListSourcesQuery {
  @ApiPropertyOptional({ enum: SOURCE_KINDS })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @ApiPropertyOptional({ description: 'part of the name or URL' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  needsAttention?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  enabled?: boolean;
}
