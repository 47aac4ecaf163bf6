/**
 * 我的任务: what the signed-in user has to do in the selected year and department, from the
 * projects and forms in scope.
 *
 * - with submission.fill: returned forms (退回, first), drafts to finish, and forms not started yet —
 *   the 绩效目标申报 of a project that has none, the 绩效自评 of a project whose declaration was
 *   approved — when a template is bound for the project's department (else 填报 could only fail);
 * - with submission.review: submitted forms to review, except those of the reviewer's own department
 *   (the department above reviews them), as on 审核.
 * Monthly monitoring forms are not listed as to start: they are filled month by month from the
 * project (填写本月费用, 绩效运行监控).
 */
import type { Project, SubmissionKind, SubmissionSummary } from '../api/endpoints';

export type Task =
  | { type: 'returned' | 'draft' | 'review'; submission: SubmissionSummary }
  | { type: 'start'; project: Project; kind: StartKind };

export type StartKind = Extract<SubmissionKind, 'declaration' | 'self-evaluation'>;

export interface TaskRights {
  fill: boolean;
  review: boolean;
  /** The reviewer's own department (reviewed by the one above: REVIEW_OWN_DEPARTMENT); undefined with scope.all. */
  ownDepartment?: string;
}

/** `bound(department, kind)`: whether a template is bound for that department and kind in the year. */
export type BoundCheck = (department: string, kind: StartKind) => boolean;

const ORDER: Record<Task['type'], number> = { returned: 0, review: 1, draft: 2, start: 3 };

/** Forms not started yet, before knowing which are bound: the (department, kind) pairs to check and the candidates. */
export function formsToStart(projects: readonly Project[], submissions: readonly SubmissionSummary[]): Array<{ project: Project; kind: StartKind }> {
  const kinds = new Map<number, Map<string, SubmissionSummary>>();
  for (const s of submissions) {
    let m = kinds.get(s.projectId);
    if (!m) kinds.set(s.projectId, (m = new Map()));
    const old = m.get(s.kind);
    if (old === undefined || old.updatedAt < s.updatedAt) m.set(s.kind, s);
  }
  const out: Array<{ project: Project; kind: StartKind }> = [];
  for (const project of projects) {
    const forms = kinds.get(project.id);
    const declaration = forms?.get('declaration');
    if (declaration === undefined) out.push({ project, kind: 'declaration' });
    else if (declaration.status === 'approved' && forms?.get('self-evaluation') === undefined) out.push({ project, kind: 'self-evaluation' });
  }
  return out;
}

export function tasksOf(projects: readonly Project[], submissions: readonly SubmissionSummary[], rights: TaskRights, bound: BoundCheck): Task[] {
  const tasks: Task[] = [];
  for (const s of submissions) {
    if (rights.fill && (s.status === 'returned' || s.status === 'draft')) tasks.push({ type: s.status, submission: s });
    else if (rights.review && s.status === 'submitted' && s.department !== rights.ownDepartment) tasks.push({ type: 'review', submission: s });
  }
  if (rights.fill) {
    for (const { project, kind } of formsToStart(projects, submissions)) if (bound(project.department, kind)) tasks.push({ type: 'start', project, kind });
  }
  // stable: within a type, the order the lists came in (submissions by last change, projects by code)
  return tasks.map((t, i) => ({ t, i })).sort((a, b) => ORDER[a.t.type] - ORDER[b.t.type] || a.i - b.i).map(({ t }) => t);
}
