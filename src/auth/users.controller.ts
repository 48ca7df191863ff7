import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { CreateTokenDto, CreateUserDto } from './auth.dto';
import { Principal } from './roles';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  list(@CurrentPrincipal() p: Principal) {
    return this.users.list(p);
  }

  @Post('users')
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() p: Principal) {
    return this.users.create(dto, p);
  }

  @Post('users/:id/disable')
  disable(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.users.setDisabled(id, true, p);
  }

  @Post('users/:id/enable')
  enable(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.users.setDisabled(id, false, p);
  }

  @Get('tokens')
  tokens(@CurrentPrincipal() p: Principal) {
    return this.users.listTokens(p);
  }

  @Post('tokens')
  createToken(@Body() dto: CreateTokenDto, @CurrentPrincipal() p: Principal) {
    return this.users.createToken(
      dto.username,
      dto.name,
      p,
      dto.expiresAt ? new Date(dto.expiresAt) : undefined,
    );
  }

  @Delete('tokens/:id')
  async revoke(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.users.revokeToken(id, p);
    return { ok: true };
  }
}
