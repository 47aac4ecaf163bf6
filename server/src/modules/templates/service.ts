/**
 * Templates: drafts (editable, optimistic row version), published versions (immutable; the same
 * id+version twice is a 409), version listing, diffs, and bindings (关联模板): department + kind +
 * fiscal year → template id+version, inherited down the department tree.
 */
import type { Knex } from 'knex';
import { now } from '../../db/time';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import type { Scope } from '../../http/types';
import { inScope } from '../../http/scope';
import { recordAudit, type Actor } from '../audit/service';
import * as orgRepo from '../org/repo';
import { ancestorChain } from '../org/tree';
import * as repo from './repo';
import { canonical, diffTemplates, type TemplateDiff } from './diff';
import { checkIdentity, compareSemver, KINDS, SEMVER, validateForPublish } from './validation';

export type { VersionRecord, VersionWithBody, DraftRecord, BindingRecord } from './repo';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- published versions

export interface TemplateSummary {
  id: string;
  kind: string;
  title: string;
  latestVersion: string;
  versions: string[];
}

/** One entry per template id; versions in semver order, title/kind of the latest. */
export async function listTemplates(db: Knex, filter: { kind?: string } = {}): Promise<TemplateSummary[]> {
  const groups = new Map<string, repo.VersionRecord[]>();
  for (const v of await repo.listAllVersions(db)) {
    if (filter.kind && v.kind !== filter.kind) continue;
    const list = groups.get(v.templateId);
    if (list) list.push(v);
    else groups.set(v.templateId, [v]);
  }
  return [...groups.entries()]
    .map(([id, list]) => {
      list.sort((x, y) => compareSemver(x.version, y.version));
      const latest = list[list.length - 1] as repo.VersionRecord;
      return { id, kind: latest.kind, title: latest.title, latestVersion: latest.version, versions: list.map((v) => v.version) };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export async function listVersions(db: Knex, templateId: string): Promise<repo.VersionRecord[]> {
  const list = await repo.listVersions(db, templateId);
  if (list.length === 0) throw new NotFoundError(`模板 ${templateId} 不存在`, 'TEMPLATE_NOT_FOUND');
  return list.sort((x, y) => compareSemver(x.version, y.version));
}

/** `version` may be `latest`. */
export async function getVersion(db: Knex, templateId: string, version: string): Promise<repo.VersionWithBody> {
  let v = version;
  if (version === 'latest') {
    const list = await listVersions(db, templateId);
    v = (list[list.length - 1] as repo.VersionRecord).version;
  }
  const found = await repo.getVersion(db, templateId, v);
  if (!found) throw new NotFoundError(`模板 ${templateId} 没有版本 ${version}`, 'TEMPLATE_VERSION_NOT_FOUND');
  return found;
}

/**
 * Publishes `template` as an immutable version (validated first: 422 with every problem).
 * Used by the designer (via drafts), by POST /api/templates and by pack import (`source`).
 */
export async function publishTemplate(db: Knex, actor: Actor, template: unknown, source: string | null = null): Promise<repo.VersionRecord> {
  const problems = validateForPublish(template);
  if (problems.length > 0 || !isRecord(template)) throw new ValidationError(problems, '模板未通过校验', 'TEMPLATE_INVALID');
  const record: repo.VersionRecord = {
    templateId: String(template.id),
    version: String(template.version),
    kind: String(template.kind),
    title: String(template.title),
    source,
    publishedBy: actor.username,
    publishedAt: now(),
  };
  return db.transaction(async (trx) => {
    if (await repo.getVersion(trx, record.templateId, record.version)) {
      throw new ConflictError(`模板 ${record.templateId} 的版本 ${record.version} 已发布，已发布的版本不能修改`, 'VERSION_EXISTS', {
        templateId: record.templateId,
        version: record.version,
      });
    }
    await repo.insertVersion(trx, record, template);
    await recordAudit(trx, actor, { entityType: 'template', entityId: `${record.templateId}@${record.version}`, action: 'publish', after: { ...record } });
    return record;
  });
}

/**
 * For imports (packs): publishes `template` unless that id+version exists. Re-importing the same
 * content is a no-op ('unchanged'); the same id+version with other content is left untouched and
 * reported ('different') — a published version never changes.
 */
export async function ensureTemplateVersion(
  db: Knex,
  actor: Actor,
  template: unknown,
  source: string | null,
): Promise<{ status: 'created' | 'unchanged' | 'different'; templateId: string; version: string }> {
  if (isRecord(template) && typeof template.id === 'string' && typeof template.version === 'string') {
    const existing = await repo.getVersion(db, template.id, template.version);
    if (existing) {
      return { status: canonical(existing.template) === canonical(template) ? 'unchanged' : 'different', templateId: template.id, version: template.version };
    }
  }
  const created = await publishTemplate(db, actor, template, source);
  return { status: 'created', templateId: created.templateId, version: created.version };
}

export async function diffVersions(db: Knex, templateId: string, from: string, to: string): Promise<TemplateDiff & { templateId: string; from: string; to: string }> {
  const a = await getVersion(db, templateId, from);
  const b = await getVersion(db, templateId, to);
  return { templateId, from: a.version, to: b.version, ...diffTemplates(a.template, b.template) };
}

// ---- drafts

export interface DraftView extends repo.DraftRecord {
  /** What would stop this draft from being published now (empty: publishable). */
  problems: ReturnType<typeof validateForPublish>;
}

const draftView = (d: repo.DraftRecord): DraftView => ({ ...d, problems: validateForPublish(d.template) });

function identityOrThrow(template: unknown): { templateId: string; kind: string; title: string } {
  const problems = checkIdentity(template);
  if (problems.length > 0 || !isRecord(template)) throw new ValidationError(problems, '模板草稿缺少编号、类型或标题', 'TEMPLATE_INVALID');
  return { templateId: String(template.id), kind: String(template.kind), title: String(template.title) };
}

export async function listDrafts(db: Knex): Promise<Omit<repo.DraftRecord, 'template'>[]> {
  return (await repo.listDrafts(db)).map(({ template: _t, ...rest }) => rest);
}

export async function getDraft(db: Knex, id: number): Promise<DraftView> {
  const d = await repo.getDraft(db, id);
  if (!d) throw new NotFoundError('模板草稿不存在', 'DRAFT_NOT_FOUND');
  return draftView(d);
}

/** One draft per template id (a second is a 409). */
export async function createDraft(db: Knex, actor: Actor, template: unknown): Promise<DraftView> {
  const ident = identityOrThrow(template);
  return db.transaction(async (trx) => {
    if (await repo.getDraftByTemplateId(trx, ident.templateId)) throw new ConflictError(`模板 ${ident.templateId} 已有草稿`, 'DRAFT_EXISTS');
    const id = await repo.insertDraft(trx, { ...ident, template, createdBy: actor.username }, now());
    await recordAudit(trx, actor, { entityType: 'template-draft', entityId: id, action: 'create', after: { ...ident } });
    return draftView((await repo.getDraft(trx, id)) as repo.DraftRecord);
  });
}

/** Saves a draft; `rowVersion` must match the stored one (else 409, nothing overwritten). */
export async function updateDraft(db: Knex, actor: Actor, id: number, rowVersion: number, template: unknown): Promise<DraftView> {
  const ident = identityOrThrow(template);
  return db.transaction(async (trx) => {
    const before = await repo.getDraft(trx, id);
    if (!before) throw new NotFoundError('模板草稿不存在', 'DRAFT_NOT_FOUND');
    if (ident.templateId !== before.templateId) {
      const clash = await repo.getDraftByTemplateId(trx, ident.templateId);
      if (clash) throw new ConflictError(`模板 ${ident.templateId} 已有草稿`, 'DRAFT_EXISTS');
    }
    const changed = await repo.updateDraft(trx, id, rowVersion, { ...ident, template }, now());
    if (changed === 0) {
      throw new ConflictError('草稿已被其他人修改，请刷新后再保存', 'VERSION_CONFLICT', { expected: rowVersion, current: before.rowVersion });
    }
    await recordAudit(trx, actor, {
      entityType: 'template-draft',
      entityId: id,
      action: 'update',
      before: { templateId: before.templateId, title: before.title, rowVersion: before.rowVersion },
      after: { ...ident, rowVersion: rowVersion + 1 },
    });
    return draftView((await repo.getDraft(trx, id)) as repo.DraftRecord);
  });
}

export async function deleteDraft(db: Knex, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await repo.getDraft(trx, id);
    if (!before) throw new NotFoundError('模板草稿不存在', 'DRAFT_NOT_FOUND');
    await repo.deleteDraft(trx, id);
    await recordAudit(trx, actor, { entityType: 'template-draft', entityId: id, action: 'delete', before: { templateId: before.templateId, title: before.title } });
  });
}

/** Publishes the draft's content (with `version` overriding the draft's own). The draft stays. */
export async function publishDraft(db: Knex, actor: Actor, id: number, version?: string): Promise<repo.VersionRecord> {
  const d = await repo.getDraft(db, id);
  if (!d) throw new NotFoundError('模板草稿不存在', 'DRAFT_NOT_FOUND');
  const template = isRecord(d.template) ? { ...d.template, ...(version !== undefined ? { version } : {}) } : d.template;
  return publishTemplate(db, actor, template, 'designer');
}

// ---- bindings

export interface BindingInput {
  department: string;
  kind: string;
  year: number;
  templateId: string;
  version: string;
}

export async function listBindings(db: Knex, scope: Scope, f: { department?: string; kind?: string; year?: number }): Promise<repo.BindingRecord[]> {
  let departments: string[] | null = scope.all ? null : [...scope.codes];
  if (f.department) departments = inScope(scope, f.department) ? [f.department] : [];
  return repo.listBindings(db, { departments, ...(f.kind ? { kind: f.kind } : {}), ...(f.year !== undefined ? { year: f.year } : {}) });
}

/** Creates or replaces the binding of department+kind+year. */
export async function setBinding(db: Knex, actor: Actor, scope: Scope, input: BindingInput): Promise<repo.BindingRecord> {
  if (!KINDS.includes(input.kind)) throw ValidationError.single('kind', `模板类型应为 ${KINDS.join(' / ')}`, 'TEMPLATE_KIND');
  if (!SEMVER.test(input.version)) throw ValidationError.single('version', '版本号应为语义化版本（如 1.0.0）', 'TEMPLATE_VERSION');
  if (!inScope(scope, input.department)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: input.department });
  return db.transaction(async (trx) => {
    if (!(await orgRepo.getDepartment(trx, input.department))) {
      throw ValidationError.single('department', `部门 ${input.department} 不存在`, 'UNKNOWN_DEPARTMENT');
    }
    const target = await repo.getVersion(trx, input.templateId, input.version);
    if (!target) throw ValidationError.single('version', `模板 ${input.templateId} 没有已发布的版本 ${input.version}`, 'UNKNOWN_TEMPLATE_VERSION');
    if (target.kind !== input.kind) {
      throw ValidationError.single('templateId', `模板 ${input.templateId} 的类型是 ${target.kind}，不是 ${input.kind}`, 'TEMPLATE_KIND_MISMATCH');
    }
    const at = now();
    const existing = await repo.findBinding(trx, input.department, input.kind, input.year);
    let id: number;
    if (existing) {
      id = existing.id;
      await repo.updateBindingTarget(trx, id, input.templateId, input.version, at);
    } else {
      id = await repo.insertBinding(trx, input, at);
    }
    const after = (await repo.getBinding(trx, id)) as repo.BindingRecord;
    await recordAudit(trx, actor, { entityType: 'binding', entityId: id, action: existing ? 'update' : 'create', before: existing ?? null, after });
    return after;
  });
}

export async function deleteBinding(db: Knex, actor: Actor, scope: Scope, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await repo.getBinding(trx, id);
    if (!before || !inScope(scope, before.department)) throw new NotFoundError('关联不存在', 'BINDING_NOT_FOUND');
    await repo.deleteBinding(trx, id);
    await recordAudit(trx, actor, { entityType: 'binding', entityId: id, action: 'delete', before });
  });
}

export interface ResolvedBinding {
  department: string;
  kind: string;
  year: number;
  templateId: string;
  version: string;
  /** The department whose own binding applies (the department itself, or the nearest ancestor). */
  inheritedFrom: string;
  inherited: boolean;
}

/**
 * The template a department uses for kind+year: its own binding, else its parent's, and so on up
 * the tree. Out of scope or unknown department → 404; nothing bound on the chain → 404 NO_BINDING.
 */
export async function resolveBinding(db: Knex, scope: Scope, department: string, kind: string, year: number): Promise<ResolvedBinding> {
  const nodes = await orgRepo.listDepartmentNodes(db);
  if (!inScope(scope, department) || !nodes.some((n) => n.code === department)) throw new NotFoundError('部门不存在', 'DEPARTMENT_NOT_FOUND');
  const chain = ancestorChain(nodes, department);
  const found = new Map((await repo.bindingsFor(db, chain, kind, year)).map((b) => [b.department, b]));
  for (const code of chain) {
    const b = found.get(code);
    if (b) return { department, kind, year, templateId: b.templateId, version: b.version, inheritedFrom: code, inherited: code !== department };
  }
  throw new NotFoundError(`部门 ${department} 在 ${year} 年度没有关联 ${kind} 模板`, 'NO_BINDING');
}
