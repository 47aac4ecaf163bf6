/**
 * A new form starts with what the project and its approved declaration already say: the demo
 * street self-evaluation takes the project's name, code, unit, year, adjusted budget and recorded
 * spending (`x-project`) and the declared annual indicators (`x-declaration`), the monitoring form
 * the budget figures, its month and the spending of the months before it, and the indicators'
 * names — on every database.
 */
import path from 'node:path';
import { forEachDatabase, type Client } from './harness';
import { body, readJson } from './workflow-helpers';

const CASES = path.resolve(__dirname, '..', '..', 'templates', 'demo-street', 'cases');
const YEAR = 2021; // the demo pack binds its street templates to 街道本级 for this year

interface Sub {
  id: number;
  rowVersion: number;
  data: Record<string, unknown>;
  values: Record<string, unknown>;
}

forEachDatabase('form prefill', (h) => {
  let finance: Client;
  let unit: Client;
  let reviewer: Client;

  beforeAll(async () => {
    finance = await h().login('finance');
    unit = await h().login('unit');
    reviewer = await h().login('reviewer');
  });

  async function project(code: string): Promise<number> {
    const res = await finance.post('/api/projects', { code, name: `预填测试项目 ${code}`, department: 'DQZX', fiscalYear: YEAR, budgetType: '一般公共预算', requested: '500000.00' });
    expect(res.status).toBe(201);
    return body<{ id: number }>(res).id;
  }

  test('the self-evaluation starts with the project facts, its spending and the approved declaration’s indicators', async () => {
    const projectId = await project('PREFILL-001');
    const declared = readJson(path.join(CASES, 'declaration-fire-lane.json')).data as Record<string, unknown>;
    const annual = declared['annualIndicators'] as Record<string, unknown>[];
    const draft = await unit.post('/api/submissions', { projectId, kind: 'declaration', data: { ...declared, requested: 500000, funds: { fiscal: 500000, carryover: 0, other: 0 } } });
    expect(draft.status).toBe(201);
    const d = body<Sub>(draft);
    expect((await unit.post(`/api/submissions/${d.id}/submit`, { rowVersion: d.rowVersion })).status).toBe(200);
    expect((await reviewer.post(`/api/submissions/${d.id}/approve`, { rowVersion: d.rowVersion + 1, comment: '同意' })).status).toBe(200);

    expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 3, amount: '1000.00' })).status).toBe(201);
    expect((await finance.post(`/api/projects/${projectId}/payments`, { date: '2021-04-02', amount: '234.56' })).status).toBe(201);

    const created = await unit.post('/api/submissions', { projectId, kind: 'self-evaluation', data: { problems: '无' } });
    expect(created.status).toBe(201);
    const s = body<Sub>(created);
    expect(s.data).toMatchObject({
      problems: '无',
      projectName: '预填测试项目 PREFILL-001',
      projectCode: 'PREFILL-001',
      department: '党群中心',
      fiscalYear: YEAR,
      adjusted: 500000,
      spent: 1234.56,
    });
    // the declared rows, with the columns the self-evaluation has (content is a declaration column only)
    const pick = ({ level1, level2, level3, direction, target, unit: u, weight }: Record<string, unknown>) => ({ level1, level2, level3, direction, target, unit: u, weight });
    expect(s.data['indicators']).toEqual(annual.map(pick));
    // and the server scored them (nothing achieved yet) on the prefilled execution figures
    expect(s.values).toMatchObject({ execRate: 0.25 });

    // a monthly monitoring form: the project's budget figures, and the declared indicators' names and units (its 预期 is the unit's)
    const monitoring = await unit.post('/api/submissions', { projectId, kind: 'monitoring', period: `${YEAR}-05` });
    expect(monitoring.status).toBe(201);
    const m = body<Sub>(monitoring);
    expect(m.data).toMatchObject({ projectCode: 'PREFILL-001', department: '党群中心', requested: 500000, initialBudget: 0, adjustment: 0 });
    expect(m.data['indicators']).toEqual(annual.map(({ level1, level2, level3, unit: u }) => ({ level1, level2, level3, unit: u })));
  });

  test('a monthly monitoring form takes its month from its period, 以前月份累计支出 from what was recorded before that month and 支付记录 from what was recorded in it', async () => {
    const projectId = await project('PREFILL-004');
    expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 3, amount: '1000.00' })).status).toBe(201);
    expect((await finance.post(`/api/projects/${projectId}/payments`, { date: '2021-04-02', amount: '234.56' })).status).toBe(201);
    expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 5, amount: '0.01' })).status).toBe(201);

    const form = async (period: string, data?: Record<string, unknown>): Promise<Sub> => {
      const res = await unit.post('/api/submissions', { projectId, kind: 'monitoring', period, ...(data ? { data } : {}) });
      expect(res.status).toBe(201);
      return body<Sub>(res);
    };
    const may = await form(`${YEAR}-05`);
    expect(may.data).toMatchObject({ month: 5, priorSpent: 1234.56 });
    // 支付记录 (x-payments) holds what was recorded for May: a spending entry, which has no date
    expect(may.data['payments']).toEqual([{ amount: 0.01, memo: '5月支出' }]);
    // the server's figures follow: 本月支出 = SUM(支付记录), 累计 = 以前月份累计 + 本月支出
    expect(may.values).toMatchObject({ monthSpent: 0.01, cumulative: 1234.57 });
    const april = await form(`${YEAR}-04`);
    expect(april.data).toMatchObject({ month: 4, priorSpent: 1000, payments: [{ date: '2021-04-02', amount: 234.56 }] });
    expect(april.values).toMatchObject({ monthSpent: 234.56, cumulative: 1234.56 });
    expect((await form(`${YEAR}-01`)).data).toMatchObject({ month: 1, priorSpent: 0 });
    // a period after the fiscal year counts the whole year; the creator's own figure wins
    expect((await form(`${YEAR + 1}-01`)).data).toMatchObject({ month: 1, priorSpent: 1234.57 });
    expect((await form(`${YEAR}-06`, { priorSpent: 99 })).data).toMatchObject({ month: 6, priorSpent: 99 });
    // a period without a month leaves both to the unit
    const quarter = await form(`${YEAR}-Q2`);
    expect(quarter.data).not.toHaveProperty('month');
    expect(quarter.data).not.toHaveProperty('priorSpent');
    expect(quarter.data).not.toHaveProperty('payments');
  });

  test('project data recorded after a form was created is offered to it; a save applies it, and then nothing is left to offer', async () => {
    const projectId = await project('PREFILL-005');
    expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 2, amount: '200.00' })).status).toBe(201);
    const created = await unit.post('/api/submissions', { projectId, kind: 'monitoring', period: `${YEAR}-03`, data: { memo: '无' } });
    expect(created.status).toBe(201);
    const m = body<Sub>(created);
    const offered = async (): Promise<{ rowVersion: number; changes: { path: string; title: string; current: unknown; fresh: unknown }[]; data: Record<string, unknown> }> => {
      const res = await unit.get(`/api/submissions/${m.id}/project-data`);
      expect(res.status).toBe(200);
      return body(res);
    };
    expect((await offered()).changes).toEqual([]);
    // the unit's own 以前月份累计支出 is theirs while the project's figure stays what it was
    const own = await unit.put(`/api/submissions/${m.id}`, { rowVersion: m.rowVersion, data: { ...m.data, priorSpent: 150 } });
    expect(own.status).toBe(200);
    expect((await offered()).changes).toEqual([]);

    // the finance office records a late February entry and a March payment after the form was started
    expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 2, amount: '0.10' })).status).toBe(201);
    expect((await finance.post(`/api/projects/${projectId}/payments`, { date: '2021-03-15', amount: '99.90', memo: '印刷费' })).status).toBe(201);
    const o = await offered();
    expect(o.rowVersion).toBe(m.rowVersion + 1);
    expect(o.changes).toEqual([
      { path: 'priorSpent', title: '以前月份累计支出', current: 150, fresh: 200.1 },
      { path: 'payments', title: '支付记录', current: [], fresh: [{ date: '2021-03-15', amount: 99.9, memo: '印刷费' }] },
    ]);
    expect(o.data).toMatchObject({ memo: '无', priorSpent: 200.1, month: 3 });

    const saved = await unit.put(`/api/submissions/${m.id}?view=full`, { rowVersion: o.rowVersion, data: o.data });
    expect(saved.status).toBe(200);
    expect(body<Sub>(saved).values).toMatchObject({ monthSpent: 99.9, cumulative: 300 });
    expect((await offered()).changes).toEqual([]);
    // another department's user cannot read it
    const hwzx = await h().login('hwzx');
    expect((await hwzx.get(`/api/submissions/${m.id}/project-data`)).status).toBe(404);
  });

  test('without an approved declaration the indicator table is left to the template default; what the creator sends wins', async () => {
    const projectId = await project('PREFILL-002');
    const rows = [{ level1: '产出指标', level2: '数量指标', level3: '自填指标', direction: '≥', target: 1, unit: '个', weight: 90 }];
    const created = await unit.post('/api/submissions', { projectId, kind: 'self-evaluation', data: { projectName: '单位自填名称', spent: 10, indicators: rows } });
    expect(created.status).toBe(201);
    expect(body<Sub>(created).data).toMatchObject({ projectName: '单位自填名称', spent: 10, indicators: rows, projectCode: 'PREFILL-002' });

    const other = await project('PREFILL-003');
    const bare = await unit.post('/api/submissions', { projectId: other, kind: 'self-evaluation' });
    expect(bare.status).toBe(201);
    expect(body<Sub>(bare).data).not.toHaveProperty('indicators');
    expect(body<Sub>(bare).data).toMatchObject({ spent: 0, adjusted: 500000 });
  });
});
