/** /api/health, /api/auth/login, /api/auth/logout, /api/me, /api/me/password. */
import type { AppDeps, AppRouter, AppContext } from '../../http/types';
import { currentUser } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input } from '../../http/input';
import { actorOf } from '../audit/service';
import { MIN_PASSWORD } from '../org/service';
import * as auth from './service';

export function setSessionCookie(ctx: AppContext, token: string, expiresAt: string): void {
  const { config } = ctx.deps;
  ctx.cookies.set(config.sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    expires: new Date(expiresAt),
    overwrite: true,
  });
}

export function clearSessionCookie(ctx: AppContext): void {
  const { config } = ctx.deps;
  ctx.cookies.set(config.sessionCookie, '', { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', expires: new Date(0), overwrite: true });
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db, config, dialect } = deps;

  router.get('/api/health', async (ctx) => {
    await db.raw('select 1');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ok: true, db: dialect };
  });

  router.post('/api/auth/login', async (ctx) => {
    const b = Input.body(ctx);
    const username = b.string('username', { max: 200 });
    const password = b.string('password', { max: 200, trim: false });
    b.done();
    const result = await auth.login(db, config, { username, password, ip: ctx.ip || 'unknown', userAgent: ctx.get('user-agent') || null });
    setSessionCookie(ctx, result.token, result.expiresAt);
    ctx.state.user = result.user;
    ctx.state.sessionId = result.sessionId;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await auth.me(db, result.user, await getScope(ctx));
  });

  router.post('/api/auth/logout', async (ctx) => {
    if (ctx.state.sessionId) await auth.logout(db, actorOf(ctx), ctx.state.sessionId);
    clearSessionCookie(ctx);
    ctx.status = 204;
  });

  router.get('/api/me', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await auth.me(db, currentUser(ctx), await getScope(ctx));
  });

  router.post('/api/me/password', async (ctx) => {
    const b = Input.body(ctx);
    const currentPassword = b.string('currentPassword', { max: 200, trim: false });
    const newPassword = b.string('newPassword', { min: MIN_PASSWORD, max: 200, trim: false });
    b.done();
    await auth.changeOwnPassword(db, actorOf(ctx), currentUser(ctx), ctx.state.sessionId, currentPassword, newPassword);
    ctx.status = 204;
  });
}
