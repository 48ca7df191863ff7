import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Action } from './policy/permissions';
import { Principal, Role } from './roles';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ACTION_KEY = 'auth:action';

/** No login needed: health, metrics, login page, signed action links. Everything else requires a principal. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Only these roles may call the route (admins always may). Without it any logged-in role may.
 * @deprecated Declare `@Can(action)` instead, so the route asks the one authorization table (src/auth/policy); no
 * route uses this any more (issue 13). Kept only so work written against it still compiles.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The route does this action (src/auth/policy/permissions.ts): roles that may never do it are refused before any
 * work. The service that does it still authorizes the subject it loads — the same rule, with the subject's bureau.
 */
export const Can = (action: Action) => SetMetadata(ACTION_KEY, action);

export type AuthedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.principal!;
});
