import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Role, ROLES } from './roles';
import { IsRealDateTime } from '../infrastructure/http/real-date-time';

export class LoginDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password: string;
}

export class CreateUserDto {
  @ApiProperty()
  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/)
  username: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  /** Checked by the password policy (UsersService), which answers in Chinese with the reason. */
  @ApiPropertyOptional({ description: 'omit for machine-only accounts used through API tokens' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  password?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ example: '44' })
  @Matches(/^[0-9]{2,6}$/)
  bureauCode: string;
}

export class CreateTokenDto {
  @ApiProperty()
  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/)
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsRealDateTime()
  expiresAt?: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'checked by the password policy' })
  @IsString()
  @Length(1, 256)
  password: string;
}
