/**
 * Sign-in, sessions and the current user.
 * - A session is a random 256-bit token in an HttpOnly cookie; the database stores only its
 *   SHA-256 (sessions.id), so a leaked database does not leak live sessions.
 * - Throttling: after `loginMaxFailures` failures for one username+IP within `loginWindowMs`,
 *   further attempts get 429 until the window passes (a success clears the count).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { ServerConfig } from '../../config';
import { isoAfter, now } from '../../db/time';
import { TooManyRequestsError, UnauthorizedError, ValidationError } from '../../http/errors';
import type { Scope, SessionUser } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import * as orgRepo from '../org/repo';
import { dummyHash, hashPassword, verifyPassword } from './password';
import * as repo from './repo';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: string;
  user: SessionUser;
}

export async function login(
  db: Knex,
  config: ServerConfig,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const ip = input.ip.slice(0, 64);
  const windowStart = new Date(Date.now() - config.loginWindowMs).toISOString();
  const failures = await repo.countFailures(db, username, ip, windowStart);
  if (failures >= config.loginMaxFailures) {
    const minutes = Math.ceil(config.loginWindowMs / 60000);
    throw new TooManyRequestsError(`登录失败次数过多，请 ${minutes} 分钟后再试`, 'TOO_MANY_ATTEMPTS', Math.ceil(config.loginWindowMs / 1000));
  }
  const user = await orgRepo.getUserByUsername(db, username);
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await verifyPassword(input.password, await dummyHash());
  if (!user || !ok || !user.enabled) {
    await repo.insertFailure(db, username, ip, now());
    throw new UnauthorizedError('用户名或密码错误', 'INVALID_CREDENTIALS');
  }
  const token = randomBytes(32).toString('base64url');
  const sessionId = hashToken(token);
  const createdAt = now();
  const expiresAt = isoAfter(config.sessionTtlMs);
  await db.transaction(async (trx) => {
    await repo.clearFailures(trx, username, ip);
    await repo.deleteOldFailures(trx, windowStart);
    await repo.deleteExpiredSessions(trx, createdAt);
    await repo.insertSession(trx, { id: sessionId, userId: user.id, createdAt, expiresAt, ip, userAgent: input.userAgent?.slice(0, 255) ?? null });
    await recordAudit(trx, { userId: user.id, username: user.username, ip }, { entityType: 'user', entityId: user.id, action: 'login' });
  });
  const loaded = await repo.findSessionUser(db, sessionId, createdAt);
  if (!loaded) throw new UnauthorizedError('用户名或密码错误', 'INVALID_CREDENTIALS');
  return { token, sessionId, expiresAt, user: toSessionUser(loaded) };
}

const toSessionUser = (r: repo.SessionUserRecord): SessionUser => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  departmentCode: r.departmentCode,
  roles: r.roles,
  permissions: new Set(r.permissions),
});

export interface LoadedSession {
  sessionId: string;
  user: SessionUser;
  /** Set when the session was extended; the cookie should be re-sent. */
  renewedUntil?: string;
}

/** The session behind a cookie token, extended when more than half its life has passed. */
export async function loadSession(db: Knex, config: ServerConfig, token: string): Promise<LoadedSession | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const sessionId = hashToken(token);
  const nowIso = now();
  const found = await repo.findSessionUser(db, sessionId, nowIso);
  if (!found) return undefined;
  const remaining = new Date(found.expiresAt).getTime() - Date.now();
  if (remaining < config.sessionTtlMs / 2) {
    const renewedUntil = isoAfter(config.sessionTtlMs);
    await repo.extendSession(db, sessionId, renewedUntil);
    return { sessionId, user: toSessionUser(found), renewedUntil };
  }
  return { sessionId, user: toSessionUser(found) };
}

export async function logout(db: Knex, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    if (actor.userId !== null) await recordAudit(trx, actor, { entityType: 'user', entityId: actor.userId, action: 'logout' });
  });
}

export interface MeView {
  user: { id: number; username: string; displayName: string };
  department: { code: string; name: string } | null;
  roles: { code: string; name: string }[];
  permissions: string[];
  scope: { all: boolean; departments: string[] };
}

export async function me(db: Knex, user: SessionUser, scope: Scope): Promise<MeView> {
  const dept = await orgRepo.getDepartment(db, user.departmentCode);
  const roles = await orgRepo.listRoles(db);
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    department: dept ? { code: dept.code, name: dept.name } : null,
    roles: roles.filter((r) => user.roles.includes(r.code)).map((r) => ({ code: r.code, name: r.name })),
    permissions: [...user.permissions].sort(),
    scope: { all: scope.all, departments: [...scope.codes] },
  };
}

/** A user changes their own password; their other sessions end, this one stays. */
export async function changeOwnPassword(db: Knex, actor: Actor, user: SessionUser, sessionId: string | undefined, current: string, next: string): Promise<void> {
  const stored = await orgRepo.getUserByUsername(db, user.username);
  if (!stored || !(await verifyPassword(current, stored.passwordHash))) {
    throw new ValidationError([{ path: 'currentPassword', message: '当前密码不正确', code: 'WRONG_PASSWORD' }]);
  }
  const hash = await hashPassword(next);
  await db.transaction(async (trx) => {
    await orgRepo.setPasswordHash(trx, user.id, hash, now());
    await repo.deleteOtherSessions(trx, user.id, sessionId);
    await recordAudit(trx, actor, { entityType: 'user', entityId: user.id, action: 'change-password' });
  });
}
