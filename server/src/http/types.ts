/** Types shared by the HTTP layer and every module. */
import type Koa from 'koa';
import type { RouterContext } from '@koa/router';
import type Router from '@koa/router';
import type { Db, Dialect } from '../db/knex';
import type { ServerConfig } from '../config';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** What every module's `register(router, deps)` receives. Add fields here, never globals. */
export interface AppDeps {
  db: Db;
  dialect: Dialect;
  config: ServerConfig;
  log: Logger;
}

/** The signed-in user, loaded by the session middleware for each request. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  departmentCode: string;
  roles: string[];
  permissions: ReadonlySet<string>;
}

/** The department scope of a user: their department and every department below it. */
export interface Scope {
  /** True for users with the `scope.all` permission: every department, including future ones. */
  all: boolean;
  /** Department codes in scope (for `all`, every existing department). */
  codes: ReadonlySet<string>;
  /**
   * The department list the scope was computed from (read once per request): services that need
   * the tree in the same request (template variants) use it instead of reading it again.
   */
  tree?: ReadonlyArray<{ readonly code: string; readonly parentCode: string | null }>;
}

export interface AppState {
  user?: SessionUser;
  /** Hash of the session token (the sessions.id) when signed in. */
  sessionId?: string;
  /** Memoised by `getScope(ctx)`. */
  scope?: Scope;
}

export interface AppContextExtension {
  deps: AppDeps;
}

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (set by the body reader for JSON requests), else undefined. */
    body?: unknown;
  }
}

export type AppKoa = Koa<AppState, AppContextExtension>;
export type AppContext = Koa.ParameterizedContext<AppState, AppContextExtension>;
export type AppRouter = Router<AppState, AppContextExtension>;
export type RouteContext = RouterContext<AppState, AppContextExtension>;
export type AppMiddleware = Koa.Middleware<AppState, AppContextExtension>;
