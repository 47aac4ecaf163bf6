/** 部门管理: create, rename, move, reorder, disable departments (org.manage). */
import { api } from './client';
import type { Department } from './endpoints';

export interface DepartmentChange {
  name?: string;
  /** The new department above; null makes it a root (needs scope.all). */
  parent?: string | null;
  sortOrder?: number;
  enabled?: boolean;
}

/** EXISTS: POST /api/departments {code, name, parent} → 201 department; 409 DEPARTMENT_EXISTS, 422 unknown parent, 403 outside scope. */
export const createDepartment = (d: { code: string; name: string; parent: string | null }) => api.post<Department>('/api/departments', d);
/** EXISTS: PATCH /api/departments/:code → department; 422 DEPARTMENT_CYCLE when moved under itself or a descendant. */
export const updateDepartment = (code: string, change: DepartmentChange) => api.patch<Department>(`/api/departments/${encodeURIComponent(code)}`, change);
