/**
 * Every server endpoint the runtime uses, typed. Endpoints marked EXISTS are implemented by the
 * server (server/src/modules/*); those marked EXPECTED are what the pages are built against and
 * the server does not offer yet — their method, path, body and response are written here as the
 * contract the pages need (see the runtime report / docs/api.md).
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
  parentCode: string | null;
  enabled?: boolean;
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

export type SubmissionKind = 'declaration' | 'monitoring' | 'self-evaluation';

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

// ---- projects (EXPECTED)

export interface Project {
  id: number;
  code: string;
  name: string;
  department: string;
  departmentName?: string;
  year: number;
  /** 调整后预算数, 元. */
  budget?: number | null;
  /** Latest submission of each kind, when any. */
  submissions?: Partial<Record<SubmissionKind, SubmissionSummary>>;
  [k: string]: unknown;
}

/** EXPECTED: GET /api/projects?department&year&q → {items: Project[]} (in scope). */
export const listProjects = (q: { department?: string; year?: number; q?: string }) => api.get<{ items: Project[] }>('/api/projects', q);
/** EXPECTED: GET /api/projects/:id → Project (with `submissions`). */
export const getProject = (id: number) => api.get<Project>(`/api/projects/${id}`);

// ---- submissions (EXPECTED)

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface SubmissionSummary {
  id: number;
  projectId: number;
  projectName?: string;
  department: string;
  departmentName?: string;
  kind: SubmissionKind;
  year: number;
  templateId: string;
  version: string;
  status: SubmissionStatus;
  total?: number | null;
  grade?: string | null;
  updatedAt: string;
}

export interface ReviewEntry {
  action: 'submit' | 'approve' | 'return' | 'resubmit';
  comment?: string | null;
  by: string;
  at: string;
}

export interface Submission extends SubmissionSummary {
  /** Data as stored: the server recomputed every computed field. */
  data: Record<string, unknown>;
  rowVersion: number;
  history?: ReviewEntry[];
  /** What the current user may do. */
  can?: { edit?: boolean; submit?: boolean; review?: boolean };
}

/** EXPECTED: GET /api/submissions?project&kind&status → {items: SubmissionSummary[]}. */
export const listSubmissions = (q: { project?: number; kind?: SubmissionKind; status?: SubmissionStatus }) =>
  api.get<{ items: SubmissionSummary[] }>('/api/submissions', q);
/** EXPECTED: POST /api/submissions {projectId, kind} → 201 Submission (draft; the server picks the bound template). */
export const createSubmission = (projectId: number, kind: SubmissionKind) => api.post<Submission>('/api/submissions', { projectId, kind });
/** EXPECTED: GET /api/submissions/:id → Submission. */
export const getSubmission = (id: number) => api.get<Submission>(`/api/submissions/${id}`);
/** EXPECTED: PUT /api/submissions/:id {data, rowVersion} → Submission (draft save; 409 when stale). */
export const saveSubmission = (id: number, data: Record<string, unknown>, rowVersion: number) =>
  api.put<Submission>(`/api/submissions/${id}`, { data, rowVersion });
/** EXPECTED: POST /api/submissions/:id/submit {data, rowVersion} → Submission (422 with details [{path, message}]). */
export const submitSubmission = (id: number, data: Record<string, unknown>, rowVersion: number) =>
  api.post<Submission>(`/api/submissions/${id}/submit`, { data, rowVersion });
/** EXPECTED: POST /api/submissions/:id/review {action: approve|return, comment, rowVersion} → Submission. */
export const reviewSubmission = (id: number, action: 'approve' | 'return', comment: string, rowVersion: number) =>
  api.post<Submission>(`/api/submissions/${id}/review`, { action, comment, rowVersion });

// ---- tasks, review queue (EXPECTED)

export interface Task {
  /** fill: a draft/returned submission to finish; review: a submitted one to review; create: a missing form. */
  type: 'fill' | 'review' | 'create';
  kind: SubmissionKind;
  projectId: number;
  projectName: string;
  submissionId?: number;
  status?: SubmissionStatus;
  deadline?: string | null;
}

/** EXPECTED: GET /api/tasks → {items: Task[]} (the current user's to-do list). */
export const listTasks = () => api.get<{ items: Task[] }>('/api/tasks');
/** EXPECTED: GET /api/reviews → {items: SubmissionSummary[]} (submitted, in scope, user may review). */
export const listReviews = () => api.get<{ items: SubmissionSummary[] }>('/api/reviews');

// ---- dashboard, reports (EXPECTED)

export interface DashboardRow {
  department: string;
  name: string;
  /** 调整后预算数, 元. */
  adjusted: number;
  /** 实际支出, 元. */
  spent: number;
  /** 余额 = adjusted − spent, 元. */
  balance: number;
  /** 支出进度 as a percentage value (11.0457…) or the server's display text ("11.04%"). */
  progress: number | string;
  /** Share of the department total, percentage value or text. */
  share: number | string;
  warning?: 'green' | 'yellow' | 'red' | null;
}

export interface Dashboard {
  department: string;
  name: string;
  year: number;
  totals: { adjusted: number; spent: number; balance: number; progress: number | string };
  rows: DashboardRow[];
}

/** EXPECTED: GET /api/dashboard?department&year → Dashboard. */
export const getDashboard = (department: string, year: number) => api.get<Dashboard>('/api/dashboard', { department, year });

export interface ReportLink {
  name: string;
  title: string;
}

/** EXPECTED: GET /api/submissions/:id/reports → {items: ReportLink[]}. */
export const listReports = (submissionId: number) => api.get<{ items: ReportLink[] }>(`/api/submissions/${submissionId}/reports`);
/** EXPECTED: GET /api/submissions/:id/reports/:name → printable HTML (opened in a new tab). */
export const reportUrl = (submissionId: number, name: string) => `/api/submissions/${submissionId}/reports/${encodeURIComponent(name)}`;
