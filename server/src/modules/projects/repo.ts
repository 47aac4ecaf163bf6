/** projects (knex only; rows ↔ records, money in fen as bigint). */
import type { Knex } from 'knex';
import { fromJsonColumn, toJsonColumn } from '../../db/json';
import { fenFromDb, fenToDb } from '../../db/money';
import { toInt } from '../../db/time';

type Row = Record<string, unknown>;

export interface SourceAmount {
  source: string;
  amountFen: bigint;
}

/** What a project holds (money in fen). */
export interface ProjectFields {
  code: string;
  name: string;
  departmentCode: string;
  fiscalYear: number;
  budgetType: string;
  projectType: string | null;
  category: string | null;
  fundUse: string | null;
  attribute: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  requestedFen: bigint;
  initialBudgetFen: bigint;
  adjustmentFen: bigint;
  sources: SourceAmount[];
  status: string;
}

export interface ProjectRecord extends ProjectFields {
  id: number;
  adjustedFen: bigint;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toSources(v: unknown): SourceAmount[] {
  const parsed = fromJsonColumn(v);
  if (!Array.isArray(parsed)) return [];
  const out: SourceAmount[] = [];
  for (const s of parsed) {
    if (s && typeof s === 'object' && typeof (s as Row).source === 'string') {
      out.push({ source: String((s as Row).source), amountFen: fenFromDb((s as Row).amountFen ?? 0) });
    }
  }
  return out;
}

const toProject = (r: Row): ProjectRecord => ({
  id: toInt(r.id),
  code: String(r.code),
  name: String(r.name),
  departmentCode: String(r.department_code),
  fiscalYear: toInt(r.fiscal_year),
  budgetType: String(r.budget_type),
  projectType: str(r.project_type),
  category: str(r.category),
  fundUse: str(r.fund_use),
  attribute: str(r.attribute),
  periodStart: str(r.period_start),
  periodEnd: str(r.period_end),
  requestedFen: fenFromDb(r.requested_fen),
  initialBudgetFen: fenFromDb(r.initial_budget_fen),
  adjustmentFen: fenFromDb(r.adjustment_fen),
  adjustedFen: fenFromDb(r.adjusted_fen),
  sources: toSources(r.sources),
  status: String(r.status),
  rowVersion: toInt(r.row_version),
  createdBy: str(r.created_by),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

function toRow(p: ProjectFields): Row {
  return {
    code: p.code,
    name: p.name,
    department_code: p.departmentCode,
    fiscal_year: p.fiscalYear,
    budget_type: p.budgetType,
    project_type: p.projectType,
    category: p.category,
    fund_use: p.fundUse,
    attribute: p.attribute,
    period_start: p.periodStart,
    period_end: p.periodEnd,
    requested_fen: fenToDb(p.requestedFen),
    initial_budget_fen: fenToDb(p.initialBudgetFen),
    adjustment_fen: fenToDb(p.adjustmentFen),
    adjusted_fen: fenToDb(p.requestedFen + p.adjustmentFen),
    // fen as decimal text inside JSON: exact whatever the size
    sources: toJsonColumn(p.sources.map((s) => ({ source: s.source, amountFen: s.amountFen.toString() }))),
    status: p.status,
  };
}

export interface ProjectQuery {
  /** null: every department. */
  departments: string[] | null;
  year?: number;
  status?: string;
  budgetType?: string;
  keyword?: string;
  limit: number;
  offset: number;
}

const escapeLike = (s: string): string => s.replace(/[!%_]/g, (c) => `!${c}`);

function filtered(db: Knex, q: Omit<ProjectQuery, 'limit' | 'offset'>): Knex.QueryBuilder {
  const b = db('projects');
  if (q.departments) b.whereIn('department_code', q.departments);
  if (q.year !== undefined) b.where('fiscal_year', q.year);
  if (q.status) b.where('status', q.status);
  if (q.budgetType) b.where('budget_type', q.budgetType);
  if (q.keyword) {
    const like = `%${escapeLike(q.keyword)}%`;
    b.where((w) => {
      void w.whereRaw("?? like ? escape '!'", ['name', like]).orWhereRaw("?? like ? escape '!'", ['code', like]);
    });
  }
  return b;
}

export async function listProjects(db: Knex, q: ProjectQuery): Promise<{ items: ProjectRecord[]; total: number }> {
  const countRow = (await filtered(db, q).count({ n: '*' }).first()) as Row | undefined;
  const rows = (await filtered(db, q)
    .select('*')
    .orderBy([{ column: 'fiscal_year', order: 'desc' }, { column: 'department_code' }, { column: 'code' }])
    .limit(q.limit)
    .offset(q.offset)) as Row[];
  return { items: rows.map(toProject), total: countRow ? toInt(countRow.n) : 0 };
}

export async function getProject(db: Knex, id: number): Promise<ProjectRecord | undefined> {
  const r = (await db('projects').where({ id }).first()) as Row | undefined;
  return r ? toProject(r) : undefined;
}

export async function findByCode(db: Knex, fiscalYear: number, code: string): Promise<ProjectRecord | undefined> {
  const r = (await db('projects').where({ fiscal_year: fiscalYear, code }).first()) as Row | undefined;
  return r ? toProject(r) : undefined;
}

export async function insertProject(db: Knex, p: ProjectFields, createdBy: string | null, at: string): Promise<number> {
  const ids = (await db('projects').insert({ ...toRow(p), row_version: 1, created_by: createdBy, created_at: at, updated_at: at })) as unknown[];
  return toInt(ids[0]);
}

/** Optimistic update; returns the rows changed (0 = stale version). */
export async function updateProject(db: Knex, id: number, expected: number, p: ProjectFields, at: string): Promise<number> {
  return db('projects')
    .where({ id, row_version: expected })
    .update({ ...toRow(p), row_version: expected + 1, updated_at: at });
}

export async function deleteProject(db: Knex, id: number): Promise<void> {
  await db('projects').where({ id }).delete();
}

export async function countSubmissions(db: Knex, projectId: number): Promise<number> {
  const r = (await db('submissions').where({ project_id: projectId }).count({ n: '*' }).first()) as Row | undefined;
  return r ? toInt(r.n) : 0;
}
