/**
 * The audit log. Every write records who, when, what (entity type + id), the action and the
 * before/after JSON — through `recordAudit(trx, …)`, which takes the write's transaction so the
 * row exists exactly when the write does.
 */
import type { Knex } from 'knex';
import { now } from '../../db/time';
import type { AppContext } from '../../http/types';
import { findAudit, insertAudit, type AuditFilter, type AuditRow } from './repo';

/** Who is acting: a signed-in user, or the system (seeding, CLI imports). */
export interface Actor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', ip: null };

export function actorOf(ctx: Pick<AppContext, 'state' | 'ip'>): Actor {
  const u = ctx.state.user;
  return { userId: u?.id ?? null, username: u?.username ?? null, ip: ctx.ip || null };
}

export interface AuditEntry {
  entityType: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(trx: Knex.Transaction, actor: Actor, entry: AuditEntry): Promise<void> {
  await insertAudit(trx, {
    at: now(),
    userId: actor.userId,
    username: actor.username,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip,
  });
}

export interface AuditPage {
  items: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Knex, filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  const { rows, total } = await findAudit(db, filter, (page - 1) * pageSize, pageSize);
  return { items: rows, total, page, pageSize };
}
