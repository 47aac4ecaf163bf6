/**
 * Session middleware: reads the session cookie, loads the user (sessions are in the database, so
 * any process serving the same database accepts them) and sets `ctx.state.user`. Requests
 * without a valid session simply have no user; `authGate` decides what they may reach.
 */
import type { AppMiddleware } from './types';
import { loadSession } from '../modules/auth/service';
import { setSessionCookie } from '../modules/auth/routes';

export function session(): AppMiddleware {
  return async (ctx, next) => {
    const { db, config } = ctx.deps;
    const token = ctx.cookies.get(config.sessionCookie);
    if (token) {
      const loaded = await loadSession(db, config, token);
      if (loaded) {
        ctx.state.user = loaded.user;
        ctx.state.sessionId = loaded.sessionId;
        if (loaded.renewedUntil) setSessionCookie(ctx, token, loaded.renewedUntil);
      }
    }
    await next();
  };
}
