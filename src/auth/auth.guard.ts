import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';
import { ACTION_KEY, AuthedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { notLoggedIn, roleForbidden } from './auth.errors';
import type { Action } from './policy/permissions';
import { assertRoleMay } from './policy/policy';
import { Role } from './roles';
import { SESSION_COOKIE, sessionSecret } from './session-cookie';
import { pendingRefusal } from '../infrastructure/http/http-refusal';

export { SESSION_COOKIE };

/** Global guard: every route needs a session cookie or a bearer token, unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    // Bad input an Express-level guard found on a console page (http-refusal.ts refuseInput): refused here, once we
    // know who asks, so the console's filter can show it in the layout; the handler never sees the input.
    const refused = pendingRefusal(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (refused) throw refused;
      return true;
    }
    const header = req.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = sessionSecret(req);
    const principal = bearer
      ? await this.auth.principalFromToken(bearer)
      : cookie
        ? await this.auth.principalFromSession(cookie)
        : null;
    if (principal) req.principal = principal;
    if (refused) throw refused;
    if (!principal) throw notLoggedIn();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) throw roleForbidden();
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, targets);
    if (action) assertRoleMay(principal.role, action);
    return true;
  }
}
