import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';
import { ACTION_KEY, AuthedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { notLoggedIn, roleForbidden } from './auth.errors';
import type { Action } from './policy/permissions';
import { assertRoleMay } from './policy/policy';
import { Role } from './roles';

export const SESSION_COOKIE = 'ys_session';

/** Global guard: every route needs a session cookie or a bearer token, unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const principal = bearer
      ? await this.auth.principalFromToken(bearer)
      : cookie
        ? await this.auth.principalFromSession(cookie)
        : null;
    if (!principal) throw notLoggedIn();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) throw roleForbidden();
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, targets);
    if (action) assertRoleMay(principal.role, action);
    return true;
  }
}
