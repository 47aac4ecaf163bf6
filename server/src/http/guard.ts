/** Permission checks. `requirePermission` is route middleware; `assertPermission` is for services. */
import type { AppMiddleware, SessionUser } from './types';
import { ForbiddenError, UnauthorizedError } from './errors';
import type { Permission } from '../modules/auth/permissions';

export function currentUser(ctx: { state: { user?: SessionUser } }): SessionUser {
  const user = ctx.state.user;
  if (!user) throw new UnauthorizedError();
  return user;
}

export const hasPermission = (user: SessionUser, permission: Permission): boolean => user.permissions.has(permission);

export function assertPermission(user: SessionUser, ...permissions: Permission[]): void {
  const missing = permissions.filter((p) => !user.permissions.has(p));
  if (missing.length > 0) throw new ForbiddenError(`没有权限：${missing.join('、')}`, 'MISSING_PERMISSION', { missing });
}

/** Route middleware: the user must hold every listed permission (403 otherwise). */
export function requirePermission(...permissions: Permission[]): AppMiddleware {
  return async (ctx, next) => {
    assertPermission(currentUser(ctx), ...permissions);
    await next();
  };
}
