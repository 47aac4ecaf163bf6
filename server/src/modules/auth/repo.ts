/** Sessions and login attempts (knex only). Sessions live in the database so processes share them. */
import type { Knex } from 'knex';
import { toInt } from '../../db/time';
import { fromJsonColumn } from '../../db/json';

export interface SessionRecord {
  id: string;
  userId: number;
  expiresAt: string;
}

export interface SessionUserRecord {
  id: number;
  username: string;
  displayName: string;
  departmentCode: string;
  roles: string[];
  permissions: string[];
  expiresAt: string;
}

export async function insertSession(
  db: Knex,
  s: { id: string; userId: number; createdAt: string; expiresAt: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db('sessions').insert({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent });
}

export async function deleteSession(db: Knex, id: string): Promise<void> {
  await db('sessions').where({ id }).delete();
}

export async function extendSession(db: Knex, id: string, expiresAt: string): Promise<void> {
  await db('sessions').where({ id }).update({ expires_at: expiresAt });
}

export async function deleteExpiredSessions(db: Knex, nowIso: string): Promise<void> {
  await db('sessions').where('expires_at', '<=', nowIso).delete();
}

export async function deleteOtherSessions(db: Knex, userId: number, keepId: string | undefined): Promise<void> {
  const q = db('sessions').where({ user_id: userId });
  if (keepId) q.whereNot({ id: keepId });
  await q.delete();
}

/**
 * The enabled user behind a live session, with roles and the union of their permissions: one
 * query (session ⋈ user ⟕ roles), since every request runs it.
 */
export async function findSessionUser(db: Knex, sessionId: string, nowIso: string): Promise<SessionUserRecord | undefined> {
  const rows = (await db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .leftJoin('roles as r', 'r.code', 'ur.role_code')
    .where('s.id', sessionId)
    .andWhere('s.expires_at', '>', nowIso)
    .andWhere('u.enabled', true)
    .select('u.id', 'u.username', 'u.display_name', 'u.department_code', 's.expires_at', 'r.id as role_id', 'r.code as role_code', 'r.permissions')) as Record<string, unknown>[];
  const row = rows[0];
  if (!row) return undefined;
  // roles in their table order, sorted here: an ORDER BY costs SQLite a sort step on every request
  rows.sort((a, b) => (a.role_id === null ? 0 : toInt(a.role_id)) - (b.role_id === null ? 0 : toInt(b.role_id)));
  const roles: string[] = [];
  const permissions = new Set<string>();
  for (const r of rows) {
    if (r.role_code === null || r.role_code === undefined) continue;
    roles.push(String(r.role_code));
    const list = fromJsonColumn(r.permissions);
    if (Array.isArray(list)) for (const p of list) if (typeof p === 'string') permissions.add(p);
  }
  return {
    id: toInt(row.id),
    username: String(row.username),
    displayName: String(row.display_name),
    departmentCode: String(row.department_code),
    roles,
    permissions: [...permissions].sort(),
    expiresAt: String(row.expires_at),
  };
}

export async function countFailures(db: Knex, username: string, ip: string, sinceIso: string): Promise<number> {
  const r = (await db('login_attempts').where({ username, ip }).andWhere('at', '>=', sinceIso).count({ n: '*' }).first()) as { n: unknown } | undefined;
  return r ? toInt(r.n) : 0;
}

export async function insertFailure(db: Knex, username: string, ip: string, at: string): Promise<void> {
  await db('login_attempts').insert({ username, ip, at });
}

export async function clearFailures(db: Knex, username: string, ip: string): Promise<void> {
  await db('login_attempts').where({ username, ip }).delete();
}

export async function deleteOldFailures(db: Knex, beforeIso: string): Promise<void> {
  await db('login_attempts').where('at', '<', beforeIso).delete();
}
