/** 项目库 upkeep (project.manage): create and edit projects, import them from Excel. */
import { api, errorFromResponse } from './client';
import type { Project } from './endpoints';

/** The fields a project form sends; money as decimal text in 元. */
export interface ProjectFields {
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType?: string | null;
  attribute?: string | null;
  requested?: string;
  initialBudget?: string;
  adjustment?: string;
}

/** EXISTS: POST /api/projects → 201 project; 422 per field, 409 PROJECT_CODE_TAKEN. */
export const createProject = (p: ProjectFields) => api.post<Project>('/api/projects', p);
/** EXISTS: PATCH /api/projects/:id {rowVersion, …fields} → project; 409 VERSION_CONFLICT. */
export const updateProject = (id: number, rowVersion: number, p: Partial<ProjectFields>) => api.patch<Project>(`/api/projects/${id}`, { rowVersion, ...p });

/** EXISTS: GET /api/projects/import-template.xlsx — header, an example row, a 说明 sheet. */
export const IMPORT_TEMPLATE_URL = '/api/projects/import-template.xlsx';

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
}

/** One problem of an import: Excel row number (header = 1), column and message. */
export interface ImportProblem {
  row?: number;
  column?: string;
  message: string;
}

/** EXISTS: POST /api/projects/import (multipart `file`) → result; 422 IMPORT_INVALID with every problem, nothing imported. */
export async function importProjects(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const path = '/api/projects/import';
  const res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const text = await res.text();
  let data: unknown;
  try {
    data = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    data = undefined; // not JSON (a proxy's error page): the status says what happened
  }
  if (!res.ok) throw errorFromResponse(res.status, data, path);
  return data as ImportResult;
}

/** The problems of a failed import (422 details). */
export function importProblems(details: unknown): ImportProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d): ImportProblem[] => {
    if (typeof d !== 'object' || d === null) return [];
    const r = d as Record<string, unknown>;
    if (typeof r['message'] !== 'string') return [];
    return [{ message: r['message'], ...(typeof r['row'] === 'number' ? { row: r['row'] } : {}), ...(typeof r['column'] === 'string' ? { column: r['column'] } : {}) }];
  });
}
