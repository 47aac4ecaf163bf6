/**
 * /api/departments, /api/users, /api/roles, /api/permissions.
 * Reads are limited to the caller's department scope (out of scope → 404); writes need the
 * permission and a target in scope (out of scope → 403).
 */
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { currentUser, requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { actorOf } from '../audit/service';
import { PERMISSIONS, PERMISSION_LABELS } from '../auth/permissions';
import * as org from './service';

function idParam(ctx: RouteContext): number {
  const raw = ctx.params.id ?? '';
  if (!/^\d+$/.test(raw)) throw new BadRequestError('用户编号应为整数', 'BAD_ID');
  return Number(raw);
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  // ---- departments
  router.get('/api/departments', async (ctx) => {
    ctx.body = await org.listDepartments(db, await getScope(ctx));
  });

  router.get('/api/departments/:code', async (ctx) => {
    ctx.body = await org.getDepartmentInScope(db, await getScope(ctx), ctx.params.code ?? '');
  });

  router.post('/api/departments', requirePermission('org.manage'), async (ctx) => {
    const b = Input.body(ctx);
    const code = b.string('code', { pattern: org.DEPARTMENT_CODE, patternMessage: '编码只能包含字母、数字、下划线和连字符（最多 64 个）' });
    const name = b.string('name', { max: 200 });
    const parent = b.string('parent', { optional: true, max: 64 }) ?? null;
    const enabled = b.bool('enabled', { optional: true });
    const sortOrder = b.int('sortOrder', { optional: true });
    b.done();
    ctx.status = 201;
    ctx.body = await org.createDepartment(db, actorOf(ctx), await getScope(ctx), {
      code,
      name,
      parent,
      ...(enabled !== undefined ? { enabled } : {}),
      ...(sortOrder !== undefined ? { sortOrder } : {}),
    });
  });

  router.patch('/api/departments/:code', requirePermission('org.manage'), async (ctx) => {
    const b = Input.body(ctx);
    const patch: org.DepartmentPatch = {};
    const name = b.string('name', { optional: true, max: 200 });
    if (name !== undefined) patch.name = name;
    if (b.value.parent === null) patch.parent = null;
    else {
      const parent = b.string('parent', { optional: true, max: 64 });
      if (parent !== undefined) patch.parent = parent;
    }
    const enabled = b.bool('enabled', { optional: true });
    if (enabled !== undefined) patch.enabled = enabled;
    const sortOrder = b.int('sortOrder', { optional: true });
    if (sortOrder !== undefined) patch.sortOrder = sortOrder;
    b.done();
    ctx.body = await org.updateDepartment(db, actorOf(ctx), await getScope(ctx), ctx.params.code ?? '', patch);
  });

  // ---- users
  router.get('/api/users', requirePermission('user.manage'), async (ctx) => {
    ctx.body = { items: await org.listUsers(db, await getScope(ctx)) };
  });

  router.get('/api/users/:id', requirePermission('user.manage'), async (ctx) => {
    ctx.body = await org.getUserInScope(db, await getScope(ctx), idParam(ctx));
  });

  router.post('/api/users', requirePermission('user.manage'), async (ctx) => {
    const b = Input.body(ctx);
    const username = b.string('username', { pattern: org.USERNAME, patternMessage: '用户名只能包含字母、数字、点、下划线和连字符（2–64 个）' }).toLowerCase();
    const displayName = b.string('displayName', { optional: true, max: 200 }) ?? username;
    const password = b.string('password', { min: org.MIN_PASSWORD, max: 200, trim: false });
    const department = b.string('department', { max: 64 });
    const roles = b.stringArray('roles', { optional: true, max: 50 }) ?? [];
    const enabled = b.bool('enabled', { optional: true });
    b.done();
    ctx.status = 201;
    ctx.body = await org.createUser(db, actorOf(ctx), currentUser(ctx), await getScope(ctx), {
      username,
      displayName,
      password,
      department,
      roles,
      ...(enabled !== undefined ? { enabled } : {}),
    });
  });

  router.patch('/api/users/:id', requirePermission('user.manage'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const patch: org.UserPatch = {};
    const displayName = b.string('displayName', { optional: true, max: 200 });
    if (displayName !== undefined) patch.displayName = displayName;
    const department = b.string('department', { optional: true, max: 64 });
    if (department !== undefined) patch.department = department;
    const roles = b.stringArray('roles', { optional: true, max: 50 });
    if (roles !== undefined) patch.roles = roles;
    const enabled = b.bool('enabled', { optional: true });
    if (enabled !== undefined) patch.enabled = enabled;
    b.done();
    ctx.body = await org.updateUser(db, actorOf(ctx), currentUser(ctx), await getScope(ctx), id, patch);
  });

  router.post('/api/users/:id/password', requirePermission('user.manage'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const password = b.string('password', { min: org.MIN_PASSWORD, max: 200, trim: false });
    b.done();
    await org.resetPassword(db, actorOf(ctx), await getScope(ctx), id, password);
    ctx.status = 204;
  });

  // ---- roles and permissions
  router.get('/api/permissions', async (ctx) => {
    ctx.body = { items: PERMISSIONS.map((code) => ({ code, label: PERMISSION_LABELS[code] })) };
  });

  router.get('/api/roles', async (ctx) => {
    ctx.body = { items: await org.listRoles(db) };
  });

  router.post('/api/roles', requirePermission('role.manage'), async (ctx) => {
    const b = Input.body(ctx);
    const code = b.string('code', { pattern: org.ROLE_CODE, patternMessage: '角色编码只能包含小写字母、数字、点、下划线和连字符' });
    const name = b.string('name', { max: 200 });
    const permissions = b.stringArray('permissions', { max: 100 });
    b.done();
    ctx.status = 201;
    ctx.body = await org.createRole(db, actorOf(ctx), { code, name, permissions }, currentUser(ctx));
  });

  router.patch('/api/roles/:code', requirePermission('role.manage'), async (ctx) => {
    const b = Input.body(ctx);
    const name = b.string('name', { optional: true, max: 200 });
    const permissions = b.stringArray('permissions', { optional: true, max: 100 });
    b.done();
    const patch = { ...(name !== undefined ? { name } : {}), ...(permissions !== undefined ? { permissions } : {}) };
    ctx.body = await org.updateRole(db, actorOf(ctx), ctx.params.code ?? '', patch, currentUser(ctx));
  });
}
