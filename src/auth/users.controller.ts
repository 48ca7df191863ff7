import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Can, CurrentPrincipal } from './auth.decorators';
import { CreateTokenDto, CreateUserDto, SetPasswordDto } from './auth.dto';
import { ParseIdPipe } from '../infrastructure/http/parse-id.pipe';
import { Principal } from './roles';
import { UsersService } from './users.service';

/**
 * Accounts ('user.manage') and API tokens ('token.manage') of the admin's subtree (src/auth/policy): the guard
 * refuses other roles; UsersService authorizes each account, and the bureau a new or moved account is given.
 */
@ApiTags('users')
@ApiBearerAuth()
@Can('user.manage')
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
  disable(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.users.setDisabled(id, true, p);
  }

  @Post('users/:id/enable')
  enable(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.users.setDisabled(id, false, p);
  }

  /** Lifts a login lockout (issue 12 point 7) before its cooldown ends. */
  @Post('users/:id/unlock')
  @HttpCode(200)
  async unlock(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() p: Principal) {
    return { unlocked: await this.users.unlock({ id }, p) };
  }

  /** Admin password reset; the password policy applies and the user's sessions end. */
  @Post('users/:id/password')
  @HttpCode(200)
  async setPassword(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: SetPasswordDto,
    @CurrentPrincipal() p: Principal,
  ) {
    await this.users.setPassword({ id }, dto.password, p);
    return { ok: true };
  }

  @Get('tokens')
  @Can('token.manage')
  tokens(@CurrentPrincipal() p: Principal) {
    return this.users.listTokens(p);
  }

  @Post('tokens')
  @Can('token.manage')
  createToken(@Body() dto: CreateTokenDto, @CurrentPrincipal() p: Principal) {
    return this.users.createToken(
      dto.username,
      dto.name,
      p,
      dto.expiresAt ? new Date(dto.expiresAt) : undefined,
    );
  }

  @Delete('tokens/:id')
  @Can('token.manage')
  async revoke(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() p: Principal) {
    await this.users.revokeToken(id, p);
    return { ok: true };
  }
}
