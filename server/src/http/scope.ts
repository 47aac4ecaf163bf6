/**
 * Department scope — the one helper every module uses.
 *
 * A user sees their own department and every department below it; a user with `scope.all`
 * (the admin role) sees all. Outside the scope:
 *  - reads answer **404** (`assertInScope(ctx, code)` / mode 'read'), so a unit cannot even learn
 *    that another department's project or submission exists;
 *  - writes answer **403** (mode 'write'): the caller named the target explicitly, and a clear
 *    refusal is more useful than a pretend "not found".
 */
import type { Knex } from 'knex';
import type { AppContext, Scope, SessionUser } from './types';
import { ForbiddenError, NotFoundError } from './errors';
import { currentUser } from './guard';
import { subtreeCodes } from '../modules/org/tree';
import { listDepartmentNodes } from '../modules/org/repo';

export async function scopeOf(db: Knex, user: SessionUser): Promise<Scope> {
  const nodes = await listDepartmentNodes(db);
  const tree = nodes.map((n) => ({ code: n.code, parentCode: n.parentCode }));
  if (user.permissions.has('scope.all')) return { all: true, codes: new Set(nodes.map((n) => n.code)), tree };
  return { all: false, codes: new Set(subtreeCodes(nodes, user.departmentCode)), tree };
}

/** The signed-in user's scope, computed once per request. */
export async function getScope(ctx: Pick<AppContext, 'state' | 'deps'>): Promise<Scope> {
  if (ctx.state.scope) return ctx.state.scope;
  const scope = await scopeOf(ctx.deps.db, currentUser(ctx));
  ctx.state.scope = scope;
  return scope;
}

export function inScope(scope: Scope, departmentCode: string): boolean {
  return scope.all || scope.codes.has(departmentCode);
}

/**
 * Throws unless `departmentCode` is in the user's scope: NotFoundError for reads (don't leak
 * existence), ForbiddenError for writes.
 */
export async function assertInScope(ctx: Pick<AppContext, 'state' | 'deps'>, departmentCode: string, mode: 'read' | 'write' = 'read'): Promise<void> {
  const scope = await getScope(ctx);
  if (inScope(scope, departmentCode)) return;
  if (mode === 'read') throw new NotFoundError();
  throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: departmentCode });
}

/** For list queries: the codes to filter on with `whereIn`, or null when the user sees all. */
export async function scopeFilter(ctx: Pick<AppContext, 'state' | 'deps'>): Promise<string[] | null> {
  const scope = await getScope(ctx);
  return scope.all ? null : [...scope.codes];
}
