/**
 * A form's project data may go stale: a monitoring form started in May before the finance office
 * entered May's last payment, a project whose budget was adjusted after the form was created.
 * This compares what the form took from the project when it was created (`x-project` fields,
 * `x-payments` tables) with what the project says now, and answers the form's data with the new
 * values put in. A value the unit changed is offered only when the project changed too. The unit applies it with an ordinary save (PUT), so validation, optimistic locking,
 * history and audit are the save's. `x-declaration` tables are not offered: their rows carry the
 * unit's own entries and per-row attachments.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { fieldsOf, type Template } from '@jixiao/engine';
import type { Scope } from '../../http/types';
import * as projectsRepo from '../projects/repo';
import { getIn, loadResolvedTemplate } from './compute';
import { prefillFromProjectData } from './prefill';
import { snapshotAt, type SubmissionRecord } from './repo';

export interface ProjectDataChange {
  /** dotted data path ("priorSpent", "basics.requested", "payments") */
  path: string;
  title: string;
  current: unknown;
  fresh: unknown;
}

export interface ProjectData {
  rowVersion: number;
  changes: ProjectDataChange[];
  /** the form's data with every change applied */
  data: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function setAt(doc: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let holder = doc;
  for (const k of segments.slice(0, -1)) {
    const next = holder[k];
    if (!isRecord(next)) holder[k] = {};
    holder = holder[k] as Record<string, unknown>;
  }
  holder[segments[segments.length - 1] as string] = value;
}

/** The fields filled from the project: x-project scalars outside rows, x-payments root tables. */
function projectFields(template: Template) {
  return fieldsOf(template).list.filter((f) => (f.schema['x-project'] !== undefined && f.array === undefined && !f.computed) || (f.schema['x-payments'] !== undefined && f.depth === 0));
}

export async function projectData(db: Knex, scope: Scope, s: SubmissionRecord): Promise<ProjectData> {
  const stored = isRecord(s.data) ? s.data : {};
  const none: ProjectData = { rowVersion: s.rowVersion, changes: [], data: stored };
  const project = await projectsRepo.getProject(db, s.projectId);
  if (!project) return none;
  const template = await loadResolvedTemplate(db, s.templateId, s.templateVersion, s.departmentCode, scope.tree);
  const fields = projectFields(template);
  if (fields.length === 0) return none;
  const fresh = await prefillFromProjectData(db, template, project, { kind: s.kind, period: s.period }, {});
  // what the form held when it was created: a value the unit changed while the project did not is theirs
  const created = (await snapshotAt(db, s.id, 1))?.data;
  const data = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
  const changes: ProjectDataChange[] = [];
  for (const f of fields) {
    const next = getIn(fresh, f.segments);
    const current = getIn(stored, f.segments);
    if (next === undefined || isDeepStrictEqual(next, current)) continue;
    if (created !== undefined && isDeepStrictEqual(next, getIn(created, f.segments))) continue;
    changes.push({ path: f.path, title: f.schema.title ?? f.key, current: current ?? null, fresh: next });
    setAt(data, f.segments, next);
  }
  return { rowVersion: s.rowVersion, changes, data };
}
