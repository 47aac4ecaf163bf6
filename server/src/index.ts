/** @jixiao/server: the Koa app, its database layer and the building blocks modules share. */
export { createApp, MODULES, type CreateAppOptions, type ModuleRegistration } from './app';
export { loadConfig, makeConfig, DEFAULT_ADMIN_PASSWORD, type ServerConfig } from './config';
export * from './db';
export * from './http/errors';
export { Input, queryInt, queryParam } from './http/input';
export { currentUser, hasPermission, assertPermission, requirePermission } from './http/guard';
export { scopeOf, getScope, inScope, assertInScope, scopeFilter } from './http/scope';
export { consoleLogger, silentLogger, PUBLIC_API } from './http/middleware';
export type { AppDeps, AppRouter, AppContext, RouteContext, AppMiddleware, SessionUser, Scope, Logger } from './http/types';
export { PERMISSIONS, PERMISSION_LABELS, BUILTIN_ROLES, isPermission, type Permission } from './modules/auth/permissions';
export { recordAudit, actorOf, SYSTEM_ACTOR, type Actor, type AuditEntry } from './modules/audit/service';
export { publishTemplate, ensureTemplateVersion, getVersion as getTemplateVersion, listTemplates, resolveBinding } from './modules/templates/service';
export { validateForPublish } from './modules/templates/validation';
export { loadPackFrom } from './pack/fs';
export { startServer, type RunningServer } from './server';
