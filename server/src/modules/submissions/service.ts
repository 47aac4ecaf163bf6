/**
 * Submissions (填报) and their workflow:
 *
 *   create (draft) → save … → submit → approve
 *                                  ↘ return (comment) → save … → resubmit → …
 *
 * - The template version is pinned at creation from the binding of the project's department
 *   (templates.resolveBinding: own binding or the nearest ancestor's) and never changes. The
 *   template's `x-project` fields and `x-declaration` tables the creator leaves out are filled
 *   from the project and its approved declaration (prefill.ts).
 * - Every save and submit recomputes values, scores, total, grade and trace with the engine on
 *   the department's variant; client values of computed fields are ignored. Drafts are checked
 *   for shape only (types, scales); submit checks everything (422 listing each path).
 * - Optimistic locking: every change carries the row version; a stale one is 409 and nothing is
 *   written. Each change is one transaction with its history event and its audit row.
 * - `submission.fill`: create / save / submit / delete drafts in the user's scope;
 *   `submission.review`: approve / return (comment required) for departments below the reviewer.
 */
import type { Knex } from 'knex';
import { now } from '../../db/time';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Scope, SessionUser } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import * as filesRepo from '../files/repo';
import { getProjectForWrite } from '../projects/service';
import * as templates from '../templates/service';
import { loadResolvedTemplate, problemsOf, recompute, totalFromE4, type EvaluationInput } from './compute';
import { diffPatch, type PatchOp, type Segment } from './patch';
import { prefillNewForm } from './prefill';
import { monthsBefore, parsePeriod } from './period';
import { moveRowAttachments, readRowOrigins, type RowOrigins } from './row-origins';
import * as repo from './repo';

export type { SubmissionRecord, SubmissionStatus, EventRecord } from './repo';

export const SUBMISSION_KINDS = ['declaration', 'monitoring', 'self-evaluation', 'other'] as const;
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const PERIOD = /^[A-Za-z0-9-]{1,16}$/;
const EDITABLE: readonly repo.SubmissionStatus[] = ['draft', 'returned'];
const MAX_COMMENT = 2000;

// ---- views -----------------------------------------------------------------------------------

export interface SubmissionSummary {
  id: number;
  projectId: number;
  department: string;
  kind: string;
  fiscalYear: number;
  period: string | null;
  templateId: string;
  templateVersion: string;
  status: repo.SubmissionStatus;
  total: number | null;
  grade: string | null;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
}

export interface SubmissionView extends SubmissionSummary {
  /** The inputs as stored (computed fields left out). */
  data: unknown;
  /** The inputs with every computed field filled by the server. */
  values: unknown;
  scores: unknown;
  trace: unknown;
}

export const summaryView = (s: repo.SubmissionRecord): SubmissionSummary => ({
  id: s.id,
  projectId: s.projectId,
  department: s.departmentCode,
  kind: s.kind,
  fiscalYear: s.fiscalYear,
  period: s.period === '' ? null : s.period,
  templateId: s.templateId,
  templateVersion: s.templateVersion,
  status: s.status,
  total: totalFromE4(s.totalE4),
  grade: s.grade,
  rowVersion: s.rowVersion,
  createdBy: s.createdBy,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  submittedAt: s.submittedAt,
  approvedAt: s.approvedAt,
});

export const submissionView = (s: repo.SubmissionRecord): SubmissionView => ({
  ...summaryView(s),
  data: s.data,
  values: s.values,
  scores: s.scores,
  trace: s.trace,
});

/**
 * The full view. Drafts do not store their trace (it changes with every autosave and only
 * explains the values): it is recomputed from the stored inputs with the TODAY() of their save.
 */
export async function fullView(db: Knex, scope: Scope, s: repo.SubmissionRecord): Promise<SubmissionView> {
  if (s.trace !== null) return submissionView(s);
  const template = await loadResolvedTemplate(db, s.templateId, s.templateVersion, s.departmentCode, scope.tree);
  const r = recompute(template, s.data, evaluationInput(s, s.updatedAt));
  return { ...submissionView(s), trace: r.computed.trace };
}

/** What the audit log keeps of a submission (the data itself is in the history events). */
const auditView = (s: repo.SubmissionRecord): Record<string, unknown> => ({ ...summaryView(s) });

// ---- scope -----------------------------------------------------------------------------------

/** The submission if it exists and is in scope, else 404. */
export async function getSubmissionInScope(db: Knex, scope: Scope, id: number): Promise<repo.SubmissionRecord> {
  const s = await repo.getSubmission(db, id);
  if (!s || !inScope(scope, s.departmentCode)) throw new NotFoundError('填报不存在', 'SUBMISSION_NOT_FOUND');
  return s;
}

/** For writes: 404 when missing, 403 when outside the scope. */
export async function getSubmissionForWrite(db: Knex, scope: Scope, id: number): Promise<repo.SubmissionRecord> {
  const s = await repo.getSubmission(db, id);
  if (!s) throw new NotFoundError('填报不存在', 'SUBMISSION_NOT_FOUND');
  if (!inScope(scope, s.departmentCode)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: s.departmentCode });
  return s;
}

/** Reviewers review departments below their own (a user with scope.all reviews any). */
function assertReviewable(user: SessionUser, scope: Scope, s: repo.SubmissionRecord): void {
  if (!inScope(scope, s.departmentCode)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: s.departmentCode });
  if (!scope.all && s.departmentCode === user.departmentCode) {
    throw new ForbiddenError('不能审核本部门的填报，应由上级部门审核', 'REVIEW_OWN_DEPARTMENT');
  }
}

function assertStatus(s: repo.SubmissionRecord, allowed: readonly repo.SubmissionStatus[], action: string): void {
  if (!allowed.includes(s.status)) {
    throw new ConflictError(`当前状态（${STATUS_LABELS[s.status]}）不能${action}`, 'INVALID_STATUS', { status: s.status, allowed });
  }
}

export const STATUS_LABELS: Readonly<Record<repo.SubmissionStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核通过',
};

const conflict = (current: number): ConflictError =>
  new ConflictError('填报已被他人修改，请刷新后重试（未保存任何内容）', 'VERSION_CONFLICT', { current });

// ---- evaluation context ---------------------------------------------------------------------

/**
 * `at`: the time of the write the evaluation is for (its `updated_at`), so that a draft's trace,
 * which is not stored, can be recomputed later with the same TODAY().
 */
function evaluationInput(s: { departmentCode: string; kind: string; period: string }, at: string): EvaluationInput {
  const input: EvaluationInput = { department: s.departmentCode, today: at.slice(0, 10) };
  const period = parsePeriod(s.period);
  if (period) input.month = period.month;
  return input;
}

// ---- list / read -----------------------------------------------------------------------------

export interface SubmissionFilter {
  projectId?: number;
  kind?: string;
  year?: number;
  status?: string;
  period?: string;
  department?: string;
  page: number;
  pageSize: number;
}

export async function listSubmissions(
  db: Knex,
  scope: Scope,
  f: SubmissionFilter,
  subtree: (code: string) => Promise<string[]>,
): Promise<{ items: SubmissionSummary[]; total: number; page: number; pageSize: number }> {
  let departments: string[] | null = scope.all ? null : [...scope.codes];
  if (f.department) departments = (await subtree(f.department)).filter((c) => inScope(scope, c));
  const { items, total } = await repo.listSubmissions(db, {
    departments,
    ...(f.projectId !== undefined ? { projectId: f.projectId } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.period !== undefined ? { period: f.period } : {}),
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map(summaryView), total, page: f.page, pageSize: f.pageSize };
}

// ---- writes ----------------------------------------------------------------------------------

export interface CreateInput {
  projectId: number;
  kind: string;
  period: string | null;
  data: Record<string, unknown>;
}

export async function createSubmission(db: Knex, actor: Actor, scope: Scope, input: CreateInput): Promise<SubmissionView> {
  if (!(SUBMISSION_KINDS as readonly string[]).includes(input.kind)) {
    throw ValidationError.single('kind', `填报类型应为 ${SUBMISSION_KINDS.join(' / ')}`, 'SUBMISSION_KIND');
  }
  const project = await getProjectForWrite(db, scope, input.projectId);
  let binding: templates.ResolvedBinding;
  try {
    binding = await templates.resolveBinding(db, scope, project.departmentCode, input.kind, project.fiscalYear);
  } catch (err) {
    if (err instanceof NotFoundError && err.code === 'NO_BINDING') throw ValidationError.single('kind', err.message, 'NO_BINDING');
    throw err;
  }
  const period = input.period ?? '';
  const at = now();
  const template = await loadResolvedTemplate(db, binding.templateId, binding.version, project.departmentCode, scope.tree);
  const data = await prefillNewForm(db, template, project, { kind: input.kind, period }, input.data);
  const r = recompute(template, data, evaluationInput({ departmentCode: project.departmentCode, kind: input.kind, period }, at));
  const problems = problemsOf(template, r, 'draft');
  if (problems.length > 0) throw new ValidationError(problems);

  return db.transaction(async (trx) => {
    if (await repo.findSubmission(trx, project.id, input.kind, period)) {
      throw new ConflictError('该项目的此类填报已存在', 'SUBMISSION_EXISTS', { projectId: project.id, kind: input.kind, period: input.period });
    }
    const fields: repo.NewSubmission = {
      projectId: project.id,
      departmentCode: project.departmentCode,
      kind: input.kind,
      fiscalYear: project.fiscalYear,
      period,
      templateId: binding.templateId,
      templateVersion: binding.version,
      status: 'draft',
      createdBy: actor.username,
    };
    const state = repo.storedState(r.inputs, r.computed, false);
    const id = await repo.insertSubmission(trx, fields, state, at);
    const after: repo.SubmissionRecord = {
      ...fields,
      id,
      data: r.inputs,
      ...r.computed,
      rowVersion: 1,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
      approvedAt: null,
    };
    await repo.insertEvent(trx, event(after, actor, 'create', null, null, at, { dataJson: state.dataJson, patchJson: null }));
    await recordAudit(trx, actor, { entityType: 'submission', entityId: id, action: 'create', after: { ...auditView(after), data: after.data } });
    return submissionView(after);
  });
}

/** What a history event stores of the inputs: a full snapshot, a patch against the previous state, or nothing. */
type EventData = { dataJson: string | null; patchJson: string | null };
const NO_DATA: EventData = { dataJson: null, patchJson: null };

/**
 * Autosaves store a patch in their history event; every SNAPSHOT_EVERY-th row version stores the
 * whole inputs instead, so reading a version replays at most that many patches.
 */
const SNAPSHOT_EVERY = 16;

function event(s: repo.SubmissionRecord, actor: Actor, action: string, from: string | null, comment: string | null, at: string, stored: EventData): repo.NewEvent {
  return {
    submissionId: s.id,
    action,
    fromStatus: from,
    toStatus: s.status,
    comment,
    rowVersion: s.rowVersion,
    ...stored,
    totalE4: s.totalE4,
    grade: s.grade,
    actorId: actor.userId,
    actor: actor.username,
    at,
  };
}

/** One state change: the action, the new status, and (save, submit) the new inputs with their computation. */
interface Transition {
  action: string;
  status: repo.SubmissionStatus;
  next?: { data: Record<string, unknown>; computed: repo.Computed; keepTrace: boolean };
  /** Rows moved in the form since the stored version: their attachments move with them. */
  rows?: RowOrigins;
  comment: string | null;
  submittedAt?: string;
  approvedAt?: string;
}

/** The row after `t`, from what is written (no read back). */
function afterState(before: repo.SubmissionRecord, t: Transition, at: string): repo.SubmissionRecord {
  return {
    ...before,
    ...(t.next ? { data: t.next.data, ...t.next.computed } : {}),
    status: t.status,
    rowVersion: before.rowVersion + 1,
    updatedAt: at,
    ...(t.submittedAt !== undefined ? { submittedAt: t.submittedAt } : {}),
    ...(t.approvedAt !== undefined ? { approvedAt: t.approvedAt } : {}),
  };
}

/** The audit form of a patch: each changed path with its value before and after. */
function auditChanges(before: unknown, ops: readonly PatchOp[]): DataChange[] {
  return ops.map((op) => {
    const path = formatPath(op.p);
    const was = valueAt(before, op.p);
    if ('d' in op) return { path, kind: 'removed', before: was };
    return was === undefined ? { path, kind: 'added', after: op.v } : { path, kind: 'changed', before: was, after: op.v };
  });
}

/**
 * One state change, in one transaction: optimistic update, history event, audit row. The audit
 * row keeps the changed paths of the inputs (before/after values), not copies of the whole data:
 * the history events hold the snapshots.
 */
async function change(db: Knex, actor: Actor, before: repo.SubmissionRecord, rowVersion: number, t: Transition, at: string): Promise<repo.SubmissionRecord> {
  if (rowVersion !== before.rowVersion) throw conflict(before.rowVersion);
  const state = t.next ? repo.storedState(t.next.data, t.next.computed, t.next.keepTrace) : undefined;
  const after = afterState(before, t, at);
  const ops = t.next ? diffPatch(before.data, after.data) : undefined;
  let eventData = NO_DATA;
  if (state && ops) {
    const patch = t.action === 'save' && after.rowVersion % SNAPSHOT_EVERY !== 0;
    eventData = patch ? { dataJson: null, patchJson: JSON.stringify(ops) } : { dataJson: state.dataJson, patchJson: null };
  }
  const ch: repo.SubmissionChange = {
    status: t.status,
    ...(state ? { state } : {}),
    ...(t.submittedAt !== undefined ? { submittedAt: t.submittedAt } : {}),
    ...(t.approvedAt !== undefined ? { approvedAt: t.approvedAt } : {}),
  };
  return db.transaction(async (trx) => {
    const changed = await repo.updateSubmission(trx, before.id, rowVersion, ch, at);
    if (changed === 0) {
      const current = await repo.getSubmissionSummary(trx, before.id);
      throw conflict(current?.rowVersion ?? before.rowVersion);
    }
    const moved = t.rows ? await moveRowAttachments(trx, before.id, t.rows) : [];
    await repo.insertEvent(trx, event(after, actor, t.action, before.status, t.comment, at, eventData));
    await recordAudit(trx, actor, {
      entityType: 'submission',
      entityId: before.id,
      action: t.action,
      before: auditView(before),
      after: {
        ...auditView(after),
        ...(t.comment !== null ? { comment: t.comment } : {}),
        ...(ops ? { changes: auditChanges(before.data, ops) } : {}),
        ...(moved.length > 0 ? { attachmentsMoved: moved } : {}),
      },
    });
    return after;
  });
}

/** The row before a save or submit: summary and inputs (404 / 403 as `getSubmissionForWrite`). */
async function headForWrite(db: Knex, scope: Scope, id: number): Promise<repo.SubmissionRecord> {
  const s = await repo.getSubmissionHead(db, id);
  if (!s) throw new NotFoundError('填报不存在', 'SUBMISSION_NOT_FOUND');
  if (!inScope(scope, s.departmentCode)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: s.departmentCode });
  return s;
}

/**
 * Save the inputs of a draft (or a returned submission): shape checks only. Returns the new
 * state; the route answers with its summary (autosave needs the row version, total and grade).
 * `rowsRaw`: the rows moved since the stored version (row-origins.ts), so attachments follow them.
 */
export async function saveSubmission(
  db: Knex,
  actor: Actor,
  scope: Scope,
  id: number,
  rowVersion: number,
  data: Record<string, unknown>,
  rowsRaw?: Record<string, unknown>,
): Promise<repo.SubmissionRecord> {
  const rows = readRowOrigins(rowsRaw, data);
  const before = await headForWrite(db, scope, id);
  assertStatus(before, EDITABLE, '修改');
  const at = now();
  const template = await loadResolvedTemplate(db, before.templateId, before.templateVersion, before.departmentCode, scope.tree);
  const r = recompute(template, data, evaluationInput(before, at));
  const problems = problemsOf(template, r, 'draft');
  if (problems.length > 0) throw new ValidationError(problems);
  const next = { data: r.inputs, computed: r.computed, keepTrace: false };
  return change(db, actor, before, rowVersion, { action: 'save', status: before.status, next, comment: null, ...(rows ? { rows } : {}) }, at);
}

/** Submit (or resubmit after a return): full validation; `data`, when given, is saved with it. The trace is kept from here on. */
export async function submitSubmission(db: Knex, actor: Actor, scope: Scope, id: number, rowVersion: number, data: Record<string, unknown> | undefined): Promise<SubmissionView> {
  const before = await headForWrite(db, scope, id);
  assertStatus(before, EDITABLE, '提交');
  const at = now();
  const template = await loadResolvedTemplate(db, before.templateId, before.templateVersion, before.departmentCode, scope.tree);
  const r = recompute(template, data ?? before.data, evaluationInput(before, at));
  const problems = problemsOf(template, r, 'submit');
  if (problems.length > 0) throw new ValidationError(problems, '填报未通过校验，请修改后再提交');
  const action = before.status === 'returned' ? 'resubmit' : 'submit';
  const next = { data: r.inputs, computed: r.computed, keepTrace: true };
  return submissionView(await change(db, actor, before, rowVersion, { action, status: 'submitted', next, comment: null, submittedAt: at }, at));
}

function readComment(comment: string | undefined, required: boolean): string | null {
  const c = (comment ?? '').trim();
  if (c === '') {
    if (required) throw ValidationError.single('comment', '退回时必须填写意见', 'COMMENT_REQUIRED');
    return null;
  }
  if (c.length > MAX_COMMENT) throw ValidationError.single('comment', `意见最多 ${MAX_COMMENT} 个字符`, 'TOO_LONG');
  return c;
}

export async function returnSubmission(db: Knex, actor: Actor, user: SessionUser, scope: Scope, id: number, rowVersion: number, comment: string | undefined): Promise<SubmissionView> {
  const text = readComment(comment, true);
  const before = await getSubmissionForWrite(db, scope, id);
  assertReviewable(user, scope, before);
  assertStatus(before, ['submitted'], '退回');
  return fullView(db, scope, await change(db, actor, before, rowVersion, { action: 'return', status: 'returned', comment: text }, now()));
}

export async function approveSubmission(db: Knex, actor: Actor, user: SessionUser, scope: Scope, id: number, rowVersion: number, comment: string | undefined): Promise<SubmissionView> {
  const text = readComment(comment, false);
  const before = await getSubmissionForWrite(db, scope, id);
  assertReviewable(user, scope, before);
  assertStatus(before, ['submitted'], '审核通过');
  const at = now();
  return fullView(db, scope, await change(db, actor, before, rowVersion, { action: 'approve', status: 'approved', comment: text, approvedAt: at }, at));
}

/** Deletes a draft (never submitted); returns the stored names of its attachments, to remove from disk. */
export async function deleteSubmission(db: Knex, actor: Actor, scope: Scope, id: number, rowVersion: number | undefined): Promise<string[]> {
  return db.transaction(async (trx) => {
    const before = await getSubmissionForWrite(trx, scope, id);
    assertStatus(before, ['draft'], '删除');
    if (rowVersion !== undefined && rowVersion !== before.rowVersion) throw conflict(before.rowVersion);
    const stored = (await filesRepo.listAttachments(trx, id)).map((a) => a.storedName);
    await filesRepo.deleteAttachmentsOf(trx, id);
    await repo.deleteSubmission(trx, id);
    await recordAudit(trx, actor, { entityType: 'submission', entityId: id, action: 'delete', before: { ...auditView(before), data: before.data } });
    return stored;
  });
}

// ---- history and diffs -----------------------------------------------------------------------

export interface HistoryEntry {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
  rowVersion: number;
  total: number | null;
  grade: string | null;
  actor: string | null;
  at: string;
  /** Whether this entry holds a snapshot of the inputs (diffable with `rowVersion`). */
  hasData: boolean;
}

export async function history(db: Knex, scope: Scope, id: number): Promise<{ items: HistoryEntry[] }> {
  const s = await getSubmissionInScope(db, scope, id);
  const events = await repo.listEvents(db, s.id);
  return {
    items: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      comment: e.comment,
      rowVersion: e.rowVersion,
      total: totalFromE4(e.totalE4),
      grade: e.grade,
      actor: e.actor,
      at: e.at,
      hasData: e.hasData,
    })),
  };
}

export interface DataChange {
  /** Data path: `funds.spent`, `indicators[2].actual`. */
  path: string;
  /** `added` (absent before), `removed` (absent after) or `changed`. */
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLeaf = (v: unknown): boolean => !isRecord(v) && !Array.isArray(v);

/** `['indicators', 2, 'actual']` → `indicators[2].actual` (the paths of `diffData`). */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function valueAt(doc: unknown, segments: readonly Segment[]): unknown {
  let cur = doc;
  for (const s of segments) {
    if (Array.isArray(cur) && typeof s === 'number') cur = cur[s];
    else if (isRecord(cur) && typeof s === 'string' && Object.prototype.hasOwnProperty.call(cur, s)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/** Leaf-level differences between two JSON documents. */
export function diffData(a: unknown, b: unknown, path = '', out: DataChange[] = []): DataChange[] {
  if (isLeaf(a) || isLeaf(b) || Array.isArray(a) !== Array.isArray(b)) {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      if (a === undefined) out.push({ path, kind: 'added', after: b });
      else if (b === undefined) out.push({ path, kind: 'removed', before: a });
      else out.push({ path, kind: 'changed', before: a, after: b });
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diffData(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  for (const k of keys) diffData(ra[k], rb[k], path === '' ? k : `${path}.${k}`, out);
  return out;
}

/** What changed in the inputs between row versions `from` and `to` (default: the current one). */
export async function diff(db: Knex, scope: Scope, id: number, from: number, to: number | undefined): Promise<{ from: number; to: number; changes: DataChange[] }> {
  const s = await getSubmissionInScope(db, scope, id);
  const target = to ?? s.rowVersion;
  if (from < 1 || from > s.rowVersion) throw new NotFoundError(`没有版本 ${from}`, 'SUBMISSION_VERSION_NOT_FOUND');
  if (target < 1 || target > s.rowVersion) throw new NotFoundError(`没有版本 ${target}`, 'SUBMISSION_VERSION_NOT_FOUND');
  const a = await repo.snapshotAt(db, s.id, from);
  const b = await repo.snapshotAt(db, s.id, target);
  if (!a || !b) throw new NotFoundError('没有该版本的数据', 'SUBMISSION_VERSION_NOT_FOUND');
  return { from, to: target, changes: diffData(a.data, b.data) };
}
