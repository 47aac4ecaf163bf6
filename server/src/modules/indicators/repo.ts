/** Reads for the indicator library API: library generations, and indicator rows used by submissions (knex only). */
import type { Knex } from 'knex';
import { fromJsonColumn } from '../../db/json';
import { toInt } from '../../db/time';

/** Per pack: row count and highest row id — changes whenever a pack's library is replaced. */
export async function libraryGenerations(db: Knex): Promise<Map<string, string>> {
  const rows = (await db('indicators').select('pack').count({ n: '*' }).max({ m: 'id' }).groupBy('pack').orderBy('pack')) as Record<string, unknown>[];
  return new Map(rows.map((r) => [String(r.pack), `${String(r.n)}:${String(r.m)}`]));
}

export interface SubmissionData {
  submissionId: number;
  projectId: number;
  kind: string;
  data: unknown;
}

/** The data (computed values when present) of the given projects' submissions of `kinds`. */
export async function submissionData(db: Knex, projectIds: readonly number[], kinds: readonly string[]): Promise<SubmissionData[]> {
  const out: SubmissionData[] = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = (await db('submissions')
      .select('id', 'project_id', 'kind', 'data_json', 'values_json')
      .whereIn('project_id', projectIds.slice(i, i + 500))
      .whereIn('kind', [...kinds])
      .orderBy('id')) as Record<string, unknown>[];
    for (const r of rows) {
      out.push({ submissionId: toInt(r.id), projectId: toInt(r.project_id), kind: String(r.kind), data: fromJsonColumn(r.values_json ?? r.data_json) ?? fromJsonColumn(r.data_json) });
    }
  }
  return out;
}
