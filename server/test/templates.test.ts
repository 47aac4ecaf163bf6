import { errorOf, forEachDatabase } from './harness';

const base = (version: string, extra: Record<string, unknown> = {}) => ({
  id: 'self-eval',
  kind: 'self-evaluation',
  version,
  title: '项目支出绩效自评表',
  schema: {
    type: 'object',
    properties: {
      adjusted: { type: 'number', title: '全年预算数', 'x-money': true },
      spent: { type: 'number', title: '全年执行数', 'x-money': true },
      rate: { type: 'number', title: '执行率', 'x-formula': 'ROUND(spent/adjusted*100,2)' },
      rows: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', title: '指标' }, score: { type: 'number' } } } },
    },
    required: ['adjusted'],
  },
  ...extra,
});

const v2 = () => {
  const t = base('1.1.0', { title: '项目支出绩效自评表（2025）' });
  const props = t.schema.properties as Record<string, unknown>;
  delete props.spent;
  props.note = { type: 'string', title: '说明' };
  props.rate = { type: 'number', title: '执行率(%)', 'x-formula': 'ROUND(adjusted*100,2)' };
  (props.rows as { items: { properties: Record<string, unknown> } }).items.properties.weight = { type: 'number', title: '权重' };
  return t;
};

forEachDatabase('templates', (h) => {
  test('publish versions; the same id+version again is a 409 and the stored version is unchanged', async () => {
    const admin = await h().login('admin');
    const p1 = await admin.post('/api/templates', { template: base('1.0.0') });
    expect(p1.status).toBe(201);
    expect(p1.body).toMatchObject({ templateId: 'self-eval', version: '1.0.0', kind: 'self-evaluation', publishedBy: 'admin' });
    const again = await admin.post('/api/templates', { template: base('1.0.0', { title: '改过的标题' }) });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('VERSION_EXISTS');
    expect((await admin.post('/api/templates', { template: v2() })).status).toBe(201);

    const got = await admin.get('/api/templates/self-eval/versions/1.0.0');
    expect(got.status).toBe(200);
    expect((got.body as { template: { title: string } }).template).toEqual(base('1.0.0'));
    const latest = (await admin.get('/api/templates/self-eval/versions/latest')).body as { version: string };
    expect(latest.version).toBe('1.1.0');

    const list = (await admin.get('/api/templates')).body as { items: { id: string; latestVersion: string; versions: string[] }[] };
    expect(list.items.find((t) => t.id === 'self-eval')).toMatchObject({ latestVersion: '1.1.0', versions: ['1.0.0', '1.1.0'] });
    const versions = (await admin.get('/api/templates/self-eval/versions')).body as { items: { version: string }[] };
    expect(versions.items.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect((await admin.get('/api/templates/nope/versions')).status).toBe(404);
    expect((await admin.get('/api/templates/self-eval/versions/9.9.9')).status).toBe(404);

    // units can read published templates but not publish
    const unit = await h().login('unit');
    expect((await unit.get('/api/templates/self-eval/versions/1.0.0')).status).toBe(200);
    expect((await unit.post('/api/templates', { template: base('2.0.0') })).status).toBe(403);
  });

  test('an invalid template is a 422 listing each problem with its path', async () => {
    const admin = await h().login('admin');
    const bad = base('x.y', { id: 'Bad Id' });
    (bad.schema.properties as Record<string, unknown>).broken = { type: 'number', 'x-formula': 'adjusted +' };
    (bad.schema.properties as Record<string, unknown>).js = { type: 'string', default: '{{ alert(1) }}' };
    const res = await admin.post('/api/templates', { template: bad });
    expect(res.status).toBe(422);
    const e = errorOf(res);
    expect(e.code).toBe('TEMPLATE_INVALID');
    const paths = (e.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'version', 'schema.properties.broken.x-formula', 'schema.properties.js.default']));
    expect((await admin.get('/api/templates/bad-id/versions')).status).toBe(404);
  });

  test('diff lists added, removed and changed field paths and changed top-level keys', async () => {
    const admin = await h().login('admin');
    const res = await admin.get('/api/templates/self-eval/diff?from=1.0.0&to=1.1.0');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      templateId: 'self-eval',
      from: '1.0.0',
      to: '1.1.0',
      added: ['rows[].weight', 'note'],
      removed: ['spent'],
      changed: ['rate'],
      meta: ['title'],
    });
    const same = (await admin.get('/api/templates/self-eval/diff?from=1.0.0&to=1.0.0')).body as { added: unknown[]; changed: unknown[]; meta: unknown[] };
    expect(same).toMatchObject({ added: [], removed: [], changed: [], meta: [] });
    expect((await admin.get('/api/templates/self-eval/diff?from=1.0.0')).status).toBe(400);
  });

  test('drafts: create, save with row version (stale → 409), publish, one draft per template id', async () => {
    const admin = await h().login('admin');
    const created = await admin.post('/api/template-drafts', { template: base('2.0.0', { id: 'decl', kind: 'declaration', title: '申报表' }) });
    expect(created.status).toBe(201);
    const draft = created.body as { id: number; rowVersion: number; problems: unknown[] };
    expect(draft.rowVersion).toBe(1);
    expect(draft.problems).toEqual([]);
    expect((await admin.post('/api/template-drafts', { template: base('2.0.0', { id: 'decl', kind: 'declaration', title: 'x' }) })).status).toBe(409);
    expect((await admin.post('/api/template-drafts', { template: { id: 'decl2' } })).status).toBe(422);

    const wip = base('2.0.0', { id: 'decl', kind: 'declaration', title: '申报表（草稿）' });
    (wip.schema.properties as Record<string, unknown>).x = { type: 'number', 'x-formula': 'nope(' };
    const saved = await admin.put(`/api/template-drafts/${draft.id}`, { template: wip, rowVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ rowVersion: 2, title: '申报表（草稿）' });
    expect(((saved.body as { problems: unknown[] }).problems).length).toBeGreaterThan(0); // saved anyway, not publishable
    const stale = await admin.put(`/api/template-drafts/${draft.id}`, { template: base('2.0.0', { id: 'decl', kind: 'declaration', title: '别人的修改' }), rowVersion: 1 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    expect(((await admin.get(`/api/template-drafts/${draft.id}`)).body as { title: string }).title).toBe('申报表（草稿）');

    expect((await admin.post(`/api/template-drafts/${draft.id}/publish`, {})).status).toBe(422);
    expect((await admin.put(`/api/template-drafts/${draft.id}`, { template: base('2.0.0', { id: 'decl', kind: 'declaration', title: '申报表' }), rowVersion: 2 })).status).toBe(200);
    const pub = await admin.post(`/api/template-drafts/${draft.id}/publish`, { version: '1.0.0' });
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ templateId: 'decl', version: '1.0.0', source: 'designer' });
    expect((await admin.post(`/api/template-drafts/${draft.id}/publish`, { version: '1.0.0' })).status).toBe(409);
    expect(((await admin.get('/api/template-drafts')).body as { items: { templateId: string }[] }).items.map((d) => d.templateId)).toContain('decl');

    const unit = await h().login('unit');
    expect((await unit.get('/api/template-drafts')).status).toBe(403);
    expect((await admin.delete(`/api/template-drafts/${draft.id}`)).status).toBe(204);
    expect((await admin.get(`/api/template-drafts/${draft.id}`)).status).toBe(404);
  });

  test('bindings resolve up the department tree; a department\'s own binding wins', async () => {
    const admin = await h().login('admin');
    await admin.post('/api/departments', { code: 'HW-1', name: '环卫一队', parent: 'HWZX' });
    const root = await admin.put('/api/bindings', { department: 'JDB', kind: 'self-evaluation', year: 2025, templateId: 'self-eval', version: '1.0.0' });
    expect(root.status).toBe(200);
    const own = await admin.put('/api/bindings', { department: 'HWZX', kind: 'self-evaluation', year: 2025, templateId: 'self-eval', version: '1.1.0' });
    expect(own.status).toBe(200);

    const resolve = async (dept: string, year = 2025) => admin.get(`/api/bindings/resolve?department=${dept}&kind=self-evaluation&year=${year}`);
    expect((await resolve('DQZX')).body).toMatchObject({ templateId: 'self-eval', version: '1.0.0', inheritedFrom: 'JDB', inherited: true });
    expect((await resolve('HWZX')).body).toMatchObject({ version: '1.1.0', inheritedFrom: 'HWZX', inherited: false });
    expect((await resolve('HW-1')).body).toMatchObject({ version: '1.1.0', inheritedFrom: 'HWZX', inherited: true });
    const none = await resolve('DQZX', 2024);
    expect(none.status).toBe(404);
    expect(errorOf(none).code).toBe('NO_BINDING');

    // re-binding replaces; wrong kind or unknown version is a 422
    const again = await admin.put('/api/bindings', { department: 'HWZX', kind: 'self-evaluation', year: 2025, templateId: 'self-eval', version: '1.0.0' });
    expect((again.body as { id: number }).id).toBe((own.body as { id: number }).id);
    expect(errorOf(await admin.put('/api/bindings', { department: 'HWZX', kind: 'declaration', year: 2025, templateId: 'self-eval', version: '1.0.0' })).code).toBe('TEMPLATE_KIND_MISMATCH');
    expect(errorOf(await admin.put('/api/bindings', { department: 'HWZX', kind: 'self-evaluation', year: 2025, templateId: 'self-eval', version: '7.0.0' })).code).toBe('UNKNOWN_TEMPLATE_VERSION');

    // scope: the HWZX unit resolves its own department, gets 404 for DQZX, sees only its bindings
    const hwzx = await h().login('hwzx');
    expect((await hwzx.get('/api/bindings/resolve?department=HWZX&kind=self-evaluation&year=2025')).body).toMatchObject({ version: '1.0.0' });
    const out = await hwzx.get('/api/bindings/resolve?department=DQZX&kind=self-evaluation&year=2025');
    expect(out.status).toBe(404);
    expect(errorOf(out).code).toBe('DEPARTMENT_NOT_FOUND');
    const mine = (await hwzx.get('/api/bindings')).body as { items: { department: string }[] };
    expect(mine.items.map((b) => b.department)).toEqual(['HWZX']);
    expect((await hwzx.put('/api/bindings', { department: 'HWZX', kind: 'self-evaluation', year: 2025, templateId: 'self-eval', version: '1.1.0' })).status).toBe(403);

    // finance (template.bind, at JDB) can bind; a binding delete restores inheritance
    const finance = await h().login('finance');
    const id = (again.body as { id: number }).id;
    expect((await finance.delete(`/api/bindings/${id}`)).status).toBe(204);
    expect((await resolve('HW-1')).body).toMatchObject({ version: '1.0.0', inheritedFrom: 'JDB' });
    expect((await admin.get('/api/bindings/resolve?department=HWZX&kind=self-evaluation')).status).toBe(400);
  });
});
