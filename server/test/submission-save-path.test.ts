/**
 * The autosave path (PUT /api/submissions/:id) as it is kept fast: the summary answer
 * (`?view=full` for the whole submission), drafts without a stored trace (recomputed on GET),
 * history events that store patches (the diff of any two versions still exact), audit rows with
 * the changed paths, and the one-query session load.
 */
import { copyJson } from '../src/modules/submissions/compute';
import { applyPatch, diffPatch } from '../src/modules/submissions/patch';
import { diffData } from '../src/modules/submissions/service';
import { Client, errorOf, forEachDatabase } from './harness';
import { body, FIXTURE_DATA, makeProject, publishAndBind, readJson, TEST_YEAR } from './workflow-helpers';

interface Sub {
  id: number;
  status: string;
  rowVersion: number;
  total: number | null;
  grade: string | null;
  data?: Record<string, unknown>;
  values?: Record<string, unknown>;
  trace?: unknown[];
}

const SUMMARY_KEYS = [
  'id', 'projectId', 'department', 'kind', 'fiscalYear', 'period', 'templateId', 'templateVersion', 'status', 'total', 'grade',
  'rowVersion', 'createdBy', 'createdAt', 'updatedAt', 'submittedAt', 'approvedAt',
].sort();

/** The engine's example data as the server stores it: inputs only (its computed fields dropped). */
function exampleData(): Record<string, unknown> {
  const data = readJson(FIXTURE_DATA);
  ((data.indicators as Record<string, unknown>[])[2] as Record<string, unknown>).actual = 33;
  delete data.total;
  delete data.grade;
  delete (data.funds as Record<string, unknown>).rate;
  delete (data.funds as Record<string, unknown>).score;
  for (const r of data.indicators as Record<string, unknown>[]) delete r.score;
  return data;
}

/** Version `i` of the form: a few cells edited, a row reason added or dropped, sometimes a row more. */
function edited(i: number): Record<string, unknown> {
  const data = exampleData();
  const rows = data.indicators as Record<string, unknown>[];
  (rows[i % rows.length] as Record<string, unknown>).actual = 40 + i;
  (rows[1] as Record<string, unknown>).actual = 90 + (i % 3);
  if (i % 2 === 0) (rows[0] as Record<string, unknown>).reason = `第 ${i} 次修改的说明`;
  else delete (rows[0] as Record<string, unknown>).reason;
  if (i % 5 === 0) rows.push({ level1: '满意度指标', level2: '服务对象满意度指标', level3: `新增指标 ${i}`, direction: '≥', target: 90, unit: '%', weight: 0, actual: 91 });
  (data.funds as Record<string, unknown>).spent = 1_700_000 + i * 1000;
  return data;
}

describe('history patches', () => {
  const docs: unknown[] = [
    {},
    { a: 1, 'b.c': [1, 2, { 'd[0]': 'x' }], e: null },
    { a: 2, 'b.c': [1, 2, { 'd[0]': 'y', f: true }], g: { h: [] } },
    { a: '2', 'b.c': [1, 2], g: { h: [1, [2, 3]] } },
    { a: [1], g: null, z: { deep: { deeper: '深' } } },
    [1, { a: 1 }],
    [1, { a: 2, b: 3 }],
    'text',
    null,
    exampleData(),
    edited(1),
    edited(5),
  ];

  test('applying the patch from a to b gives b, and leaves a as it was', () => {
    for (const a of docs) {
      for (const b of docs) {
        const before = JSON.stringify(a);
        const ops = diffPatch(a, b);
        expect(applyPatch(a, JSON.parse(JSON.stringify(ops)) as typeof ops)).toEqual(b);
        expect(JSON.stringify(a)).toBe(before);
        if (JSON.stringify(a) === JSON.stringify(b)) expect(ops).toEqual([]);
      }
    }
  });

  test('a patch names only what changed', () => {
    const ops = diffPatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: 1, b: { c: 2 }, e: [1, 5], f: 'new' });
    expect(ops).toEqual([{ p: ['b', 'd'], d: 1 }, { p: ['e', 1], v: 5 }, { p: ['f'], v: 'new' }]);
  });
});

describe('copyJson', () => {
  test('copies as a JSON round trip does, without sharing anything', () => {
    const source: Record<string, unknown> = {
      n: 1.5, s: '文本', t: true, z: null, u: undefined, f: () => 1, inf: Infinity, nan: NaN,
      d: new Date(Date.UTC(2026, 10, 23)), list: [1, undefined, () => 2, { deep: ['x'] }], nested: { a: { b: [] } },
    };
    for (const v of [source, exampleData(), [], {}, 'x', 0, null]) expect(copyJson(v)).toEqual(JSON.parse(JSON.stringify(v)));
    const copy = copyJson(source) as { nested: { a: unknown } };
    expect(copy.nested.a).not.toBe((source.nested as { a: unknown }).a);
    expect(() => copyJson({ big: 1n })).toThrow(TypeError);
  });

  test('a "__proto__" key stays an own key and sets no prototype', () => {
    const copy = copyJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});

forEachDatabase('submission-save-path', (h) => {
  let admin: Client;
  let unit: Client;
  let reviewer: Client;
  beforeAll(async () => {
    admin = await h().login('admin');
    unit = await h().login('unit');
    reviewer = await h().login('reviewer');
    await publishAndBind(admin, TEST_YEAR);
  });

  async function newSubmission(data: Record<string, unknown>): Promise<Sub> {
    const p = await makeProject(admin, 'DQZX', TEST_YEAR);
    const res = await unit.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data });
    if (res.status !== 201) throw new Error(`create → ${res.status} ${res.text}`);
    return res.body as Sub;
  }

  const row = async (id: number): Promise<Record<string, unknown>> => (await h().db('submissions').where({ id }).first()) as Record<string, unknown>;

  test('a save answers the summary; ?view=full the whole submission; a bad view changes nothing', async () => {
    const s = await newSubmission(exampleData());
    const saved = await unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: edited(1) });
    expect(saved.status).toBe(200);
    expect(Object.keys(saved.body as object).sort()).toEqual(SUMMARY_KEYS);
    const got = body<Sub>(await unit.get(`/api/submissions/${s.id}`));
    expect(saved.body).toMatchObject({ id: s.id, status: 'draft', rowVersion: 2, total: got.total, grade: got.grade, updatedAt: (got as unknown as { updatedAt: string }).updatedAt });
    expect(got.total).not.toBeNull();

    const full = await unit.put(`/api/submissions/${s.id}?view=full`, { rowVersion: 2, data: edited(2) });
    expect(full.status).toBe(200);
    const fullBody = body<Sub>(full);
    expect(fullBody.rowVersion).toBe(3);
    expect(fullBody.data).toEqual(edited(2));
    expect(fullBody.values).toMatchObject({ indicators: expect.any(Array) });
    expect(fullBody.trace?.length).toBeGreaterThan(0);
    expect(body<Sub>(await unit.get(`/api/submissions/${s.id}`))).toEqual(fullBody);

    const events = (await h().db('submission_events').where({ submission_id: s.id }).count({ n: '*' }).first()) as { n: unknown };
    const bad = await unit.put(`/api/submissions/${s.id}?view=everything`, { rowVersion: 3, data: edited(3) });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('BAD_QUERY');
    expect((await row(s.id)).row_version).toBe(3);
    expect(((await h().db('submission_events').where({ submission_id: s.id }).count({ n: '*' }).first()) as { n: unknown }).n).toBe(events.n);
  });

  test('drafts keep no trace in the row (GET recomputes it); a submitted form stores its trace', async () => {
    const s = await newSubmission(exampleData());
    const full = body<Sub>(await unit.put(`/api/submissions/${s.id}?view=full`, { rowVersion: 1, data: edited(4) }));
    expect((await row(s.id)).trace_json).toBeNull();
    const got = body<Sub>(await unit.get(`/api/submissions/${s.id}`));
    expect(got.trace).toEqual(full.trace);
    expect(JSON.stringify(got.trace)).toContain('indicators[0].score');

    const complete = edited(4);
    for (const r of complete.indicators as Record<string, unknown>[]) r.reason ??= '受客观因素影响，已制定整改措施';
    (complete.funds as Record<string, unknown>).reason = '部分采购延至下年度';
    const submitted = await unit.post(`/api/submissions/${s.id}/submit`, { rowVersion: 2, data: complete });
    expect(submitted.status).toBe(200);
    const stored = (await row(s.id)).trace_json;
    expect(typeof stored).toBe('string');
    expect(body<Sub>(await unit.get(`/api/submissions/${s.id}`)).trace).toEqual(JSON.parse(stored as string));
    expect(body<Sub>(submitted).trace).toEqual(JSON.parse(stored as string));

    // returned: editable again; the review answers keep the full view
    const returned = await reviewer.post(`/api/submissions/${s.id}/return`, { rowVersion: 3, comment: '请补充说明' });
    expect(returned.status).toBe(200);
    expect(body<Sub>(returned)).toMatchObject({ status: 'returned', rowVersion: 4, data: complete });
    expect(body<Sub>(returned).trace).toEqual(JSON.parse(stored as string));
  });

  test('history stores patches, and every version reads back exactly (diff of any two versions)', async () => {
    const versions: Record<string, unknown>[] = [exampleData()];
    const s = await newSubmission(versions[0] as Record<string, unknown>);
    for (let i = 1; i <= 20; i++) {
      const data = edited(i);
      const res = await unit.put(`/api/submissions/${s.id}`, { rowVersion: i, data });
      expect(res.status).toBe(200);
      versions.push(data);
    }
    const events = (await h().db('submission_events').where({ submission_id: s.id }).orderBy('id').select('row_version', 'data_json', 'data_patch_json')) as Record<string, unknown>[];
    expect(events).toHaveLength(21);
    const full = events.filter((e) => e.data_json !== null).map((e) => Number(e.row_version));
    expect(full).toEqual([1, 16]);
    expect(events.every((e) => (e.data_json === null) !== (e.data_patch_json === null))).toBe(true);
    const snapshotBytes = String(events[0]?.data_json).length;
    const patches = events.filter((e) => e.data_patch_json !== null).map((e) => String(e.data_patch_json).length);
    expect(patches.reduce((a, b) => a + b, 0)).toBeLessThan((patches.length * snapshotBytes) / 2);

    const history = body<{ items: { hasData: boolean }[] }>(await unit.get(`/api/submissions/${s.id}/history`));
    expect(history.items.every((e) => e.hasData)).toBe(true);

    for (const [from, to] of [[1, 2], [1, 15], [1, 16], [1, 17], [3, 21], [15, 16], [16, 17], [17, 21], [20, 21], [21, 21], [21, 1], [18, 5]] as const) {
      const res = await unit.get(`/api/submissions/${s.id}/diff?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      expect(body<{ changes: unknown[] }>(res).changes).toEqual(diffData(versions[from - 1], versions[to - 1]));
    }
  });

  test('the audit row of a save holds the changed paths with their values, not the whole data', async () => {
    const s = await newSubmission(exampleData());
    const data = exampleData();
    (((data.indicators as Record<string, unknown>[])[3] as Record<string, unknown>).actual) = 70;
    expect((await unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data })).status).toBe(200);
    const audit = (await h().db('audit_log').where({ entity_type: 'submission', entity_id: String(s.id), action: 'save' }).first()) as Record<string, unknown>;
    const after = JSON.parse(String(audit.after_json)) as Record<string, unknown>;
    expect(after.data).toBeUndefined();
    expect(after.changes).toEqual([{ path: 'indicators[3].actual', kind: 'changed', before: 60, after: 70 }]);
    expect(after).toMatchObject({ id: s.id, rowVersion: 2, status: 'draft' });
    expect(JSON.parse(String(audit.before_json))).toMatchObject({ id: s.id, rowVersion: 1 });

    // a stale save: 409, and neither an event nor an audit row
    const count = async (table: string, where: Record<string, unknown>): Promise<number> => Number(((await h().db(table).where(where).count({ n: '*' }).first()) as { n: unknown }).n);
    const events = await count('submission_events', { submission_id: s.id });
    const audits = await count('audit_log', { entity_type: 'submission', entity_id: String(s.id) });
    const stale = await unit.put(`/api/submissions/${s.id}`, { rowVersion: 1, data: edited(9) });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    expect(await count('submission_events', { submission_id: s.id })).toBe(events);
    expect(await count('audit_log', { entity_type: 'submission', entity_id: String(s.id) })).toBe(audits);
    expect(body<Sub>(await unit.get(`/api/submissions/${s.id}`)).data).toEqual(data);
  });

  test('the session user carries every role and the union of their permissions', async () => {
    const me = body<{ roles: { code: string }[]; permissions: string[] }>(await reviewer.get('/api/me'));
    const roleRows = (await h().db('user_roles as ur').join('users as u', 'u.id', 'ur.user_id').where('u.username', 'reviewer').select('ur.role_code')) as { role_code: string }[];
    expect(me.roles.map((r) => r.code).sort()).toEqual(roleRows.map((r) => r.role_code).sort());
    expect(me.permissions).toContain('submission.review');
  });
});
