import { DomainError } from '../infrastructure/http/domain-error';

export class AuthError extends DomainError {}

export const notLoggedIn = () => new AuthError('unauthorized', 'AUTH_REQUIRED', '请先登录 (login required)');
export const badCredentials = () => new AuthError('unauthorized', 'AUTH_BAD_CREDENTIALS', '用户名或密码错误');
export const roleForbidden = () =>
  new AuthError('forbidden', 'AUTH_ROLE_FORBIDDEN', '您的角色无权执行此操作');
export const outOfScope = (code: string) =>
  new AuthError('forbidden', 'AUTH_OUT_OF_SCOPE', `单位 ${code} 不在您的管辖范围内`);
export const accountLocked = () =>
  new AuthError(
    'rate_limited',
    'AUTH_ACCOUNT_LOCKED',
    '登录失败次数过多，账号已被暂时锁定，请稍后再试或联系管理员解锁',
  );
export const tooManyFromAddress = () =>
  new AuthError('rate_limited', 'AUTH_TOO_MANY_ATTEMPTS', '该地址登录尝试过于频繁，请稍后再试');
