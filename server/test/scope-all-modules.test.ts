/**
 * Acceptance: a unit user of 环卫中心 (HWZX) gets 403/404 for every read and write of 党群中心's
 * (DQZX) data on every route of the modules scope-matrix.test.ts does not cover (org, audit,
 * templates, packs, indicators, monitoring, reports). The route list is read from the modules'
 * routers, so a new route without a line here fails. Forbidden writes change nothing (row counts
 * of the touched tables and of the audit log).
 */
import Router from '@koa/router';
import type { AppDeps, AppContextExtension, AppState } from '../src/http/types';
import { MODULES } from '../src/app';
import { register as auth } from '../src/modules/auth/routes';
import { register as projects } from '../src/modules/projects/routes';
import { register as submissions } from '../src/modules/submissions/routes';
import { register as files } from '../src/modules/files/routes';
import { Client, errorOf, forEachDatabase, type Harness, type Response } from './harness';
import { FIXTURE_TEMPLATE, publishAndBind, readJson, rowCount, TEST_TEMPLATE_ID, TEST_YEAR } from './workflow-helpers';

/** The seeded demo projects' fiscal year. */
const DEMO_YEAR = 2021;

type Ids = { project: number; spending: number; payment: number; binding: number; user: number; draft: number; submission: number };

/**
 * read: 404 (DQZX data exists but is out of scope); write: 403 (OUT_OF_SCOPE or MISSING_PERMISSION);
 * denied: 403 MISSING_PERMISSION (the unit role lacks the permission, read or write);
 * list: 200 and no DQZX row in the answer; global: 200, not department data (reason in a comment).
 */
interface Case {
  method: string;
  route: string;
  kind: 'read' | 'write' | 'denied' | 'list' | 'global';
  call(c: Client, ids: Ids): Promise<Response>;
}

const template = (): Record<string, unknown> => ({ ...readJson(FIXTURE_TEMPLATE), id: 'scope-leak-test', version: '9.0.0' });

const REPORTS = ['dashboard', 'ranking', 'projects', 'adjusted', 'trend', 'details'];

const CASES: Case[] = [
  // ---- org: departments
  { method: 'GET', route: '/api/departments', kind: 'list', call: (c) => c.get('/api/departments') },
  { method: 'GET', route: '/api/departments/:code', kind: 'read', call: (c) => c.get('/api/departments/DQZX') },
  { method: 'POST', route: '/api/departments', kind: 'write', call: (c) => c.post('/api/departments', { code: 'SCOPE-D', name: '越权部门', parent: 'DQZX' }) },
  { method: 'PATCH', route: '/api/departments/:code', kind: 'write', call: (c) => c.patch('/api/departments/DQZX', { name: '越权改名' }) },
  // ---- org: users (the unit role has no user.manage: refused before any scope question)
  { method: 'GET', route: '/api/users', kind: 'denied', call: (c) => c.get('/api/users') },
  { method: 'GET', route: '/api/users/:id', kind: 'denied', call: (c, i) => c.get(`/api/users/${i.user}`) },
  { method: 'POST', route: '/api/users', kind: 'denied', call: (c) => c.post('/api/users', { username: 'scope-leak', password: 'demo123', department: 'DQZX', roles: ['unit'] }) },
  { method: 'PATCH', route: '/api/users/:id', kind: 'denied', call: (c, i) => c.patch(`/api/users/${i.user}`, { displayName: '越权改名' }) },
  { method: 'POST', route: '/api/users/:id/password', kind: 'denied', call: (c, i) => c.post(`/api/users/${i.user}/password`, { password: 'hacked123' }) },
  // ---- org: roles and permissions
  // global: the permission catalogue is a constant list, no department data
  { method: 'GET', route: '/api/permissions', kind: 'global', call: (c) => c.get('/api/permissions') },
  // global: roles are system-wide permission sets, not owned by a department
  { method: 'GET', route: '/api/roles', kind: 'global', call: (c) => c.get('/api/roles') },
  { method: 'POST', route: '/api/roles', kind: 'denied', call: (c) => c.post('/api/roles', { code: 'scope-leak', name: '越权角色', permissions: ['scope.all'] }) },
  { method: 'PATCH', route: '/api/roles/:code', kind: 'denied', call: (c) => c.patch('/api/roles/unit', { permissions: ['scope.all', 'submission.fill'] }) },
  // ---- audit (audit.view; not department-scoped by design, so the unit role must not hold it)
  { method: 'GET', route: '/api/audit', kind: 'denied', call: (c) => c.get('/api/audit?entity=department:DQZX') },
  // ---- templates: published templates are shared by every department (global by design)
  { method: 'GET', route: '/api/templates', kind: 'global', call: (c) => c.get('/api/templates') },
  { method: 'POST', route: '/api/templates', kind: 'denied', call: (c) => c.post('/api/templates', { template: template() }) },
  // global: a published template version is the same for everyone (bindings, not templates, are per department)
  { method: 'GET', route: '/api/templates/:id/versions', kind: 'global', call: (c) => c.get(`/api/templates/${TEST_TEMPLATE_ID}/versions`) },
  { method: 'GET', route: '/api/templates/:id/versions/:version', kind: 'global', call: (c) => c.get(`/api/templates/${TEST_TEMPLATE_ID}/versions/latest`) },
  { method: 'GET', route: '/api/templates/:id/diff', kind: 'global', call: (c) => c.get(`/api/templates/${TEST_TEMPLATE_ID}/diff?from=1.0.0&to=1.0.0`) },
  // drafts: template.design / template.publish, which the unit role lacks
  { method: 'GET', route: '/api/template-drafts', kind: 'denied', call: (c) => c.get('/api/template-drafts') },
  { method: 'POST', route: '/api/template-drafts', kind: 'denied', call: (c) => c.post('/api/template-drafts', { template: template() }) },
  { method: 'GET', route: '/api/template-drafts/:id', kind: 'denied', call: (c, i) => c.get(`/api/template-drafts/${i.draft}`) },
  { method: 'PUT', route: '/api/template-drafts/:id', kind: 'denied', call: (c, i) => c.put(`/api/template-drafts/${i.draft}`, { rowVersion: 1, template: template() }) },
  { method: 'DELETE', route: '/api/template-drafts/:id', kind: 'denied', call: (c, i) => c.delete(`/api/template-drafts/${i.draft}`) },
  { method: 'POST', route: '/api/template-drafts/:id/publish', kind: 'denied', call: (c, i) => c.post(`/api/template-drafts/${i.draft}/publish`, {}) },
  // bindings: per department
  { method: 'GET', route: '/api/bindings/resolve', kind: 'read', call: (c) => c.get(`/api/bindings/resolve?department=DQZX&kind=self-evaluation&year=${TEST_YEAR}`) },
  { method: 'GET', route: '/api/bindings', kind: 'list', call: (c) => c.get(`/api/bindings?department=DQZX&year=${TEST_YEAR}`) },
  {
    method: 'PUT',
    route: '/api/bindings',
    kind: 'write',
    call: (c) => c.put('/api/bindings', { department: 'DQZX', kind: 'self-evaluation', year: TEST_YEAR, templateId: TEST_TEMPLATE_ID, version: '1.0.0' }),
  },
  { method: 'DELETE', route: '/api/bindings/:id', kind: 'write', call: (c, i) => c.delete(`/api/bindings/${i.binding}`) },
  // ---- packs: shared template/indicator libraries (global by design); importing needs pack.import
  { method: 'GET', route: '/api/packs', kind: 'global', call: (c) => c.get('/api/packs') },
  { method: 'POST', route: '/api/packs/import', kind: 'denied', call: (c) => c.post('/api/packs/import', { name: 'scope-leak' }) },
  // ---- indicators: the library is shared (global by design); per-project answers are scoped
  { method: 'GET', route: '/api/indicators', kind: 'global', call: (c) => c.get('/api/indicators?size=5') },
  { method: 'GET', route: '/api/indicators/facets', kind: 'global', call: (c) => c.get('/api/indicators/facets') },
  { method: 'GET', route: '/api/projects/:id/indicator-recommendations', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}/indicator-recommendations`) },
  { method: 'GET', route: '/api/projects/:id/last-year-indicators', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}/last-year-indicators`) },
  // ---- monitoring
  { method: 'GET', route: '/api/projects/:id/spending', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}/spending`) },
  { method: 'POST', route: '/api/projects/:id/spending', kind: 'write', call: (c, i) => c.post(`/api/projects/${i.project}/spending`, { month: 5, amount: '1.00' }) },
  { method: 'DELETE', route: '/api/projects/:id/spending/:entryId', kind: 'write', call: (c, i) => c.delete(`/api/projects/${i.project}/spending/${i.spending}`) },
  { method: 'GET', route: '/api/projects/:id/payments', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}/payments`) },
  { method: 'POST', route: '/api/projects/:id/payments', kind: 'write', call: (c, i) => c.post(`/api/projects/${i.project}/payments`, { date: `${DEMO_YEAR}-05-05`, amount: '1.00' }) },
  { method: 'DELETE', route: '/api/projects/:id/payments/:entryId', kind: 'write', call: (c, i) => c.delete(`/api/projects/${i.project}/payments/${i.payment}`) },
  { method: 'GET', route: '/api/projects/:id/monitoring', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}/monitoring`) },
  { method: 'GET', route: '/api/monitoring/departments', kind: 'list', call: (c) => c.get(`/api/monitoring/departments?year=${DEMO_YEAR}`) },
  // ---- reports: department=DQZX is out of scope → 404
  ...REPORTS.flatMap((name): Case[] => [
    { method: 'GET', route: `/api/reports/${name}`, kind: 'read', call: (c) => c.get(`/api/reports/${name}?department=DQZX&year=${DEMO_YEAR}`) },
    { method: 'GET', route: `/api/reports/${name}/export.xlsx`, kind: 'read', call: (c) => c.get(`/api/reports/${name}/export.xlsx?department=DQZX&year=${DEMO_YEAR}`) },
  ]),
  { method: 'GET', route: '/api/submissions/:id/report.html', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/report.html`) },
];

const routeKey = (method: string, route: string): string => `${method} ${route}`;

test('the matrix names every route of every module but auth, projects, submissions and files', () => {
  const routesOf = (registers: readonly ((r: Router<AppState, AppContextExtension>, d: AppDeps) => void)[]): string[] => {
    const router = new Router<AppState, AppContextExtension>();
    for (const register of registers) register(router, {} as AppDeps);
    return router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => routeKey(m, String(layer.path))));
  };
  // auth: the caller's own session (no department data); the other three: scope-matrix.test.ts
  const covered = new Set(routesOf([auth, projects, submissions, files]));
  const routes = routesOf(MODULES).filter((r) => !covered.has(r));
  expect(routes.sort()).toEqual(CASES.map((c) => routeKey(c.method, c.route)).sort());
});

/** Strings that would show DQZX data in an answer. */
const DQZX_MARKS = ['DQZX', '党群中心'];

forEachDatabase('scope_all_modules', (h) => {
  let ids: Ids;
  const counts = async (hh: Harness): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const t of ['departments', 'users', 'user_roles', 'roles', 'template_versions', 'template_drafts', 'template_bindings', 'packs', 'indicators', 'projects', 'spending', 'payments', 'submissions', 'audit_log']) {
      out[t] = await rowCount(hh, t);
    }
    return out;
  };
  const snapshot = async (): Promise<unknown> => ({
    counts: await counts(h()),
    departments: await h().db('departments').orderBy('code'),
    users: await h().db('users').select('id', 'username', 'display_name', 'department_code', 'enabled', 'password_hash').orderBy('id'),
    roles: await h().db('roles').orderBy('code'),
    bindings: await h().db('template_bindings').orderBy('id'),
    drafts: await h().db('template_drafts').orderBy('id'),
  });

  beforeAll(async () => {
    const admin = await h().login('admin');
    await publishAndBind(admin, TEST_YEAR);
    const unit = await h().login('unit');
    // a seeded DQZX demo project of 2021 with a spending entry and a payment record
    const p = (await h().db('projects').where({ department_code: 'DQZX', fiscal_year: DEMO_YEAR }).orderBy('id').first()) as { id: number } | undefined;
    if (!p) throw new Error('no seeded DQZX project');
    const project = Number(p.id);
    const sr = await admin.post(`/api/projects/${project}/spending`, { month: 3, amount: '100.00', memo: '党群中心支出' });
    expect(sr.status).toBe(201);
    const pr = await admin.post(`/api/projects/${project}/payments`, { date: `${DEMO_YEAR}-03-10`, amount: '200.00', payee: '党群中心收款人' });
    expect(pr.status).toBe(201);
    // a DQZX self-evaluation of that project on the demo template bound for 2021 (it has a report)
    const se = await unit.post('/api/submissions', { projectId: project, kind: 'self-evaluation' });
    expect([se.status, se.text]).toEqual([201, se.text]);
    const binding = (await h().db('template_bindings').where({ department_code: 'DQZX' }).orderBy('id').first()) as { id: number } | undefined;
    if (!binding) throw new Error('no DQZX binding');
    const user = (await h().db('users').where({ username: 'unit' }).first()) as { id: number } | undefined;
    const d = await admin.post('/api/template-drafts', { template: template() });
    expect(d.status).toBe(201);
    ids = {
      project,
      spending: (sr.body as { id: number }).id,
      payment: (pr.body as { id: number }).id,
      binding: Number(binding.id),
      user: Number(user?.id),
      draft: (d.body as { id: number }).id,
      submission: (se.body as { id: number }).id,
    };
  });

  test("hwzx (环卫中心): 404 on every read, 403 on every write of 党群中心's data, nothing changes", async () => {
    const c = await h().login('hwzx');
    const before = await snapshot();
    const seen: string[] = [];
    for (const k of CASES) {
      const res = await k.call(c, ids);
      const label = routeKey(k.method, k.route);
      if (k.kind === 'read') {
        expect([label, res.status]).toEqual([label, 404]);
      } else if (k.kind === 'write') {
        expect([label, res.status]).toEqual([label, 403]);
        expect([label, ['OUT_OF_SCOPE', 'MISSING_PERMISSION'].includes(errorOf(res).code)]).toEqual([label, true]);
      } else if (k.kind === 'denied') {
        expect([label, res.status, errorOf(res).code]).toEqual([label, 403, 'MISSING_PERMISSION']);
      } else {
        expect([label, res.status]).toEqual([label, 200]);
      }
      if (k.kind !== 'global') for (const mark of DQZX_MARKS) expect([label, res.text.includes(mark)]).toEqual([label, false]);
      seen.push(label);
    }
    expect(seen).toHaveLength(CASES.length);
    expect(await snapshot()).toEqual(before);
  });

  test('department-scoped lists and reports never return DQZX rows to HWZX, whatever the filters', async () => {
    const c = await h().login('hwzx');
    const noDqzx = (label: string, res: Response): void => {
      expect([label, res.status]).toEqual([label, 200]);
      for (const mark of DQZX_MARKS) expect([label, res.text.includes(mark)]).toEqual([label, false]);
    };
    // the HWZX user's own reports (default department) for the demo year and with other filters
    for (const name of REPORTS) {
      for (const q of [`year=${DEMO_YEAR}`, `year=${DEMO_YEAR}&month=12`, `year=${DEMO_YEAR}&department=HWZX`]) {
        const res = await c.get(`/api/reports/${name}?${q}`);
        noDqzx(`${name}?${q}`, res);
        expect((res.body as { department: { code: string } }).department.code).toBe('HWZX');
      }
    }
    noDqzx('projects?status=none', await c.get(`/api/reports/projects?status=none`));
    noDqzx('projects?name=党群', await c.get(`/api/reports/projects?name=${encodeURIComponent('党群')}`));
    // the HWZX user has demo data of its own: the reports are not trivially empty
    const dash = await c.get(`/api/reports/dashboard?year=${DEMO_YEAR}`);
    expect((dash.body as { units: unknown[] }).units.length).toBeGreaterThan(0);
    // the parent JDB (which contains DQZX) is out of scope too
    for (const name of REPORTS) expect([name, (await c.get(`/api/reports/${name}?department=JDB&year=${DEMO_YEAR}`)).status]).toEqual([name, 404]);
    // monitoring roll-up and bindings, with and without filters
    for (const q of [`year=${DEMO_YEAR}`, `year=${DEMO_YEAR}&month=3`, `year=${TEST_YEAR}`]) {
      const res = await c.get(`/api/monitoring/departments?${q}`);
      noDqzx(`monitoring/departments?${q}`, res);
      for (const item of (res.body as { items: { department: { code: string } }[] }).items) expect(item.department.code).toBe('HWZX');
    }
    for (const q of ['', '?department=DQZX', `?year=${TEST_YEAR}`, '?kind=self-evaluation', '?department=JDB']) {
      const res = await c.get(`/api/bindings${q}`);
      noDqzx(`bindings${q}`, res);
      for (const b of (res.body as { items: { department: string }[] }).items) expect(b.department).toBe('HWZX');
    }
    const deps = await c.get('/api/departments');
    noDqzx('departments', deps);
    expect((deps.body as { items: { code: string }[] }).items.map((d) => d.code)).toEqual(['HWZX']);
    // …while the same lists do show DQZX to the DQZX unit itself
    const unit = await h().login('unit');
    expect((await unit.get(`/api/reports/dashboard?department=DQZX&year=${DEMO_YEAR}`)).status).toBe(200);
    expect((await unit.get(`/api/bindings?department=DQZX`)).text).toContain('DQZX');
  });

  test('the DQZX unit itself reads every per-project and per-department answer the matrix denies HWZX', async () => {
    const unit = await h().login('unit');
    for (const k of CASES.filter((x) => x.kind === 'read')) {
      const res = await k.call(unit, ids);
      expect([routeKey(k.method, k.route), res.status]).toEqual([routeKey(k.method, k.route), 200]);
    }
  });

  test('an HWZX user holding every permission but scope.all is still refused by the scope', async () => {
    const admin = await h().login('admin');
    const perms = ['org.manage', 'user.manage', 'template.bind', 'project.manage', 'submission.fill', 'submission.review', 'spending.record', 'report.view'];
    expect((await admin.post('/api/roles', { code: 'hwzx-most', name: '环卫中心多权限（测试）', permissions: perms })).status).toBe(201);
    expect((await admin.post('/api/users', { username: 'hwzx-most', password: 'demo123', department: 'HWZX', roles: ['hwzx-most'] })).status).toBe(201);
    const hwzxUser = Number(((await h().db('users').where({ username: 'hwzx' }).first()) as { id: number }).id);
    const c = await h().login('hwzx-most');
    const before = await snapshot();
    const reads: Array<[string, Promise<Response>]> = [
      ['GET /api/departments/:code', c.get('/api/departments/DQZX')],
      ['GET /api/users/:id', c.get(`/api/users/${ids.user}`)],
      ['GET /api/bindings/resolve', c.get(`/api/bindings/resolve?department=DQZX&kind=self-evaluation&year=${TEST_YEAR}`)],
      ['GET /api/projects/:id/spending', c.get(`/api/projects/${ids.project}/spending`)],
      ['GET /api/projects/:id/payments', c.get(`/api/projects/${ids.project}/payments`)],
      ['GET /api/projects/:id/monitoring', c.get(`/api/projects/${ids.project}/monitoring`)],
      ['GET /api/projects/:id/indicator-recommendations', c.get(`/api/projects/${ids.project}/indicator-recommendations`)],
      ['GET /api/projects/:id/last-year-indicators', c.get(`/api/projects/${ids.project}/last-year-indicators`)],
      ['GET /api/submissions/:id/report.html', c.get(`/api/submissions/${ids.submission}/report.html`)],
      ...REPORTS.map((name): [string, Promise<Response>] => [`GET /api/reports/${name}`, c.get(`/api/reports/${name}?department=DQZX&year=${DEMO_YEAR}`)]),
    ];
    for (const [label, p] of reads) expect([label, (await p).status]).toEqual([label, 404]);
    const writes: Array<[string, () => Promise<Response>]> = [
      ['POST /api/departments (parent DQZX)', () => c.post('/api/departments', { code: 'SCOPE-D', name: '越权部门', parent: 'DQZX' })],
      ['PATCH /api/departments/DQZX', () => c.patch('/api/departments/DQZX', { name: '越权改名' })],
      ['PATCH /api/departments/HWZX (move under DQZX)', () => c.patch('/api/departments/HWZX', { parent: 'DQZX' })],
      ['POST /api/users (department DQZX)', () => c.post('/api/users', { username: 'scope-leak', password: 'demo123', department: 'DQZX', roles: ['unit'] })],
      ['PATCH /api/users/:id (move hwzx to DQZX)', () => c.patch(`/api/users/${hwzxUser}`, { department: 'DQZX' })],
      ['PUT /api/bindings (DQZX)', () => c.put('/api/bindings', { department: 'DQZX', kind: 'self-evaluation', year: TEST_YEAR, templateId: TEST_TEMPLATE_ID, version: '1.0.0' })],
      ['POST /api/projects/:id/spending', () => c.post(`/api/projects/${ids.project}/spending`, { month: 5, amount: '1.00' })],
      ['DELETE /api/projects/:id/spending/:entryId', () => c.delete(`/api/projects/${ids.project}/spending/${ids.spending}`)],
      ['POST /api/projects/:id/payments', () => c.post(`/api/projects/${ids.project}/payments`, { date: `${DEMO_YEAR}-05-05`, amount: '1.00' })],
      ['DELETE /api/projects/:id/payments/:entryId', () => c.delete(`/api/projects/${ids.project}/payments/${ids.payment}`)],
    ];
    for (const [label, call] of writes) {
      const res = await call();
      expect([label, res.status, errorOf(res).code]).toEqual([label, 403, 'OUT_OF_SCOPE']);
    }
    // writes on a DQZX user or binding: refused without revealing it (403 or 404)
    const hidden: Array<[string, () => Promise<Response>]> = [
      ['PATCH /api/users/:id', () => c.patch(`/api/users/${ids.user}`, { displayName: '越权改名' })],
      ['POST /api/users/:id/password', () => c.post(`/api/users/${ids.user}/password`, { password: 'hacked123' })],
      ['DELETE /api/bindings/:id', () => c.delete(`/api/bindings/${ids.binding}`)],
    ];
    for (const [label, call] of hidden) {
      const res = await call();
      expect([label, [403, 404].includes(res.status)]).toEqual([label, true]);
    }
    // granting a role that carries scope.all is an escalation
    const esc = await c.post('/api/users', { username: 'scope-esc', password: 'demo123', department: 'HWZX', roles: ['admin'] });
    expect([esc.status, errorOf(esc).code]).toEqual([403, 'ROLE_ESCALATION']);
    // its lists hold HWZX only
    const users = await c.get('/api/users');
    expect(users.status).toBe(200);
    for (const u of (users.body as { items: { department: string }[] }).items) expect(u.department).toBe('HWZX');
    expect(await snapshot()).toEqual(before);
  });

  test('an HWZX role manager cannot grant scope.all (or any permission it lacks) to a role, its own included', async () => {
    const admin = await h().login('admin');
    expect((await admin.post('/api/roles', { code: 'hwzx-roles', name: '环卫中心角色管理（测试）', permissions: ['role.manage', 'report.view'] })).status).toBe(201);
    expect((await admin.post('/api/users', { username: 'hwzx-roles', password: 'demo123', department: 'HWZX', roles: ['hwzx-roles'] })).status).toBe(201);
    const c = await h().login('hwzx-roles');
    const before = await snapshot();
    const own = await c.patch('/api/roles/hwzx-roles', { permissions: ['role.manage', 'report.view', 'scope.all'] });
    expect([own.status, errorOf(own).code]).toEqual([403, 'ROLE_ESCALATION']);
    const other = await c.patch('/api/roles/unit', { permissions: ['submission.fill', 'report.view', 'scope.all'] });
    expect([other.status, errorOf(other).code]).toEqual([403, 'ROLE_ESCALATION']);
    const created = await c.post('/api/roles', { code: 'hwzx-esc', name: '越权角色', permissions: ['scope.all'] });
    expect([created.status, errorOf(created).code]).toEqual([403, 'ROLE_ESCALATION']);
    expect(await snapshot()).toEqual(before);
    // within its own permissions it still manages roles
    expect((await c.patch('/api/roles/hwzx-roles', { name: '环卫中心角色管理' })).status).toBe(200);
    // and DQZX stays out of its reach
    expect((await c.get(`/api/reports/dashboard?department=DQZX&year=${DEMO_YEAR}`)).status).toBe(404);
  });

  test('out of scope looks exactly like not existing (same 404 code)', async () => {
    const c = await h().login('hwzx');
    const missing = { ...ids, project: 99_999_999, submission: 99_999_999 };
    for (const k of CASES.filter((x) => x.kind === 'read' && x.route.includes(':id'))) {
      const [a, b] = [await k.call(c, ids), await k.call(c, missing)];
      expect([routeKey(k.method, k.route), a.status, errorOf(a).code]).toEqual([routeKey(k.method, k.route), b.status, errorOf(b).code]);
    }
  });
});
