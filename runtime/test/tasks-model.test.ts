/** 我的任务: which forms a user has to return to, review or start. */
import type { Project, SubmissionSummary } from '../src/api/endpoints';
import { formsToStart, tasksOf, type Task } from '../src/pages/tasks-model';

const project = (id: number, department = 'DQZX'): Project => ({ id, code: `P-${id}`, name: `项目${id}`, department, fiscalYear: 2021, budgetType: '一般公共预算' }) as Project;

let nextId = 1;
const form = (projectId: number, kind: string, status: string, extra: Partial<SubmissionSummary> = {}): SubmissionSummary =>
  ({ id: nextId++, projectId, department: 'DQZX', kind, status, period: null, updatedAt: `2021-03-0${nextId % 9}T08:00:00Z`, ...extra }) as SubmissionSummary;

const brief = (tasks: Task[]): string[] => tasks.map((t) => (t.type === 'start' ? `start ${t.project.id} ${t.kind}` : `${t.type} ${t.submission.projectId} ${t.submission.kind}`));
const everyBound = (): boolean => true;

describe('tasksOf', () => {
  const projects = [project(1), project(2), project(3), project(4, 'HWZX')];
  const forms = [
    form(2, 'declaration', 'draft'),
    form(3, 'declaration', 'approved'),
    form(3, 'monitoring', 'draft', { period: '2021-03' }),
    form(4, 'declaration', 'submitted', { department: 'HWZX' }),
    form(1, 'other', 'returned'),
  ];

  test('a filler: returned first, then drafts, then forms not started (申报 without one, 自评 after an approved 申报)', () => {
    expect(brief(tasksOf(projects, forms, { fill: true, review: false }, everyBound))).toEqual([
      'returned 1 other',
      'draft 2 declaration',
      'draft 3 monitoring',
      'start 1 declaration',
      'start 3 self-evaluation',
    ]);
  });

  test('a reviewer reviews submitted forms, not those of its own department', () => {
    expect(brief(tasksOf(projects, forms, { fill: false, review: true }, everyBound))).toEqual(['review 4 declaration']);
    expect(brief(tasksOf(projects, forms, { fill: false, review: true, ownDepartment: 'HWZX' }, everyBound))).toEqual([]);
  });

  test('a form is offered only where a template is bound for its department and kind', () => {
    const asked: string[] = [];
    const onlyDeclarations = (department: string, kind: string): boolean => (asked.push(`${department} ${kind}`), kind === 'declaration');
    expect(brief(tasksOf(projects, forms, { fill: true, review: false }, onlyDeclarations)).filter((t) => t.startsWith('start'))).toEqual(['start 1 declaration']);
    expect(asked.sort()).toEqual(['DQZX declaration', 'DQZX self-evaluation']);
  });

  test('the latest form of a kind decides: an approved declaration after a returned one opens the self-evaluation', () => {
    const history = [form(1, 'declaration', 'returned', { updatedAt: '2021-02-01T00:00:00Z' }), form(1, 'declaration', 'approved', { updatedAt: '2021-04-01T00:00:00Z' })];
    expect(formsToStart([project(1)], history).map((f) => f.kind)).toEqual(['self-evaluation']);
    expect(formsToStart([project(1)], [...history, form(1, 'self-evaluation', 'draft')])).toEqual([]);
  });
});
