/** audit_log rows (knex only). */
import type { Knex } from 'knex';
import { fromJsonColumn, toJsonColumn } from '../../db/json';
import { toInt } from '../../db/time';

export interface AuditRow {
  id: number | string;
  at: string;
  userId: number | null;
  username: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditInsert {
  at: string;
  userId: number | null;
  username: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  username?: string;
  from?: string;
  to?: string;
}

export async function insertAudit(trx: Knex.Transaction, row: AuditInsert): Promise<void> {
  await trx('audit_log').insert({
    at: row.at,
    user_id: row.userId,
    username: row.username,
    entity_type: row.entityType,
    entity_id: row.entityId,
    action: row.action,
    before_json: toJsonColumn(row.before),
    after_json: toJsonColumn(row.after),
    ip: row.ip,
  });
}

function applyFilter(q: Knex.QueryBuilder, f: AuditFilter): Knex.QueryBuilder {
  if (f.entityType) q.where('entity_type', f.entityType);
  if (f.entityId) q.where('entity_id', f.entityId);
  if (f.username) q.where('username', f.username);
  if (f.from) q.where('at', '>=', f.from);
  if (f.to) q.where('at', '<', f.to);
  return q;
}

export async function findAudit(db: Knex, f: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
  const countRow = (await applyFilter(db('audit_log'), f).count({ n: '*' }).first()) as { n: unknown } | undefined;
  const raw = (await applyFilter(db('audit_log'), f).orderBy('id', 'desc').offset(offset).limit(limit)) as Record<string, unknown>[];
  return {
    total: countRow ? toInt(countRow.n) : 0,
    rows: raw.map((r) => ({
      id: r.id as number | string,
      at: String(r.at),
      userId: r.user_id === null || r.user_id === undefined ? null : toInt(r.user_id),
      username: (r.username as string | null) ?? null,
      entityType: String(r.entity_type),
      entityId: String(r.entity_id),
      action: String(r.action),
      before: fromJsonColumn(r.before_json),
      after: fromJsonColumn(r.after_json),
      ip: (r.ip as string | null) ?? null,
    })),
  };
}
