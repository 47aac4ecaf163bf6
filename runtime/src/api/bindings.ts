/** 关联模板: which published template version a department uses for a kind of form and a fiscal year. */
import { api, ApiError } from './client';
import { resolveBinding, type ResolvedBinding, type SubmissionKind } from './endpoints';

export interface Binding {
  id: number;
  department: string;
  kind: SubmissionKind;
  year: number;
  templateId: string;
  version: string;
  createdAt: string;
  updatedAt: string;
}

/** EXISTS: GET /api/bindings?department&kind&year → {items} (in scope; `department` names one department). */
export const listBindings = (q: { department?: string; kind?: SubmissionKind; year?: number }) => api.get<{ items: Binding[] }>('/api/bindings', q);
/** EXISTS: PUT /api/bindings {department, kind, year, templateId, version} → the binding (created or replaced). */
export const putBinding = (b: Pick<Binding, 'department' | 'kind' | 'year' | 'templateId' | 'version'>) => api.put<Binding>('/api/bindings', b);
/** EXISTS: DELETE /api/bindings/:id → 204 (the department then inherits again). */
export const deleteBinding = (id: number) => api.delete<void>(`/api/bindings/${id}`);

/** The binding a department uses for a kind and year (its own or inherited); null when there is none (404). */
export async function resolveBindingOrNull(department: string, kind: SubmissionKind, year: number): Promise<ResolvedBinding | null> {
  try {
    return await resolveBinding(department, kind, year);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
