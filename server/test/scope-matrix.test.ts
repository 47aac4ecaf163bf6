/**
 * Acceptance: a unit user of 环卫中心 (HWZX) gets 404 for every read and 403 for every write of
 * 党群中心's (DQZX) projects, submissions and attachments — on every route those modules add.
 * The route list is read from the modules' routers, so a new route without a line here fails.
 */
import Router from '@koa/router';
import type { AppDeps, AppContextExtension, AppState } from '../src/http/types';
import { register as projects } from '../src/modules/projects/routes';
import { register as submissions } from '../src/modules/submissions/routes';
import { register as files } from '../src/modules/files/routes';
import { Client, errorOf, forEachDatabase, type Response } from './harness';
import { FIXTURE_DATA, makeProject, PDF, publishAndBind, readJson, TEST_YEAR, upload, xlsx } from './workflow-helpers';

type Ids = { project: number; submission: number; file: number };
interface Case {
  method: string;
  route: string;
  kind: 'read' | 'write' | 'list' | 'public';
  call(c: Client, ids: Ids): Promise<Response>;
}

function completeData(): Record<string, unknown> {
  const data = readJson(FIXTURE_DATA);
  const rows = data.indicators as Record<string, unknown>[];
  (rows[2] as Record<string, unknown>).actual = 33;
  for (const r of rows) r.reason ??= '原因';
  return data;
}

const CASES: Case[] = [
  // projects
  { method: 'GET', route: '/api/projects', kind: 'list', call: (c) => c.get(`/api/projects?department=DQZX&year=${TEST_YEAR}`) },
  { method: 'GET', route: '/api/projects/import-template.xlsx', kind: 'public', call: (c) => c.get('/api/projects/import-template.xlsx') },
  {
    method: 'POST',
    route: '/api/projects/import',
    kind: 'write',
    call: async (c) =>
      upload(c, '/api/projects/import', {
        name: 'p.xlsx',
        content: await xlsx(['项目编码', '项目名称', '部门编码', '年度', '预算类型'], [['SCOPE-IMP', '越权导入', 'DQZX', TEST_YEAR, '一般公共预算']]),
      }),
  },
  { method: 'POST', route: '/api/projects', kind: 'write', call: (c) => c.post('/api/projects', { code: 'SCOPE-NEW', name: '越权', department: 'DQZX', fiscalYear: TEST_YEAR, budgetType: '一般公共预算' }) },
  { method: 'GET', route: '/api/projects/:id', kind: 'read', call: (c, i) => c.get(`/api/projects/${i.project}`) },
  { method: 'PATCH', route: '/api/projects/:id', kind: 'write', call: (c, i) => c.patch(`/api/projects/${i.project}`, { rowVersion: 1, name: '越权修改' }) },
  { method: 'DELETE', route: '/api/projects/:id', kind: 'write', call: (c, i) => c.delete(`/api/projects/${i.project}`) },
  // submissions
  { method: 'GET', route: '/api/submissions', kind: 'list', call: (c) => c.get('/api/submissions?department=DQZX') },
  { method: 'POST', route: '/api/submissions', kind: 'write', call: (c, i) => c.post('/api/submissions', { projectId: i.project, kind: 'monitoring', period: '2031-06' }) },
  { method: 'GET', route: '/api/submissions/:id', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}`) },
  { method: 'GET', route: '/api/submissions/:id/template', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/template`) },
  { method: 'GET', route: '/api/submissions/:id/project-data', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/project-data`) },
  { method: 'PUT', route: '/api/submissions/:id', kind: 'write', call: (c, i) => c.put(`/api/submissions/${i.submission}`, { rowVersion: 1, data: completeData() }) },
  { method: 'POST', route: '/api/submissions/:id/submit', kind: 'write', call: (c, i) => c.post(`/api/submissions/${i.submission}/submit`, { rowVersion: 1 }) },
  { method: 'POST', route: '/api/submissions/:id/return', kind: 'write', call: (c, i) => c.post(`/api/submissions/${i.submission}/return`, { rowVersion: 1, comment: '越权退回' }) },
  { method: 'POST', route: '/api/submissions/:id/approve', kind: 'write', call: (c, i) => c.post(`/api/submissions/${i.submission}/approve`, { rowVersion: 1 }) },
  { method: 'DELETE', route: '/api/submissions/:id', kind: 'write', call: (c, i) => c.delete(`/api/submissions/${i.submission}`) },
  { method: 'GET', route: '/api/submissions/:id/history', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/history`) },
  { method: 'GET', route: '/api/submissions/:id/diff', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/diff?from=1`) },
  // attachments
  { method: 'GET', route: '/api/submissions/:id/files', kind: 'read', call: (c, i) => c.get(`/api/submissions/${i.submission}/files`) },
  { method: 'POST', route: '/api/submissions/:id/files', kind: 'write', call: (c, i) => upload(c, `/api/submissions/${i.submission}/files`, { name: '越权.pdf', content: PDF }) },
  { method: 'GET', route: '/api/files/:id', kind: 'read', call: (c, i) => c.get(`/api/files/${i.file}`) },
  { method: 'GET', route: '/api/files/:id/download', kind: 'read', call: (c, i) => c.get(`/api/files/${i.file}/download`) },
  { method: 'DELETE', route: '/api/files/:id', kind: 'write', call: (c, i) => c.delete(`/api/files/${i.file}`) },
];

test('the matrix names every route of the projects, submissions and files modules', () => {
  const router = new Router<AppState, AppContextExtension>();
  const deps = {} as AppDeps;
  for (const register of [projects, submissions, files]) register(router, deps);
  const routes = router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`)).sort();
  expect(routes).toEqual(CASES.map((c) => `${c.method} ${c.route}`).sort());
});

forEachDatabase('scope_matrix', (h) => {
  let ids: Ids;
  let snapshot: () => Promise<unknown>;
  beforeAll(async () => {
    const admin = await h().login('admin');
    await publishAndBind(admin, TEST_YEAR);
    const unit = await h().login('unit');
    const project = await makeProject(admin, 'DQZX', TEST_YEAR);
    const s = await unit.post('/api/submissions', { projectId: project.id, kind: 'self-evaluation', data: completeData() });
    expect(s.status).toBe(201);
    const submission = (s.body as { id: number }).id;
    const f = await upload(unit, `/api/submissions/${submission}/files`, { name: '佐证.pdf', content: PDF });
    expect(f.status).toBe(201);
    ids = { project: project.id, submission, file: (f.body as { id: number }).id };
    // a second HWZX user whose role holds every project/submission permission: only the scope stops it
    expect((await admin.post('/api/roles', { code: 'hwzx-all', name: '环卫中心全权（测试）', permissions: ['project.manage', 'submission.fill', 'submission.review', 'report.view'] })).status).toBe(201);
    expect((await admin.post('/api/users', { username: 'hwzx-all', password: 'demo123', department: 'HWZX', roles: ['hwzx-all'] })).status).toBe(201);
    snapshot = async () => ({
      projects: await h().db('projects').where({ department_code: 'DQZX' }).orderBy('id'),
      submissions: await h().db('submissions').orderBy('id'),
      events: await h().db('submission_events').count({ n: '*' }).first(),
      attachments: await h().db('attachments').orderBy('id'),
    });
  });

  for (const username of ['hwzx', 'hwzx-all']) {
    test(`${username} (环卫中心): 404 on every read, 403 on every write of 党群中心's data, nothing changes`, async () => {
      const c = await h().login(username);
      const before = await snapshot();
      const seen: string[] = [];
      for (const k of CASES) {
        const res = await k.call(c, ids);
        const label = `${k.method} ${k.route}`;
        if (k.kind === 'read') {
          expect([label, res.status]).toEqual([label, 404]);
          expect(res.text).not.toContain('佐证');
        } else if (k.kind === 'write') {
          expect([label, res.status]).toEqual([label, 403]);
          expect(['OUT_OF_SCOPE', 'MISSING_PERMISSION']).toContain(errorOf(res).code);
        } else if (k.kind === 'list') {
          expect([label, res.status]).toEqual([label, 200]);
          expect((res.body as { items: unknown[]; total: number }).total).toBe(0);
        } else {
          expect([label, res.status]).toEqual([label, 200]);
        }
        seen.push(label);
      }
      expect(seen).toHaveLength(CASES.length);
      expect(await snapshot()).toEqual(before);
    });
  }

  test('the scoped user with full permissions is refused by scope (OUT_OF_SCOPE), not by a missing permission', async () => {
    const c = await h().login('hwzx-all');
    for (const k of CASES.filter((x) => x.kind === 'write')) {
      const res = await k.call(c, ids);
      expect([`${k.method} ${k.route}`, errorOf(res).code]).toEqual([`${k.method} ${k.route}`, 'OUT_OF_SCOPE']);
    }
    // the import names the out-of-scope row and column
    const imp = await CASES.find((x) => x.route === '/api/projects/import')?.call(c, ids);
    expect(errorOf(imp as Response).details).toEqual([expect.objectContaining({ row: 2, column: '部门编码', code: 'OUT_OF_SCOPE' })]);
  });

  test('the DQZX unit itself reads all of it', async () => {
    const unit = await h().login('unit');
    for (const k of CASES.filter((x) => x.kind === 'read')) {
      const res = await k.call(unit, ids);
      expect([`${k.method} ${k.route}`, res.status]).toEqual([`${k.method} ${k.route}`, 200]);
    }
  });
});
