/**
 * The runtime app: loads the session (/api/me); shows the login page when there is none (or on
 * any 401); otherwise the shell — top bar (user, department switcher, year, logout), left menu,
 * and the page of the current `#/route`. Pages load lazily (the dashboard carries echarts).
 */
import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import { getMe, listDepartments, listProjects, logout as apiLogout, type Department, type Me, type SubmissionKind } from '../api/endpoints';
import { LoginPage } from './LoginPage';
import { matchPath, navigate, useLocation } from './router';
import { SessionContext, type Session } from './session';
import { Shell } from './Shell';

const TasksPage = lazy(() => import('../pages/TasksPage').then((m) => ({ default: m.TasksPage })));
const ProjectsPage = lazy(() => import('../pages/ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const ProjectPage = lazy(() => import('../pages/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const NewSubmissionPage = lazy(() => import('../pages/NewSubmissionPage').then((m) => ({ default: m.NewSubmissionPage })));
const SubmissionPage = lazy(() => import('../pages/SubmissionPage').then((m) => ({ default: m.SubmissionPage })));
const ReviewsPage = lazy(() => import('../pages/ReviewsPage').then((m) => ({ default: m.ReviewsPage })));
const DashboardPage = lazy(() => import('../pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const ReportsPage = lazy(() => import('../pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const BindingsPage = lazy(() => import('../pages/BindingsPage').then((m) => ({ default: m.BindingsPage })));
const UsersPage = lazy(() => import('../pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const DepartmentsPage = lazy(() => import('../pages/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const PacksPage = lazy(() => import('../pages/PacksPage').then((m) => ({ default: m.PacksPage })));
const AuditPage = lazy(() => import('../pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const RolesPage = lazy(() => import('../pages/RolesPage').then((m) => ({ default: m.RolesPage })));
const SpendingPage = lazy(() => import('../pages/SpendingPage').then((m) => ({ default: m.SpendingPage })));

const KINDS = new Set<string>(['declaration', 'monitoring', 'self-evaluation']);

export interface Route {
  pattern: string;
  render: (p: Record<string, string>, query: URLSearchParams) => ReactNode;
}

export const ROUTES: Route[] = [
  { pattern: '/', render: () => <TasksPage /> },
  { pattern: '/tasks', render: () => <TasksPage /> },
  { pattern: '/projects', render: () => <ProjectsPage /> },
  { pattern: '/projects/:id', render: (p) => <ProjectPage id={Number(p['id'])} /> },
  { pattern: '/projects/:id/spending', render: (p) => <SpendingPage id={Number(p['id'])} /> },
  {
    pattern: '/projects/:id/new/:kind',
    render: (p, q) =>
      KINDS.has(p['kind'] ?? '') ? <NewSubmissionPage projectId={Number(p['id'])} kind={p['kind'] as SubmissionKind} period={q.get('period') ?? undefined} /> : <NotFound />,
  },
  { pattern: '/submissions/:id', render: (p) => <SubmissionPage id={Number(p['id'])} /> },
  { pattern: '/reviews', render: () => <ReviewsPage /> },
  { pattern: '/dashboard', render: () => <DashboardPage /> },
  { pattern: '/reports', render: () => <ReportsPage /> },
  { pattern: '/bindings', render: () => <BindingsPage /> },
  { pattern: '/packs', render: () => <PacksPage /> },
  { pattern: '/users', render: () => <UsersPage /> },
  { pattern: '/departments', render: () => <DepartmentsPage /> },
  { pattern: '/roles', render: () => <RolesPage /> },
  { pattern: '/audit', render: () => <AuditPage /> },
];

function NotFound() {
  return <div className="jx-page-card">页面不存在</div>;
}

const DEPT_KEY = 'jixiao.department';
const YEAR_KEY = 'jixiao.year';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [department, setDepartmentState] = useState<string>('');
  const [year, setYearState] = useState<number>(() => Number(localStorage.getItem(YEAR_KEY)) || new Date().getFullYear());
  const location = useLocation();

  const enter = useCallback(async (m: Me): Promise<void> => {
    let depts: Department[] = [];
    try {
      depts = (await listDepartments()).items;
    } catch {
      depts = m.department !== null ? [{ code: m.department.code, name: m.department.name, parent: null }] : [];
    }
    const saved = localStorage.getItem(DEPT_KEY);
    const dept = saved !== null && depts.some((d) => d.code === saved) ? saved : (m.department?.code ?? depts[0]?.code ?? '');
    // First visit: open on the newest fiscal year that has projects in scope (the demo data is
    // 2021), not on an empty current year. A year the user picked is kept.
    if (localStorage.getItem(YEAR_KEY) === null) {
      try {
        const newest = (await listProjects({ pageSize: 1 })).items[0];
        if (newest !== undefined) setYearState(newest.fiscalYear);
      } catch {
        // keep the current year
      }
    }
    setDepartments(depts);
    setDepartmentState(dept);
    setMe(m);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    // No session (401) or no server: the login page (which reports the server's answer).
    getMe().then(
      (m) => void enter(m),
      () => setMe(null),
    );
  }, [enter]);

  const session: Session | null = useMemo(() => {
    if (me === null || me === undefined) return null;
    return {
      me,
      departments,
      department,
      setDepartment: (code: string) => {
        localStorage.setItem(DEPT_KEY, code);
        setDepartmentState(code);
      },
      year,
      setYear: (y: number) => {
        localStorage.setItem(YEAR_KEY, String(y));
        setYearState(y);
      },
      can: (p: string) => me.permissions.includes(p),
      reloadDepartments: async () => setDepartments((await listDepartments()).items),
      logout: async () => {
        try {
          await apiLogout();
        } finally {
          setMe(null);
          navigate('/');
        }
      },
    };
  }, [me, departments, department, year]);

  if (me === undefined) return <Spin size="large" style={{ display: 'block', marginTop: 160 }} />;
  if (session === null) return <LoginPage onLogin={(m) => void enter(m)} />;

  let page: ReactNode = <NotFound />;
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, location.path);
    if (params !== null) {
      page = r.render(params, location.query);
      break;
    }
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell path={location.path}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{page}</Suspense>
      </Shell>
    </SessionContext.Provider>
  );
}
