/**
 * The Koa application, built without listening (tests: `http.createServer(app.callback())`).
 *
 * Middleware order: errors → security headers → session → auth gate (401 for /api without a
 * session) → JSON body → /api routes (+ JSON 404/405) → built web apps.
 * Each module contributes one `register(router, deps)` line in MODULES.
 */
import Koa from 'koa';
import Router from '@koa/router';
import type { Knex } from 'knex';
import type { ServerConfig } from './config';
import { dialectOf } from './db/knex';
import { HttpError } from './http/errors';
import { apiNotFound, authGate, consoleLogger, errorHandler, jsonBody, securityHeaders } from './http/middleware';
import { session } from './http/session';
import { webApps } from './http/static';
import type { AppDeps, AppKoa, AppRouter, AppState, AppContextExtension, Logger } from './http/types';
import { register as auth } from './modules/auth/routes';
import { register as org } from './modules/org/routes';
import { register as audit } from './modules/audit/routes';
import { register as templates } from './modules/templates/routes';
import { register as monitoring } from './modules/monitoring/routes';
import { register as reports } from './modules/reports/routes';
import { register as indicators } from './modules/indicators/routes';
import { register as projects } from './modules/projects/routes';
import { register as submissions } from './modules/submissions/routes';
import { register as files } from './modules/files/routes';
import { register as packs } from './modules/packs/routes';

export type ModuleRegistration = (router: AppRouter, deps: AppDeps) => void;

/** Every module, in registration order. Adding a module = adding its register function here. */
export const MODULES: readonly ModuleRegistration[] = [auth, org, audit, templates, projects, submissions, files, monitoring, reports, packs, indicators];

export interface CreateAppOptions {
  db: Knex;
  config: ServerConfig;
  log?: Logger;
  /** Extra modules (tests, plugins), registered after MODULES. */
  modules?: readonly ModuleRegistration[];
}

export function createApp({ db, config, log = consoleLogger, modules = [] }: CreateAppOptions): AppKoa {
  const app: AppKoa = new Koa<AppState, AppContextExtension>({ proxy: config.trustProxy });
  const deps: AppDeps = { db, dialect: dialectOf(db), config, log };
  app.context.deps = deps;
  app.silent = true; // errors are rendered and logged by errorHandler

  const router: AppRouter = new Router<AppState, AppContextExtension>();
  for (const register of [...MODULES, ...modules]) register(router, deps);

  app.use(errorHandler(log));
  app.use(securityHeaders());
  app.use(session());
  app.use(authGate());
  app.use(jsonBody(config.bodyLimitBytes));
  app.use(apiNotFound());
  app.use(router.routes());
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new HttpError(405, 'METHOD_NOT_ALLOWED', '不支持的请求方法'),
      notImplemented: () => new HttpError(501, 'NOT_IMPLEMENTED', '不支持的请求方法'),
    }),
  );
  app.use(webApps(config));
  return app;
}
