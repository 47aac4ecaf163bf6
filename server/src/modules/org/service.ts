/**
 * Organisation rules: the department tree, users, roles. Every write runs in a transaction with
 * its audit row. Functions take `db` (a knex instance or an enclosing transaction), the acting
 * user, and the actor's scope; routes only parse input and call these.
 */
import type { Knex } from 'knex';
import { now } from '../../db/time';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import type { Scope, SessionUser } from '../../http/types';
import { inScope } from '../../http/scope';
import { recordAudit, type Actor } from '../audit/service';
import { isPermission } from '../auth/permissions';
import { hashPassword } from '../auth/password';
import * as repo from './repo';
import { nest, wouldCycle, type Nested } from './tree';

export type { Department, Role, User } from './repo';

export const DEPARTMENT_CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const USERNAME = /^[A-Za-z0-9_.-]{2,64}$/;
export const ROLE_CODE = /^[a-z0-9_.-]{1,64}$/;
export const MIN_PASSWORD = 6;

export interface DepartmentView {
  code: string;
  name: string;
  parent: string | null;
  enabled: boolean;
  sortOrder: number;
}

export const departmentView = (d: repo.Department): DepartmentView => ({
  code: d.code,
  name: d.name,
  parent: d.parentCode,
  enabled: d.enabled,
  sortOrder: d.sortOrder,
});

export interface DepartmentTreeView extends DepartmentView {
  children: DepartmentTreeView[];
}

const treeView = (n: Nested<repo.Department>): DepartmentTreeView => ({ ...departmentView(n.node), children: n.children.map(treeView) });

function outOfScope(code: string): ForbiddenError {
  return new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: code });
}

// ---- departments -------------------------------------------------------------------------

/** The departments in scope, flat (parents before children where possible) and as a tree. */
export async function listDepartments(db: Knex, scope: Scope): Promise<{ items: DepartmentView[]; tree: DepartmentTreeView[] }> {
  const all = await repo.listDepartmentNodes(db);
  const visible = all.filter((d) => inScope(scope, d.code));
  // In the scoped tree, the user's own department is a root even though it has a parent.
  const shown = visible.map((d) => (d.parentCode !== null && !inScope(scope, d.parentCode) ? { ...d, parentCode: null } : d));
  return { items: visible.map(departmentView), tree: nest(shown).map(treeView) };
}

export async function getDepartmentInScope(db: Knex, scope: Scope, code: string): Promise<DepartmentView> {
  const d = await repo.getDepartment(db, code);
  if (!d || !inScope(scope, code)) throw new NotFoundError('部门不存在', 'DEPARTMENT_NOT_FOUND');
  return departmentView(d);
}

export interface DepartmentInput {
  code: string;
  name: string;
  parent: string | null;
  enabled?: boolean;
  sortOrder?: number;
}

export async function createDepartment(db: Knex, actor: Actor, scope: Scope, input: DepartmentInput): Promise<DepartmentView> {
  if (input.parent === null ? !scope.all : !inScope(scope, input.parent)) throw outOfScope(input.parent ?? input.code);
  return db.transaction(async (trx) => {
    if (await repo.getDepartment(trx, input.code)) throw new ConflictError(`部门编码 ${input.code} 已存在`, 'DEPARTMENT_EXISTS');
    if (input.parent !== null && !(await repo.getDepartment(trx, input.parent))) {
      throw ValidationError.single('parent', `上级部门 ${input.parent} 不存在`, 'UNKNOWN_DEPARTMENT');
    }
    const d: repo.Department = { code: input.code, name: input.name, parentCode: input.parent, enabled: input.enabled ?? true, sortOrder: input.sortOrder ?? 0 };
    await repo.insertDepartment(trx, d, now());
    await recordAudit(trx, actor, { entityType: 'department', entityId: d.code, action: 'create', after: departmentView(d) });
    return departmentView(d);
  });
}

export interface DepartmentPatch {
  name?: string;
  /** Move under another department (null: make it a root; admins only). */
  parent?: string | null;
  enabled?: boolean;
  sortOrder?: number;
}

/** Rename, move (no cycles), enable/disable. */
export async function updateDepartment(db: Knex, actor: Actor, scope: Scope, code: string, patch: DepartmentPatch): Promise<DepartmentView> {
  return db.transaction(async (trx) => {
    const before = await repo.getDepartment(trx, code);
    if (!before) throw new NotFoundError('部门不存在', 'DEPARTMENT_NOT_FOUND');
    if (!inScope(scope, code)) throw outOfScope(code);
    const after: repo.Department = { ...before };
    if (patch.name !== undefined) after.name = patch.name;
    if (patch.enabled !== undefined) after.enabled = patch.enabled;
    if (patch.sortOrder !== undefined) after.sortOrder = patch.sortOrder;
    if (patch.parent !== undefined && patch.parent !== before.parentCode) {
      if (patch.parent === null) {
        if (!scope.all) throw outOfScope(code);
      } else {
        if (!inScope(scope, patch.parent)) throw outOfScope(patch.parent);
        const nodes = await repo.listDepartmentNodes(trx);
        if (!nodes.some((n) => n.code === patch.parent)) {
          throw ValidationError.single('parent', `上级部门 ${patch.parent} 不存在`, 'UNKNOWN_DEPARTMENT');
        }
        if (wouldCycle(nodes, code, patch.parent)) {
          throw new ValidationError(
            [{ path: 'parent', message: `不能把部门移到它自己或它的下级部门（${patch.parent}）之下`, code: 'DEPARTMENT_CYCLE' }],
            '部门层级不能形成循环',
            'DEPARTMENT_CYCLE',
          );
        }
      }
      after.parentCode = patch.parent;
    }
    await repo.updateDepartment(trx, code, after, now());
    const action = patch.parent !== undefined && patch.parent !== before.parentCode ? 'move' : patch.enabled === false && before.enabled ? 'disable' : 'update';
    await recordAudit(trx, actor, { entityType: 'department', entityId: code, action, before: departmentView(before), after: departmentView(after) });
    return departmentView(after);
  });
}

// ---- roles ---------------------------------------------------------------------------------

export const listRoles = (db: Knex): Promise<repo.Role[]> => repo.listRoles(db);

export interface RoleInput {
  code: string;
  name: string;
  permissions: string[];
}

function checkPermissions(permissions: string[]): void {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw new ValidationError(unknown.map((p) => ({ path: 'permissions', message: `未知权限 ${p}`, code: 'UNKNOWN_PERMISSION' })));
  }
}

/** A role may only be given permissions its editor holds (else role.manage would grant scope.all). */
function checkGrantablePermissions(granter: SessionUser | null, permissions: string[]): void {
  if (granter === null) return;
  const missing = [...new Set(permissions)].filter((p) => !granter.permissions.has(p));
  if (missing.length > 0) throw new ForbiddenError(`不能授予超出自身权限的权限：${missing.join('、')}`, 'ROLE_ESCALATION', { missing });
}

export async function createRole(db: Knex, actor: Actor, input: RoleInput, granter: SessionUser | null = null): Promise<repo.Role> {
  checkPermissions(input.permissions);
  checkGrantablePermissions(granter, input.permissions);
  return db.transaction(async (trx) => {
    if (await repo.getRole(trx, input.code)) throw new ConflictError(`角色 ${input.code} 已存在`, 'ROLE_EXISTS');
    const role: repo.Role = { code: input.code, name: input.name, permissions: [...new Set(input.permissions)], builtin: false };
    await repo.insertRole(trx, role, now());
    await recordAudit(trx, actor, { entityType: 'role', entityId: role.code, action: 'create', after: role });
    return role;
  });
}

/** The admin role keeps every permission: editing it could lock everyone out. */
export async function updateRole(db: Knex, actor: Actor, code: string, patch: { name?: string; permissions?: string[] }, granter: SessionUser | null = null): Promise<repo.Role> {
  if (patch.permissions) {
    checkPermissions(patch.permissions);
    checkGrantablePermissions(granter, patch.permissions);
  }
  return db.transaction(async (trx) => {
    const before = await repo.getRole(trx, code);
    if (!before) throw new NotFoundError('角色不存在', 'ROLE_NOT_FOUND');
    if (code === 'admin' && patch.permissions !== undefined) {
      throw ValidationError.single('permissions', '系统管理员角色的权限不能修改', 'ROLE_LOCKED');
    }
    const after: repo.Role = { ...before, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.permissions ? { permissions: [...new Set(patch.permissions)] } : {}) };
    await repo.updateRole(trx, code, after, now());
    await recordAudit(trx, actor, { entityType: 'role', entityId: code, action: 'update', before, after });
    return after;
  });
}

// ---- users ---------------------------------------------------------------------------------

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  department: string;
  roles: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const userView = (u: repo.User): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  department: u.departmentCode,
  roles: u.roles,
  enabled: u.enabled,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

/** What an audit row records of a user (never the password hash). */
const auditUser = (u: repo.User) => ({ username: u.username, displayName: u.displayName, department: u.departmentCode, roles: u.roles, enabled: u.enabled });

export async function listUsers(db: Knex, scope: Scope): Promise<UserView[]> {
  return (await repo.listUsers(db, scope.all ? null : [...scope.codes])).map(userView);
}

export async function getUserInScope(db: Knex, scope: Scope, id: number): Promise<UserView> {
  const u = await repo.getUserById(db, id);
  if (!u || !inScope(scope, u.departmentCode)) throw new NotFoundError('用户不存在', 'USER_NOT_FOUND');
  return userView(u);
}

/**
 * Roles may only be granted by someone who holds every permission they carry (no escalation),
 * and must exist.
 */
async function checkGrantableRoles(db: Knex, granter: SessionUser | null, roles: string[]): Promise<void> {
  const known = new Map((await repo.listRoles(db)).map((r) => [r.code, r]));
  const problems = roles.filter((r) => !known.has(r)).map((r) => ({ path: 'roles', message: `角色 ${r} 不存在`, code: 'UNKNOWN_ROLE' }));
  if (problems.length > 0) throw new ValidationError(problems);
  if (granter === null) return;
  for (const code of roles) {
    const role = known.get(code) as repo.Role;
    const missing = role.permissions.filter((p) => !granter.permissions.has(p));
    if (missing.length > 0) throw new ForbiddenError(`不能授予超出自身权限的角色 ${role.name}`, 'ROLE_ESCALATION', { role: code, missing });
  }
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  department: string;
  roles: string[];
  enabled?: boolean;
}

/** `granter` null: the system (seeding) — no scope or escalation checks. */
export async function createUser(db: Knex, actor: Actor, granter: SessionUser | null, scope: Scope | null, input: UserInput): Promise<UserView> {
  const username = input.username.toLowerCase();
  if (scope && !inScope(scope, input.department)) throw outOfScope(input.department);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (trx) => {
    if (await repo.getUserByUsername(trx, username)) throw new ConflictError(`用户名 ${username} 已被使用`, 'USERNAME_TAKEN');
    if (!(await repo.getDepartment(trx, input.department))) {
      throw ValidationError.single('department', `部门 ${input.department} 不存在`, 'UNKNOWN_DEPARTMENT');
    }
    const roles = [...new Set(input.roles)];
    await checkGrantableRoles(trx, granter, roles);
    const id = await repo.insertUser(trx, { username, displayName: input.displayName, departmentCode: input.department, enabled: input.enabled ?? true, passwordHash }, now());
    await repo.setUserRoles(trx, id, roles);
    const created = (await repo.getUserById(trx, id)) as repo.User;
    await recordAudit(trx, actor, { entityType: 'user', entityId: id, action: 'create', after: auditUser(created) });
    return userView(created);
  });
}

export interface UserPatch {
  displayName?: string;
  department?: string;
  roles?: string[];
  enabled?: boolean;
}

export async function updateUser(db: Knex, actor: Actor, granter: SessionUser, scope: Scope, id: number, patch: UserPatch): Promise<UserView> {
  return db.transaction(async (trx) => {
    const before = await repo.getUserById(trx, id);
    if (!before || !inScope(scope, before.departmentCode)) throw new NotFoundError('用户不存在', 'USER_NOT_FOUND');
    if (patch.department !== undefined && patch.department !== before.departmentCode) {
      if (!inScope(scope, patch.department)) throw outOfScope(patch.department);
      if (!(await repo.getDepartment(trx, patch.department))) {
        throw ValidationError.single('department', `部门 ${patch.department} 不存在`, 'UNKNOWN_DEPARTMENT');
      }
    }
    if (id === granter.id && patch.enabled === false) {
      throw ValidationError.single('enabled', '不能停用自己的账号', 'SELF_DISABLE');
    }
    if (patch.roles !== undefined) {
      const roles = [...new Set(patch.roles)];
      const added = roles.filter((r) => !before.roles.includes(r));
      await checkGrantableRoles(trx, granter, added);
      if (id === granter.id && before.roles.includes('admin') && !roles.includes('admin')) {
        throw ValidationError.single('roles', '不能移除自己的系统管理员角色', 'SELF_DEMOTE');
      }
      await repo.setUserRoles(trx, id, roles);
    }
    const enabled = patch.enabled ?? before.enabled;
    await repo.updateUser(trx, id, { displayName: patch.displayName ?? before.displayName, departmentCode: patch.department ?? before.departmentCode, enabled }, now());
    if (!enabled) await repo.deleteSessionsOfUser(trx, id);
    const after = (await repo.getUserById(trx, id)) as repo.User;
    await recordAudit(trx, actor, { entityType: 'user', entityId: id, action: before.enabled && !enabled ? 'disable' : 'update', before: auditUser(before), after: auditUser(after) });
    return userView(after);
  });
}

/** Sets a new password and ends the user's sessions. */
export async function resetPassword(db: Knex, actor: Actor, scope: Scope | null, id: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (trx) => {
    const user = await repo.getUserById(trx, id);
    if (!user || (scope && !inScope(scope, user.departmentCode))) throw new NotFoundError('用户不存在', 'USER_NOT_FOUND');
    await repo.setPasswordHash(trx, id, passwordHash, now());
    await repo.deleteSessionsOfUser(trx, id);
    await recordAudit(trx, actor, { entityType: 'user', entityId: id, action: 'reset-password' });
  });
}
