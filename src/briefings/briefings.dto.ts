import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';

const CODE = /^[0-9]{2,6}$/;

export class BriefingIdParam {
  @ApiProperty({ example: '12' })
  @Matches(/^[0-9]{1,18}$/, { message: 'id must be a number' })
  id: string;
}

export class ArchiveQuery {
  @ApiPropertyOptional({ enum: ['daily', 'weekly'] })
  @IsOptional()
  @IsIn(['daily', 'weekly'], { message: 'kind must be daily or weekly' })
  kind?: 'daily' | 'weekly';

  @ApiPropertyOptional({ example: '44' })
  @IsOptional()
  @Matches(CODE, { message: 'scope must be a bureau code of 2 to 6 digits' })
  scope?: string;
}

export class CreateSubscriptionDto {
  @ApiProperty({ example: '44', description: 'the bureau whose briefing is subscribed' })
  @Matches(CODE, { message: 'scope must be a bureau code of 2 to 6 digits' })
  scope: string;

  @ApiProperty({ enum: ['daily', 'weekly'] })
  @IsIn(['daily', 'weekly'], { message: 'kind must be daily or weekly' })
  kind: 'daily' | 'weekly';

  @ApiPropertyOptional({
    enum: ['head', 'deputy', 'liaison', 'office'],
    description: 'a contact role of the bureau',
  })
  @ValidateIf((o) => o.email === undefined || o.role !== undefined)
  @IsIn(['head', 'deputy', 'liaison', 'office'], {
    message: 'role must be head, deputy, liaison or office (or give an email)',
  })
  role?: string;

  @ApiPropertyOptional({ example: 'duty@gd.example.cn', description: 'one address instead of a role' })
  @ValidateIf((o) => o.role === undefined || o.email !== undefined)
  @IsEmail({}, { message: 'email must be an email address (or give a role)' })
  email?: string;
}
