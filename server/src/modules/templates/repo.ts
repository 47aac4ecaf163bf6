/** template_drafts, template_versions, template_bindings (knex only). */
import type { Knex } from 'knex';
import { fromJsonColumn, toJsonColumn } from '../../db/json';
import { toInt } from '../../db/time';

type Row = Record<string, unknown>;

export interface VersionRecord {
  templateId: string;
  version: string;
  kind: string;
  title: string;
  source: string | null;
  publishedBy: string | null;
  publishedAt: string;
}

export interface VersionWithBody extends VersionRecord {
  template: unknown;
}

export interface DraftRecord {
  id: number;
  templateId: string;
  kind: string;
  title: string;
  template: unknown;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BindingRecord {
  id: number;
  department: string;
  kind: string;
  year: number;
  templateId: string;
  version: string;
  createdAt: string;
  updatedAt: string;
}

const toVersion = (r: Row): VersionRecord => ({
  templateId: String(r.template_id),
  version: String(r.version),
  kind: String(r.kind),
  title: String(r.title),
  source: (r.source as string | null) ?? null,
  publishedBy: (r.published_by as string | null) ?? null,
  publishedAt: String(r.published_at),
});

const toDraft = (r: Row): DraftRecord => ({
  id: toInt(r.id),
  templateId: String(r.template_id),
  kind: String(r.kind),
  title: String(r.title),
  template: fromJsonColumn(r.body),
  rowVersion: toInt(r.row_version),
  createdBy: (r.created_by as string | null) ?? null,
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

const toBinding = (r: Row): BindingRecord => ({
  id: toInt(r.id),
  department: String(r.department_code),
  kind: String(r.kind),
  year: toInt(r.fiscal_year),
  templateId: String(r.template_id),
  version: String(r.template_version),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

const VERSION_COLUMNS = ['template_id', 'version', 'kind', 'title', 'source', 'published_by', 'published_at'];

// ---- versions

export async function listAllVersions(db: Knex): Promise<VersionRecord[]> {
  return ((await db('template_versions').select(VERSION_COLUMNS).orderBy('id')) as Row[]).map(toVersion);
}

export async function listVersions(db: Knex, templateId: string): Promise<VersionRecord[]> {
  return ((await db('template_versions').where({ template_id: templateId }).select(VERSION_COLUMNS).orderBy('id')) as Row[]).map(toVersion);
}

export async function getVersion(db: Knex, templateId: string, version: string): Promise<VersionWithBody | undefined> {
  const r = (await db('template_versions').where({ template_id: templateId, version }).first()) as Row | undefined;
  return r ? { ...toVersion(r), template: fromJsonColumn(r.body) } : undefined;
}

export async function insertVersion(db: Knex, v: VersionRecord, template: unknown): Promise<void> {
  await db('template_versions').insert({
    template_id: v.templateId,
    version: v.version,
    kind: v.kind,
    title: v.title,
    body: toJsonColumn(template),
    source: v.source,
    published_by: v.publishedBy,
    published_at: v.publishedAt,
  });
}

// ---- drafts

export async function listDrafts(db: Knex): Promise<DraftRecord[]> {
  return ((await db('template_drafts').select('*').orderBy('id')) as Row[]).map(toDraft);
}

export async function getDraft(db: Knex, id: number): Promise<DraftRecord | undefined> {
  const r = (await db('template_drafts').where({ id }).first()) as Row | undefined;
  return r ? toDraft(r) : undefined;
}

export async function getDraftByTemplateId(db: Knex, templateId: string): Promise<DraftRecord | undefined> {
  const r = (await db('template_drafts').where({ template_id: templateId }).first()) as Row | undefined;
  return r ? toDraft(r) : undefined;
}

export async function insertDraft(db: Knex, d: { templateId: string; kind: string; title: string; template: unknown; createdBy: string | null }, at: string): Promise<number> {
  const ids = (await db('template_drafts').insert({
    template_id: d.templateId,
    kind: d.kind,
    title: d.title,
    body: toJsonColumn(d.template),
    row_version: 1,
    created_by: d.createdBy,
    created_at: at,
    updated_at: at,
  })) as unknown[];
  return toInt(ids[0]);
}

/** Optimistic update: only when the stored row version is `expected`; returns rows changed. */
export async function updateDraft(db: Knex, id: number, expected: number, d: { templateId: string; kind: string; title: string; template: unknown }, at: string): Promise<number> {
  return db('template_drafts')
    .where({ id, row_version: expected })
    .update({ template_id: d.templateId, kind: d.kind, title: d.title, body: toJsonColumn(d.template), row_version: expected + 1, updated_at: at });
}

export async function deleteDraft(db: Knex, id: number): Promise<void> {
  await db('template_drafts').where({ id }).delete();
}

// ---- bindings

export async function listBindings(db: Knex, f: { departments: string[] | null; kind?: string; year?: number }): Promise<BindingRecord[]> {
  const q = db('template_bindings').select('*').orderBy([{ column: 'fiscal_year', order: 'desc' }, { column: 'department_code' }, { column: 'kind' }]);
  if (f.departments) q.whereIn('department_code', f.departments);
  if (f.kind) q.where('kind', f.kind);
  if (f.year !== undefined) q.where('fiscal_year', f.year);
  return ((await q) as Row[]).map(toBinding);
}

export async function getBinding(db: Knex, id: number): Promise<BindingRecord | undefined> {
  const r = (await db('template_bindings').where({ id }).first()) as Row | undefined;
  return r ? toBinding(r) : undefined;
}

export async function findBinding(db: Knex, department: string, kind: string, year: number): Promise<BindingRecord | undefined> {
  const r = (await db('template_bindings').where({ department_code: department, kind, fiscal_year: year }).first()) as Row | undefined;
  return r ? toBinding(r) : undefined;
}

export async function bindingsFor(db: Knex, departments: string[], kind: string, year: number): Promise<BindingRecord[]> {
  if (departments.length === 0) return [];
  return ((await db('template_bindings').whereIn('department_code', departments).where({ kind, fiscal_year: year })) as Row[]).map(toBinding);
}

export async function insertBinding(db: Knex, b: { department: string; kind: string; year: number; templateId: string; version: string }, at: string): Promise<number> {
  const ids = (await db('template_bindings').insert({
    department_code: b.department,
    kind: b.kind,
    fiscal_year: b.year,
    template_id: b.templateId,
    template_version: b.version,
    created_at: at,
    updated_at: at,
  })) as unknown[];
  return toInt(ids[0]);
}

export async function updateBindingTarget(db: Knex, id: number, templateId: string, version: string, at: string): Promise<void> {
  await db('template_bindings').where({ id }).update({ template_id: templateId, template_version: version, updated_at: at });
}

export async function deleteBinding(db: Knex, id: number): Promise<void> {
  await db('template_bindings').where({ id }).delete();
}
