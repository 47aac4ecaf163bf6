/** submissions and submission_events (knex only). */
import type { Knex } from 'knex';
import { CorruptJsonColumnError, fromJsonColumn, toJsonColumn } from '../../db/json';
import { applyPatch, isPatch } from './patch';
import { fenFromDb, fenToDb } from '../../db/money';
import { toInt } from '../../db/time';

type Row = Record<string, unknown>;

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface Computed {
  values: unknown;
  scores: unknown;
  /** Total × 10⁴ (fixed-scale integer), null when there is no numeric total. */
  totalE4: bigint | null;
  grade: string | null;
  trace: unknown;
}

export interface SubmissionRecord extends Computed {
  id: number;
  projectId: number;
  departmentCode: string;
  kind: string;
  fiscalYear: number;
  /** '' when the kind has none. */
  period: string;
  templateId: string;
  templateVersion: string;
  status: SubmissionStatus;
  data: unknown;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
}

export interface EventRecord {
  id: number;
  submissionId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
  rowVersion: number;
  data: unknown;
  totalE4: bigint | null;
  grade: string | null;
  actorId: number | null;
  actor: string | null;
  at: string;
  /** Whether the event holds a data snapshot (also known when `data` was not loaded). */
  hasData: boolean;
}

const present = (v: unknown): boolean => v !== null && v !== undefined;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const e4 = (v: unknown): bigint | null => (v === null || v === undefined ? null : fenFromDb(v));

const SUMMARY_COLUMNS = [
  'id', 'project_id', 'department_code', 'kind', 'fiscal_year', 'period', 'template_id', 'template_version', 'status', 'total_e4', 'grade',
  'row_version', 'created_by', 'created_at', 'updated_at', 'submitted_at', 'approved_at',
];

const toSubmission = (r: Row): SubmissionRecord => ({
  id: toInt(r.id),
  projectId: toInt(r.project_id),
  departmentCode: String(r.department_code),
  kind: String(r.kind),
  fiscalYear: toInt(r.fiscal_year),
  period: String(r.period ?? ''),
  templateId: String(r.template_id),
  templateVersion: String(r.template_version),
  status: String(r.status) as SubmissionStatus,
  data: r.data_json === undefined ? null : fromJsonColumn(r.data_json),
  values: r.values_json === undefined ? null : fromJsonColumn(r.values_json),
  scores: r.scores_json === undefined ? null : fromJsonColumn(r.scores_json),
  totalE4: e4(r.total_e4),
  grade: str(r.grade),
  trace: r.trace_json === undefined ? null : fromJsonColumn(r.trace_json),
  rowVersion: toInt(r.row_version),
  createdBy: str(r.created_by),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
  submittedAt: str(r.submitted_at),
  approvedAt: str(r.approved_at),
});

const toEvent = (r: Row): EventRecord => ({
  id: toInt(r.id),
  submissionId: toInt(r.submission_id),
  action: String(r.action),
  fromStatus: str(r.from_status),
  toStatus: String(r.to_status),
  comment: str(r.comment),
  rowVersion: toInt(r.row_version),
  data: r.data_json === undefined ? null : fromJsonColumn(r.data_json),
  totalE4: e4(r.total_e4),
  grade: str(r.grade),
  actorId: r.actor_id === null || r.actor_id === undefined ? null : toInt(r.actor_id),
  actor: str(r.actor),
  at: String(r.at),
  hasData: r.has_data !== undefined ? Number(r.has_data) === 1 : present(r.data_json) || present(r.data_patch_json),
});

/**
 * The JSON texts of one state of a submission, stringified once: the row and its history event
 * share the inputs' text. `trace` is null when it is not kept (drafts: computed on demand).
 */
export interface StoredState {
  dataJson: string;
  valuesJson: string | null;
  scoresJson: string | null;
  traceJson: string | null;
  totalE4: bigint | null;
  grade: string | null;
}

export function storedState(data: unknown, c: Computed, keepTrace: boolean): StoredState {
  return {
    dataJson: toJsonColumn(data ?? {}) as string,
    valuesJson: toJsonColumn(c.values),
    scoresJson: toJsonColumn(c.scores),
    traceJson: keepTrace ? toJsonColumn(c.trace) : null,
    totalE4: c.totalE4,
    grade: c.grade,
  };
}

const stateColumns = (st: StoredState): Row => ({
  data_json: st.dataJson,
  values_json: st.valuesJson,
  scores_json: st.scoresJson,
  total_e4: st.totalE4 === null ? null : fenToDb(st.totalE4),
  grade: st.grade,
  trace_json: st.traceJson,
});

export interface SubmissionQuery {
  departments: string[] | null;
  projectId?: number;
  kind?: string;
  year?: number;
  status?: string;
  period?: string;
  limit: number;
  offset: number;
}

function filtered(db: Knex, q: SubmissionQuery): Knex.QueryBuilder {
  const b = db('submissions');
  if (q.departments) b.whereIn('department_code', q.departments);
  if (q.projectId !== undefined) b.where('project_id', q.projectId);
  if (q.kind) b.where('kind', q.kind);
  if (q.year !== undefined) b.where('fiscal_year', q.year);
  if (q.status) b.where('status', q.status);
  if (q.period !== undefined) b.where('period', q.period);
  return b;
}

/** Summaries (no data / values / trace). */
export async function listSubmissions(db: Knex, q: SubmissionQuery): Promise<{ items: SubmissionRecord[]; total: number }> {
  const countRow = (await filtered(db, q).count({ n: '*' }).first()) as Row | undefined;
  const rows = (await filtered(db, q)
    .select(SUMMARY_COLUMNS)
    .orderBy([{ column: 'fiscal_year', order: 'desc' }, { column: 'updated_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(q.limit)
    .offset(q.offset)) as Row[];
  return { items: rows.map(toSubmission), total: countRow ? toInt(countRow.n) : 0 };
}

export async function getSubmission(db: Knex, id: number): Promise<SubmissionRecord | undefined> {
  const r = (await db('submissions').where({ id }).first()) as Row | undefined;
  return r ? toSubmission(r) : undefined;
}

/** The summary and the inputs, without the computed documents (what a save needs of the row before). */
export async function getSubmissionHead(db: Knex, id: number): Promise<SubmissionRecord | undefined> {
  const r = (await db('submissions').select([...SUMMARY_COLUMNS, 'data_json']).where({ id }).first()) as Row | undefined;
  return r ? toSubmission(r) : undefined;
}

/** Department of a submission without loading its documents. */
export async function getSubmissionSummary(db: Knex, id: number): Promise<SubmissionRecord | undefined> {
  const r = (await db('submissions').select(SUMMARY_COLUMNS).where({ id }).first()) as Row | undefined;
  return r ? toSubmission(r) : undefined;
}

export async function findSubmission(db: Knex, projectId: number, kind: string, period: string): Promise<SubmissionRecord | undefined> {
  const r = (await db('submissions').select(SUMMARY_COLUMNS).where({ project_id: projectId, kind, period }).first()) as Row | undefined;
  return r ? toSubmission(r) : undefined;
}

export interface NewSubmission {
  projectId: number;
  departmentCode: string;
  kind: string;
  fiscalYear: number;
  period: string;
  templateId: string;
  templateVersion: string;
  status: SubmissionStatus;
  createdBy: string | null;
}

export async function insertSubmission(db: Knex, s: NewSubmission, st: StoredState, at: string): Promise<number> {
  const ids = (await db('submissions').insert({
    project_id: s.projectId,
    department_code: s.departmentCode,
    kind: s.kind,
    fiscal_year: s.fiscalYear,
    period: s.period,
    template_id: s.templateId,
    template_version: s.templateVersion,
    status: s.status,
    ...stateColumns(st),
    row_version: 1,
    created_by: s.createdBy,
    created_at: at,
    updated_at: at,
  })) as unknown[];
  return toInt(ids[0]);
}

export interface SubmissionChange {
  status: SubmissionStatus;
  /** The new inputs and computed documents; absent when only the status changes (return, approve). */
  state?: StoredState;
  submittedAt?: string | null;
  approvedAt?: string | null;
}

/** Optimistic update: `UPDATE … WHERE id = ? AND row_version = ?`; returns rows changed (0 = stale). */
export async function updateSubmission(db: Knex, id: number, expected: number, ch: SubmissionChange, at: string): Promise<number> {
  return db('submissions')
    .where({ id, row_version: expected })
    .update({
      status: ch.status,
      ...(ch.state !== undefined ? stateColumns(ch.state) : {}),
      ...(ch.submittedAt !== undefined ? { submitted_at: ch.submittedAt } : {}),
      ...(ch.approvedAt !== undefined ? { approved_at: ch.approvedAt } : {}),
      row_version: expected + 1,
      updated_at: at,
    });
}

export async function deleteSubmission(db: Knex, id: number): Promise<void> {
  await db('submission_events').where({ submission_id: id }).delete();
  await db('submissions').where({ id }).delete();
}

/**
 * A new history event. `dataJson`: a full snapshot of the inputs (the row's text); `patchJson`:
 * the change from the previous snapshot instead (patch.ts); both null when the action left the
 * inputs as they were (return, approve).
 */
export type NewEvent = Omit<EventRecord, 'id' | 'hasData' | 'data'> & { dataJson: string | null; patchJson: string | null };

export async function insertEvent(db: Knex, e: NewEvent): Promise<void> {
  await db('submission_events').insert({
    submission_id: e.submissionId,
    action: e.action,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    comment: e.comment,
    row_version: e.rowVersion,
    data_json: e.dataJson,
    data_patch_json: e.patchJson,
    total_e4: e.totalE4 === null ? null : fenToDb(e.totalE4),
    grade: e.grade,
    actor_id: e.actorId,
    actor: e.actor,
    at: e.at,
  });
}

/** The events of a submission, oldest first, without their data (`hasData` says whether they carry some). */
export async function listEvents(db: Knex, submissionId: number): Promise<EventRecord[]> {
  const rows = (await db('submission_events')
    .where({ submission_id: submissionId })
    .orderBy('id')
    .select(['id', 'submission_id', 'action', 'from_status', 'to_status', 'comment', 'row_version', 'total_e4', 'grade', 'actor_id', 'actor', 'at', db.raw('case when data_json is null and data_patch_json is null then 0 else 1 end as has_data')])) as Row[];
  return rows.map(toEvent);
}

/**
 * The inputs as they were at row version `rowVersion`: the latest full snapshot at or before it,
 * with the patches of the saves after it replayed. Undefined when no event up to there has data.
 */
export async function snapshotAt(db: Knex, submissionId: number, rowVersion: number): Promise<{ rowVersion: number; data: unknown } | undefined> {
  const base = (await db('submission_events')
    .select('row_version', 'data_json')
    .where({ submission_id: submissionId })
    .where('row_version', '<=', rowVersion)
    .whereNotNull('data_json')
    .orderBy([{ column: 'row_version', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first()) as Row | undefined;
  if (!base) return undefined;
  const baseVersion = toInt(base.row_version);
  const patches = (await db('submission_events')
    .select('row_version', 'data_patch_json')
    .where({ submission_id: submissionId })
    .where('row_version', '>', baseVersion)
    .where('row_version', '<=', rowVersion)
    .whereNotNull('data_patch_json')
    .orderBy([{ column: 'row_version' }, { column: 'id' }])) as Row[];
  let data = fromJsonColumn(base.data_json);
  let at = baseVersion;
  for (const p of patches) {
    const ops = fromJsonColumn(p.data_patch_json);
    if (!isPatch(ops)) throw new CorruptJsonColumnError(`submission ${submissionId}: history patch at version ${String(p.row_version)} is not a patch`);
    data = applyPatch(data, ops);
    at = toInt(p.row_version);
  }
  return { rowVersion: at, data };
}

/** Per project, the latest submission of each kind (by period, then last change): summaries. */
export async function latestByProject(db: Knex, projectIds: readonly number[]): Promise<Map<number, Map<string, SubmissionRecord>>> {
  const out = new Map<number, Map<string, SubmissionRecord>>();
  if (projectIds.length === 0) return out;
  const rows = (await db('submissions')
    .select(SUMMARY_COLUMNS)
    .whereIn('project_id', [...projectIds])
    .orderBy([{ column: 'period' }, { column: 'updated_at' }, { column: 'id' }])) as Row[];
  for (const r of rows) {
    const s = toSubmission(r);
    let m = out.get(s.projectId);
    if (!m) out.set(s.projectId, (m = new Map()));
    m.set(s.kind, s); // later rows win
  }
  return out;
}
