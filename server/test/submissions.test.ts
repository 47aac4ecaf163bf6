import { score, type Template } from '@jixiao/engine';
import { Client, errorOf, forEachDatabase } from './harness';
import { auditCount, body, FIXTURE_DATA, FIXTURE_TEMPLATE, makeProject, publishAndBind, readJson, rowCount, TEST_TEMPLATE_ID, TEST_YEAR } from './workflow-helpers';

interface Sub {
  id: number;
  status: string;
  rowVersion: number;
  total: number | null;
  grade: string | null;
  data: Record<string, unknown>;
  values: Record<string, unknown>;
  scores: Record<string, unknown>;
  trace: unknown[];
  templateId: string;
  templateVersion: string;
}

const template = readJson(FIXTURE_TEMPLATE) as unknown as Template;
/** The engine's example data, with its one numeric-text value ("33") typed as a number. */
function exampleData(): Record<string, unknown> {
  const data = readJson(FIXTURE_DATA);
  ((data.indicators as Record<string, unknown>[])[2] as Record<string, unknown>).actual = 33;
  return data;
}
/** The example data with every reason the template requires filled in (a complete submission). */
function completeData(): Record<string, unknown> {
  const data = exampleData();
  const rows = data.indicators as Record<string, unknown>[];
  for (const r of rows) r.reason ??= '受客观因素影响，已制定整改措施';
  return data;
}
const expected = (data: unknown): { total: number; grade: string } => {
  const r = score(template, data, { today: new Date().toISOString().slice(0, 10), department: 'DQZX' });
  return { total: r.total as number, grade: r.grade as string };
};

forEachDatabase('submissions', (h) => {
  let admin: Client;
  let unit: Client;
  let reviewer: Client;
  beforeAll(async () => {
    admin = await h().login('admin');
    unit = await h().login('unit');
    reviewer = await h().login('reviewer');
    await publishAndBind(admin, TEST_YEAR);
  });

  const eventCount = async (id: number): Promise<number> =>
    Number(((await h().db('submission_events').where({ submission_id: id }).count({ n: '*' }).first()) as { n: unknown }).n);

  async function newSubmission(data: Record<string, unknown> = exampleData()): Promise<Sub> {
    const p = await makeProject(admin, 'DQZX', TEST_YEAR);
    const res = await unit.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data });
    if (res.status !== 201) throw new Error(`create → ${res.status} ${res.text}`);
    return res.body as Sub;
  }

  test('full declaration workflow: create → save → submit → return with comment → resubmit → approve, with history and diff', async () => {
    const created = await newSubmission();
    expect(created).toMatchObject({ status: 'draft', rowVersion: 1, templateId: TEST_TEMPLATE_ID, templateVersion: '1.0.0' });
    expect(created.total).toBe(expected(exampleData()).total);

    // a second submission of the same kind for the same project is a conflict
    const dup = await unit.post('/api/submissions', { projectId: (await h().db('submissions').where({ id: created.id }).first()).project_id, kind: 'self-evaluation' });
    expect(dup.status).toBe(409);

    const data = completeData();
    const saved = await unit.put(`/api/submissions/${created.id}`, { rowVersion: 1, data });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', rowVersion: 2 });

    const submitted = await unit.post(`/api/submissions/${created.id}/submit`, { rowVersion: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', rowVersion: 3, total: expected(data).total, grade: expected(data).grade });
    expect(body<Sub>(submitted).trace.length).toBeGreaterThan(0);

    // no edits while submitted
    const locked = await unit.put(`/api/submissions/${created.id}`, { rowVersion: 3, data });
    expect(locked.status).toBe(409);
    expect(errorOf(locked).code).toBe('INVALID_STATUS');
    // the filler cannot review; a reviewer cannot fill
    expect((await unit.post(`/api/submissions/${created.id}/approve`, { rowVersion: 3 })).status).toBe(403);
    expect((await reviewer.put(`/api/submissions/${created.id}`, { rowVersion: 3, data })).status).toBe(403);

    const noComment = await reviewer.post(`/api/submissions/${created.id}/return`, { rowVersion: 3 });
    expect(noComment.status).toBe(422);
    expect(errorOf(noComment).code).toBe('COMMENT_REQUIRED');
    const returned = await reviewer.post(`/api/submissions/${created.id}/return`, { rowVersion: 3, comment: '请补充偏差原因的佐证材料' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', rowVersion: 4 });

    const changed = completeData();
    ((changed.indicators as Record<string, unknown>[])[3] as Record<string, unknown>).actual = 70;
    const resubmitted = await unit.post(`/api/submissions/${created.id}/submit`, { rowVersion: 4, data: changed });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', rowVersion: 5, total: expected(changed).total });

    const approved = await reviewer.post(`/api/submissions/${created.id}/approve`, { rowVersion: 5, comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', rowVersion: 6 });
    expect((await reviewer.post(`/api/submissions/${created.id}/approve`, { rowVersion: 6 })).status).toBe(409);

    const history = body<{ items: { action: string; fromStatus: string | null; toStatus: string; comment: string | null; rowVersion: number; actor: string }[] }>(
      await unit.get(`/api/submissions/${created.id}/history`),
    );
    expect(history.items.map((e) => e.action)).toEqual(['create', 'save', 'submit', 'return', 'resubmit', 'approve']);
    expect(history.items[3]).toMatchObject({ fromStatus: 'submitted', toStatus: 'returned', comment: '请补充偏差原因的佐证材料', actor: 'reviewer', rowVersion: 4 });
    expect(history.items.map((e) => (e as { hasData?: boolean }).hasData)).toEqual([true, true, true, false, true, false]);

    const diff = body<{ changes: { path: string; kind: string; before?: unknown; after?: unknown }[] }>(await unit.get(`/api/submissions/${created.id}/diff?from=4&to=5`));
    expect(diff.changes).toEqual([{ path: 'indicators[3].actual', kind: 'changed', before: 60, after: 70 }]);
    const fromStart = body<{ changes: { path: string }[] }>(await unit.get(`/api/submissions/${created.id}/diff?from=1`));
    expect(fromStart.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['indicators[2].reason', 'indicators[3].actual']));

    const audit = await h().db('audit_log').where({ entity_type: 'submission', entity_id: String(created.id) }).orderBy('id').select('action');
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['create', 'save', 'submit', 'return', 'resubmit', 'approve']);

    // the project shows its latest submission of each kind
    const projectId = Number(((await h().db('submissions').where({ id: created.id }).first()) as { project_id: unknown }).project_id);
    expect((await unit.get(`/api/projects/${projectId}`)).body).toMatchObject({ submissions: { 'self-evaluation': { id: created.id, status: 'approved' } } });

    // the resolved template the form renders
    const tpl = await unit.get(`/api/submissions/${created.id}/template`);
    expect(tpl.status).toBe(200);
    expect(tpl.body).toMatchObject({ templateId: TEST_TEMPLATE_ID, version: '1.0.0', template: { resolvedFor: 'DQZX' } });
  });

  test('tampered computed values are ignored: the server stores its own total, scores and grade', async () => {
    const s = await newSubmission(completeData());
    const tampered = completeData();
    tampered.total = 100;
    tampered.grade = '优';
    (tampered.funds as Record<string, unknown>).rate = 100;
    (tampered.funds as Record<string, unknown>).score = 10;
    ((tampered.indicators as Record<string, unknown>[])[0] as Record<string, unknown>).score = 20;
    const res = await unit.post(`/api/submissions/${s.id}/submit`, { rowVersion: 1, data: tampered });
    expect(res.status).toBe(200);
    const want = expected(completeData());
    expect(want.total).not.toBe(100);
    const got = body<Sub>(res);
    expect(got.total).toBe(want.total);
    expect(got.grade).toBe(want.grade);
    expect(got.values.total).toBe(want.total);
    expect((got.values.funds as Record<string, unknown>).rate).toBe(90);
    // stored: inputs without computed fields; total as the fixed-scale integer of the server's total
    const row = (await h().db('submissions').where({ id: s.id }).first()) as Record<string, unknown>;
    const stored = JSON.parse(String(row.data_json)) as Record<string, unknown>;
    expect(stored.total).toBeUndefined();
    expect(stored.grade).toBeUndefined();
    expect((stored.funds as Record<string, unknown>).rate).toBeUndefined();
    expect(((stored.indicators as Record<string, unknown>[])[0] as Record<string, unknown>).score).toBeUndefined();
    expect(Number(row.total_e4)).toBe(Math.round(want.total * 10000));
    expect(row.grade).toBe(want.grade);
  });

  test('an invalid submit is 422 listing each path, and the database is unchanged', async () => {
    const s = await newSubmission();
    const bad = exampleData();
    delete bad.projectName;
    (bad.funds as Record<string, unknown>).spent = 'lots';
    const counts = async (): Promise<number[]> => [await rowCount(h(), 'submissions'), await rowCount(h(), 'submission_events'), await auditCount(h())];
    const before = await counts();
    const rowBefore = await h().db('submissions').where({ id: s.id }).first();
    const res = await unit.post(`/api/submissions/${s.id}/submit`, { rowVersion: 1, data: bad });
    expect(res.status).toBe(422);
    const details = errorOf(res).details as { path: string; code: string; message: string }[];
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['projectName', 'funds.spent', 'indicators[2].reason', 'indicators[3].reason', 'indicators[5].reason']));
    for (const d of details) expect(d.message).toMatch(/\S/);
    expect(await counts()).toEqual(before);
    expect(await h().db('submissions').where({ id: s.id }).first()).toEqual(rowBefore);

    // a draft save checks types only: missing required fields are fine, a text amount is not
    const draft = exampleData();
    delete draft.projectName;
    expect((await unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: draft })).status).toBe(200);
    const typeError = await unit.put(`/api/submissions/${s.id}`, { rowVersion: 2, data: bad });
    expect(typeError.status).toBe(422);
    expect((errorOf(typeError).details as { path: string }[]).map((d) => d.path)).toEqual(['funds.spent']);
  });

  test('two concurrent updates of the same submission: one 200, one 409, nothing overwritten', async () => {
    const s = await newSubmission();
    const other = await h().startAnother();
    const unit2 = new Client(other.url, h().config.sessionCookie);
    unit2.cookie = unit.cookie;
    const a = completeData();
    (a.goals as Record<string, unknown> | undefined) ?? (a.goals = {});
    (a.goals as Record<string, unknown>).achieved = 'A';
    const b = completeData();
    b.goals = { achieved: 'B' };
    const [ra, rb] = await Promise.all([unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: a }), unit2.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: b })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(errorOf(loser).code).toBe('VERSION_CONFLICT');
    const winner = ra.status === 200 ? 'A' : 'B';
    const now = body<Sub>(await unit.get(`/api/submissions/${s.id}`));
    expect(now.rowVersion).toBe(2);
    expect((now.data.goals as Record<string, unknown>).achieved).toBe(winner);
    expect(await eventCount(s.id)).toBe(2);
    // a stale version later is also 409
    expect((await unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: a })).status).toBe(409);
  });

  test('creation needs a bound template; reviewers cannot review their own department; drafts can be deleted', async () => {
    const p2026 = await makeProject(admin, 'DQZX', TEST_YEAR + 8);
    const none = await unit.post('/api/submissions', { projectId: p2026.id, kind: 'self-evaluation' });
    expect(none.status).toBe(422);
    expect(errorOf(none).code).toBe('NO_BINDING');
    expect(errorOf(await unit.post('/api/submissions', { projectId: p2026.id, kind: 'nonsense' })).code).toBe('SUBMISSION_KIND');

    // a reviewer sitting in the submission's own department may not approve it
    const jdbProject = await makeProject(admin, 'JDB', TEST_YEAR);
    const own = await admin.post('/api/submissions', { projectId: jdbProject.id, kind: 'self-evaluation', data: completeData() });
    expect(own.status).toBe(201);
    const sub = await admin.post(`/api/submissions/${body<Sub>(own).id}/submit`, { rowVersion: 1 });
    expect(sub.status).toBe(200);
    const self = await reviewer.post(`/api/submissions/${body<Sub>(own).id}/approve`, { rowVersion: 2 });
    expect(self.status).toBe(403);
    expect(errorOf(self).code).toBe('REVIEW_OWN_DEPARTMENT');

    const s = await newSubmission();
    expect((await unit.delete(`/api/submissions/${s.id}`)).status).toBe(204);
    expect((await unit.get(`/api/submissions/${s.id}`)).status).toBe(404);
    expect(await eventCount(s.id)).toBe(0);
  });

  test('the department variant of the pinned template is applied before evaluating', async () => {
    const year = TEST_YEAR + 1;
    const variant = {
      ...readJson(FIXTURE_TEMPLATE),
      id: 'h4b-variant-self-eval',
      variants: {
        DQZX: {
          patch: [
            { path: '/properties/funds/properties/score/x-score/weight', value: 20 },
            { path: '/properties/indicators/default/0/weight', value: 10 },
          ],
        },
      },
    };
    const published = await admin.post('/api/templates', { template: variant });
    expect(published.text).toContain('h4b-variant-self-eval');
    expect((await admin.put('/api/bindings', { department: 'JDB', kind: 'self-evaluation', year, templateId: variant.id, version: '1.0.0' })).status).toBe(200);
    for (const d of ['DQZX', 'HWZX']) await h().db('template_bindings').where({ department_code: d, kind: 'self-evaluation', fiscal_year: year }).delete();
    const scoreOf = async (department: string, client: Client): Promise<number> => {
      const p = await makeProject(admin, department, year);
      const res = await client.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data: completeData() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ templateId: variant.id, templateVersion: '1.0.0' });
      return body<Sub>(res).scores['funds.score'] as number;
    };
    const dqzx = await scoreOf('DQZX', unit);
    const hwzx = await scoreOf('HWZX', await h().login('hwzx'));
    expect(hwzx).toBeGreaterThan(0);
    expect(dqzx).toBe(hwzx * 2);
  });

  test('list filters by project, status and kind within scope', async () => {
    const s = await newSubmission();
    const list = body<{ items: { id: number; status: string }[]; total: number }>(await unit.get(`/api/submissions?status=draft&kind=self-evaluation&year=${TEST_YEAR}`));
    expect(list.items.some((i) => i.id === s.id)).toBe(true);
    expect(list.items.every((i) => i.status === 'draft')).toBe(true);
    const hwzx = await h().login('hwzx');
    expect(body<{ total: number }>(await hwzx.get('/api/submissions?department=DQZX')).total).toBe(0);
    expect(body<{ items: { id: number }[] }>(await hwzx.get('/api/submissions')).items.some((i) => i.id === s.id)).toBe(false);
  });
});
