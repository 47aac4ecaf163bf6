/** Departments, users, roles (knex only; rows mapped to camelCase records). */
import type { Knex } from 'knex';
import { fromJsonColumn, toJsonColumn } from '../../db/json';
import { toBool, toInt } from '../../db/time';

export interface Department {
  code: string;
  name: string;
  parentCode: string | null;
  enabled: boolean;
  sortOrder: number;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
  builtin: boolean;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  departmentCode: string;
  enabled: boolean;
  roles: string[];
  createdAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

const toDepartment = (r: Row): Department => ({
  code: String(r.code),
  name: String(r.name),
  parentCode: r.parent_code === null || r.parent_code === undefined ? null : String(r.parent_code),
  enabled: toBool(r.enabled),
  sortOrder: toInt(r.sort_order),
});

function toPermissionList(v: unknown): string[] {
  const parsed = fromJsonColumn(v);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

const toRole = (r: Row): Role => ({
  code: String(r.code),
  name: String(r.name),
  permissions: toPermissionList(r.permissions),
  builtin: toBool(r.builtin),
});

// ---- departments -------------------------------------------------------------------------

export async function listDepartmentNodes(db: Knex): Promise<Department[]> {
  const rows = (await db('departments').select('*').orderBy([{ column: 'sort_order' }, { column: 'id' }])) as Row[];
  return rows.map(toDepartment);
}

export async function getDepartment(db: Knex, code: string): Promise<Department | undefined> {
  const r = (await db('departments').where({ code }).first()) as Row | undefined;
  return r ? toDepartment(r) : undefined;
}

export async function insertDepartment(db: Knex, d: Department, at: string): Promise<void> {
  await db('departments').insert({
    code: d.code,
    name: d.name,
    parent_code: d.parentCode,
    enabled: d.enabled,
    sort_order: d.sortOrder,
    created_at: at,
    updated_at: at,
  });
}

export async function updateDepartment(db: Knex, code: string, d: Department, at: string): Promise<void> {
  await db('departments').where({ code }).update({
    name: d.name,
    parent_code: d.parentCode,
    enabled: d.enabled,
    sort_order: d.sortOrder,
    updated_at: at,
  });
}

// ---- roles ---------------------------------------------------------------------------------

export async function listRoles(db: Knex): Promise<Role[]> {
  const rows = (await db('roles').select('*').orderBy('id')) as Row[];
  return rows.map(toRole);
}

export async function getRole(db: Knex, code: string): Promise<Role | undefined> {
  const r = (await db('roles').where({ code }).first()) as Row | undefined;
  return r ? toRole(r) : undefined;
}

export async function insertRole(db: Knex, role: Role, at: string): Promise<void> {
  await db('roles').insert({
    code: role.code,
    name: role.name,
    permissions: toJsonColumn(role.permissions),
    builtin: role.builtin,
    created_at: at,
    updated_at: at,
  });
}

export async function updateRole(db: Knex, code: string, role: Role, at: string): Promise<void> {
  await db('roles').where({ code }).update({ name: role.name, permissions: toJsonColumn(role.permissions), updated_at: at });
}

// ---- users ---------------------------------------------------------------------------------

async function rolesOf(db: Knex, userIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (userIds.length === 0) return out;
  const rows = (await db('user_roles').whereIn('user_id', userIds).orderBy('role_code')) as Row[];
  for (const r of rows) {
    const id = toInt(r.user_id);
    const list = out.get(id);
    if (list) list.push(String(r.role_code));
    else out.set(id, [String(r.role_code)]);
  }
  return out;
}

function toUser(r: Row, roles: Map<number, string[]>): User {
  const id = toInt(r.id);
  return {
    id,
    username: String(r.username),
    displayName: String(r.display_name),
    departmentCode: String(r.department_code),
    enabled: toBool(r.enabled),
    roles: roles.get(id) ?? [],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** Users, optionally only those in the given departments. */
export async function listUsers(db: Knex, departmentCodes: string[] | null): Promise<User[]> {
  const q = db('users').select('id', 'username', 'display_name', 'department_code', 'enabled', 'created_at', 'updated_at').orderBy('id');
  if (departmentCodes) q.whereIn('department_code', departmentCodes);
  const rows = (await q) as Row[];
  const roles = await rolesOf(
    db,
    rows.map((r) => toInt(r.id)),
  );
  return rows.map((r) => toUser(r, roles));
}

export async function getUserById(db: Knex, id: number): Promise<User | undefined> {
  const r = (await db('users').where({ id }).first()) as Row | undefined;
  return r ? toUser(r, await rolesOf(db, [id])) : undefined;
}

export async function getUserByUsername(db: Knex, username: string): Promise<(User & { passwordHash: string }) | undefined> {
  const r = (await db('users').where({ username }).first()) as Row | undefined;
  if (!r) return undefined;
  const user = toUser(r, await rolesOf(db, [toInt(r.id)]));
  return { ...user, passwordHash: String(r.password_hash) };
}

export async function countUsers(db: Knex): Promise<number> {
  const r = (await db('users').count({ n: '*' }).first()) as { n: unknown } | undefined;
  return r ? toInt(r.n) : 0;
}

export async function insertUser(
  db: Knex,
  u: { username: string; displayName: string; departmentCode: string; enabled: boolean; passwordHash: string },
  at: string,
): Promise<number> {
  const ids = (await db('users').insert({
    username: u.username,
    display_name: u.displayName,
    department_code: u.departmentCode,
    enabled: u.enabled,
    password_hash: u.passwordHash,
    created_at: at,
    updated_at: at,
  })) as unknown[];
  return toInt(ids[0]);
}

export async function updateUser(db: Knex, id: number, u: { displayName: string; departmentCode: string; enabled: boolean }, at: string): Promise<void> {
  await db('users').where({ id }).update({ display_name: u.displayName, department_code: u.departmentCode, enabled: u.enabled, updated_at: at });
}

export async function setPasswordHash(db: Knex, id: number, passwordHash: string, at: string): Promise<void> {
  await db('users').where({ id }).update({ password_hash: passwordHash, updated_at: at });
}

export async function setUserRoles(db: Knex, id: number, roles: string[]): Promise<void> {
  await db('user_roles').where({ user_id: id }).delete();
  if (roles.length > 0) await db('user_roles').insert(roles.map((role_code) => ({ user_id: id, role_code })));
}

export async function countUsersInDepartment(db: Knex, code: string): Promise<number> {
  const r = (await db('users').where({ department_code: code }).count({ n: '*' }).first()) as { n: unknown } | undefined;
  return r ? toInt(r.n) : 0;
}

export async function deleteSessionsOfUser(db: Knex, userId: number): Promise<void> {
  await db('sessions').where({ user_id: userId }).delete();
}
