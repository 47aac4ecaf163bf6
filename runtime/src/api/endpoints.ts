/**
 * Every server endpoint the runtime uses, typed, as documented in docs/api.md (server/src/modules).
 * When a page needs an endpoint the server does not offer, it is added here marked EXPECTED with
 * its method, path, body and response.
 */
import type { TemplateDoc } from '../form/template-types';
import { api } from './client';

// ---- session and organisation (EXISTS)

export interface Me {
  user: { id: number; username: string; displayName: string };
  department: { code: string; name: string } | null;
  roles: Array<{ code: string; name: string }>;
  permissions: string[];
  scope: { all: boolean; departments: string[] };
}

export interface Department {
  code: string;
  name: string;
  /** The department above; null for a root of the user's scope tree. */
  parent: string | null;
  enabled?: boolean;
  sortOrder?: number;
}

export interface DepartmentTreeNode {
  code: string;
  name: string;
  children?: DepartmentTreeNode[];
  [k: string]: unknown;
}

/** EXISTS: POST /api/auth/login {username, password} → Me (+ session cookie). */
export const login = (username: string, password: string) => api.post<Me>('/api/auth/login', { username, password });
/** EXISTS: POST /api/auth/logout → 204. */
export const logout = () => api.post<void>('/api/auth/logout');
/** EXISTS: GET /api/me → Me. */
export const getMe = () => api.get<Me>('/api/me');
/** EXISTS: GET /api/departments → {items, tree} (the user's scope). */
export const listDepartments = () => api.get<{ items: Department[]; tree: DepartmentTreeNode[] }>('/api/departments');

// ---- templates (EXISTS)

export type SubmissionKind = 'declaration' | 'monitoring' | 'self-evaluation' | 'other';

export interface TemplateSummary {
  id: string;
  kind: string;
  title: string;
  latestVersion: string;
  versions: string[];
}

export interface TemplateVersion {
  templateId: string;
  version: string;
  kind: string;
  title: string;
  publishedAt: string;
  template: TemplateDoc;
}

export interface ResolvedBinding {
  department: string;
  kind: string;
  year: number;
  templateId: string;
  version: string;
  inheritedFrom: string;
  inherited: boolean;
}

/** EXISTS: GET /api/templates?kind= → {items: TemplateSummary[]}. */
export const listTemplates = (kind?: string) => api.get<{ items: TemplateSummary[] }>('/api/templates', { kind });
/** EXISTS: GET /api/templates/:id/versions/:version → TemplateVersion. */
export const getTemplateVersion = (id: string, version: string) =>
  api.get<TemplateVersion>(`/api/templates/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`);
/** EXISTS: GET /api/bindings/resolve?department&kind&year → ResolvedBinding. */
export const resolveBinding = (department: string, kind: SubmissionKind, year: number) =>
  api.get<ResolvedBinding>('/api/bindings/resolve', { department, kind, year });

// ---- projects (EXISTS: server/src/modules/projects)

export interface Project {
  id: number;
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType: string | null;
  attribute: string | null;
  /** Amounts in 元 as decimal text with two decimals ("4074000.00"). */
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  status: string;
  rowVersion: number;
}

/** EXISTS: GET /api/projects?year&department&keyword&page&pageSize → {items, total, page, pageSize} (scope: the department and below). */
export const listProjects = (q: { department?: string; year?: number; keyword?: string; page?: number; pageSize?: number }) =>
  api.get<{ items: Project[]; total: number; page: number; pageSize: number }>('/api/projects', q);
/** EXISTS: GET /api/projects/:id → Project. */
export const getProject = (id: number) => api.get<Project>(`/api/projects/${id}`);

// ---- monitoring figures (EXISTS: server/src/modules/monitoring)

export interface AmountsView {
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  spent: string;
  balance: string;
  /** 支出进度 = spent / adjusted as a percentage truncated to 2 dp ("11.04"); null when the budget is 0. */
  progress: string | null;
  display: { requested: string; initialBudget: string; adjustment: string; adjusted: string; spent: string; balance: string; progress: string };
}

export interface WarningView {
  light: 'green' | 'yellow' | 'red';
  lightText: string;
  status: string;
  value: string;
}

export interface DepartmentMonitoring extends AmountsView {
  department: { code: string; name: string };
  projects: number;
  warning: WarningView;
}

export interface DepartmentsView {
  year: number;
  month: number;
  timeProgress: string;
  items: DepartmentMonitoring[];
  total: AmountsView & { projects: number; warning: WarningView };
}

/** EXISTS: GET /api/monitoring/departments?year&month → DepartmentsView (departments in scope with projects). */
export const getDepartmentMonitoring = (year: number, month?: number) => api.get<DepartmentsView>('/api/monitoring/departments', { year, month });

// ---- submissions (EXISTS: server/src/modules/submissions)

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface SubmissionSummary {
  id: number;
  projectId: number;
  department: string;
  kind: SubmissionKind;
  fiscalYear: number;
  /** Monitoring period ("2025-06"), null for the other kinds. */
  period: string | null;
  templateId: string;
  templateVersion: string;
  status: SubmissionStatus;
  total: number | null;
  grade: string | null;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
}

export interface Submission extends SubmissionSummary {
  /** The inputs as stored (computed fields left out). */
  data: Record<string, unknown>;
  /** The inputs with every computed field filled by the server. */
  values: Record<string, unknown>;
  scores: unknown;
  trace: unknown;
}

export interface HistoryEntry {
  id: number;
  action: string;
  fromStatus: SubmissionStatus | null;
  toStatus: SubmissionStatus;
  comment: string | null;
  rowVersion: number;
  total: number | null;
  grade: string | null;
  actor: string | null;
  at: string;
  /** Whether the event keeps the form's data (a full copy or a patch), i.e. can be compared. */
  hasData: boolean;
}

export interface SubmissionTemplate {
  templateId: string;
  version: string;
  department: string;
  /** The pinned template version, resolved for the submission's department. */
  template: TemplateDoc;
}

/** EXISTS: GET /api/submissions?projectId&kind&year&status&period&department → {items, total, page, pageSize}. */
export const listSubmissions = (q: { projectId?: number; kind?: SubmissionKind; year?: number; status?: SubmissionStatus; department?: string; pageSize?: number }) =>
  api.get<{ items: SubmissionSummary[]; total: number }>('/api/submissions', q);
/** EXISTS: POST /api/submissions {projectId, kind, period?, data?} → 201 Submission (draft on the bound template). */
export const createSubmission = (projectId: number, kind: SubmissionKind, period?: string) =>
  api.post<Submission>('/api/submissions', period !== undefined ? { projectId, kind, period } : { projectId, kind });
/** EXISTS: GET /api/submissions/:id → Submission. */
export const getSubmission = (id: number) => api.get<Submission>(`/api/submissions/${id}`);
/** EXISTS: GET /api/submissions/:id/template → the template the form renders. */
export const getSubmissionTemplate = (id: number) => api.get<SubmissionTemplate>(`/api/submissions/${id}/template`);
/** EXISTS: PUT /api/submissions/:id {rowVersion, data, rows?} → its summary (new rowVersion, total, grade …; 409 VERSION_CONFLICT when stale). `rows`: where the rows of a moved table were, so their attachments follow. */
export const saveSubmission = (id: number, data: Record<string, unknown>, rowVersion: number, rows?: Record<string, Array<number | null>>) =>
  api.put<SubmissionSummary>(`/api/submissions/${id}`, { data, rowVersion, ...(rows !== undefined ? { rows } : {}) });
/** A form's value taken from the project, as stored and as the project says now. */
export interface ProjectDataChange {
  path: string;
  title: string;
  current: unknown;
  fresh: unknown;
}
/** EXISTS: GET /api/submissions/:id/project-data → the changed project values and the form's data with them applied. */
export const getProjectData = (id: number) =>
  api.get<{ rowVersion: number; changes: ProjectDataChange[]; data: Record<string, unknown> }>(`/api/submissions/${id}/project-data`);
/** EXISTS: POST /api/submissions/:id/submit {rowVersion, data?} → Submission (422 VALIDATION_FAILED with details). */
export const submitSubmission = (id: number, data: Record<string, unknown>, rowVersion: number) =>
  api.post<Submission>(`/api/submissions/${id}/submit`, { data, rowVersion });
/** EXISTS: POST /api/submissions/:id/approve | /return {rowVersion, comment?} → Submission. */
export const reviewSubmission = (id: number, action: 'approve' | 'return', comment: string, rowVersion: number) =>
  api.post<Submission>(`/api/submissions/${id}/${action}`, comment.trim() === '' ? { rowVersion } : { rowVersion, comment });
/** EXISTS: GET /api/submissions/:id/history → {items: HistoryEntry[]}. */
export const submissionHistory = (id: number) => api.get<{ items: HistoryEntry[] }>(`/api/submissions/${id}/history`);

// ---- review queue

/** The review queue: submitted forms in scope (EXISTS via GET /api/submissions?status=submitted). */
export const listReviews = (year?: number) => listSubmissions({ status: 'submitted', year, pageSize: 500 });

// ---- reports (EXISTS)

/** EXISTS: GET /api/submissions/:id/report.html?name= → printable HTML (opened in a new tab). */
export const reportUrl = (submissionId: number, name?: string) =>
  `/api/submissions/${submissionId}/report.html${name !== undefined ? `?name=${encodeURIComponent(name)}` : ''}`;

// ---- indicator library (EXISTS: server/src/modules/indicators)

export interface IndicatorRow {
  pack: string;
  code: string;
  category?: string;
  type?: string;
  fundUse?: string;
  level1: string;
  level2: string;
  level3: string;
  unit?: string;
  direction?: string;
  target?: number | string | null;
  weight?: number | null;
  content?: string;
  standard?: string;
  [k: string]: unknown;
}
