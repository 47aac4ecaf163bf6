/**
 * The indicator library API over HTTP: search, paging, facets, recommendations (deterministic,
 * with reasons), last year's indicators, scope.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { parseIndicatorCsv } from '@jixiao/engine';
import { forEachDatabase } from './harness';
import { replaceIndicators } from '../src/modules/packs/repo';

interface Item {
  code: string;
  level3: string;
  pack: string;
}

async function insertProject(db: Knex, p: { code: string; year: number; name: string; department?: string; category?: string; projectType?: string; fundUse?: string }): Promise<number> {
  const at = new Date().toISOString();
  const [id] = await db('projects').insert({
    code: p.code,
    name: p.name,
    department_code: p.department ?? 'JDBJ',
    fiscal_year: p.year,
    budget_type: '一般公共预算',
    project_type: p.projectType ?? null,
    category: p.category ?? null,
    fund_use: p.fundUse ?? null,
    requested_fen: 100_000_000,
    initial_budget_fen: 0,
    adjustment_fen: 0,
    adjusted_fen: 100_000_000,
    status: 'active',
    row_version: 1,
    created_at: at,
    updated_at: at,
  });
  return Number(id);
}

async function insertDeclaration(db: Knex, projectId: number, data: Record<string, unknown>): Promise<void> {
  const p = (await db('projects').where({ id: projectId }).first()) as { department_code: string; fiscal_year: number };
  const at = new Date().toISOString();
  await db('submissions').insert({
    project_id: projectId,
    department_code: p.department_code,
    kind: 'declaration',
    fiscal_year: p.fiscal_year,
    period: '',
    template_id: 'street-declaration',
    template_version: '1.0.0',
    status: 'approved',
    data_json: JSON.stringify(data),
    values_json: JSON.stringify(data),
    row_version: 1,
    created_at: at,
    updated_at: at,
  });
}

const CITY = { category: '城建和基础设施', projectType: '办公场所建设', fundUse: '基建/工程' };

forEachDatabase('indicators', (h) => {
  let target = 0;
  beforeAll(async () => {
    const file = path.join(h().config.repoRoot, 'templates', 'demo-street', 'indicators.csv');
    const parsed = parseIndicatorCsv(fs.readFileSync(file, 'utf8'), 'indicators.csv');
    expect(parsed.rows).toHaveLength(18);
    await h().db.transaction((trx) => replaceIndicators(trx, 'demo-street', parsed.rows));
    const last = await insertProject(h().db, { code: 'FIRE-LANE', year: 2021, name: '消防通道建设一期', ...CITY });
    await insertDeclaration(h().db, last, {
      annualIndicators: [
        { code: 'JD-JJ-02', level1: '产出指标', level2: '数量指标', level3: '升级改造覆盖社区数量', target: 2, unit: '个' },
        { level1: '满意度指标', level2: '服务对象满意度指标', level3: '社区居民满意度', target: 90, unit: '%' },
      ],
    });
    const old = await insertProject(h().db, { code: 'FIRE-OLD', year: 2020, name: '社区道路修缮', ...CITY });
    await insertDeclaration(h().db, old, { overallIndicators: [{ level2: '服务对象满意度指标', level3: '社区居民满意度', target: 85 }] });
    const unrelated = await insertProject(h().db, { code: 'OTHER', year: 2020, name: '其他项目', category: '党群' });
    await insertDeclaration(h().db, unrelated, { annualIndicators: [{ level3: '工程按期完工率' }] });
    target = await insertProject(h().db, { code: 'FIRE-LANE', year: 2022, name: '示范社区消防通道改造二期', ...CITY });
  });

  test('keyword search ranks name matches; paging and facet filters', async () => {
    const c = await h().login('hwzx');
    const kw = (await c.get(`/api/indicators?pack=demo-street&q=${encodeURIComponent('消防')}`)).body as { items: Item[]; total: number };
    expect(kw.total).toBe(3);
    expect(kw.items.map((i) => i.code)).toEqual(['JD-JJ-01', 'JD-JJ-05', 'JD-JJ-07']);
    expect(kw.items[0]?.pack).toBe('demo-street');

    const base = `/api/indicators?pack=demo-street&category=${encodeURIComponent('城建和基础设施')}&size=4`;
    const p1 = (await c.get(`${base}&page=1`)).body as { items: Item[]; total: number; page: number; size: number };
    expect([p1.total, p1.page, p1.size, p1.items.map((i) => i.code)]).toEqual([9, 1, 4, ['JD-JJ-01', 'JD-JJ-02', 'JD-JJ-03', 'JD-JJ-04']]);
    const p3 = (await c.get(`${base}&page=3`)).body as { items: Item[] };
    expect(p3.items.map((i) => i.code)).toEqual(['JD-JJ-09']);

    const lv = (await c.get(`/api/indicators?pack=demo-street&level1=${encodeURIComponent('效益指标')}&level2=${encodeURIComponent('社会效益指标')}`)).body as { items: Item[] };
    expect(lv.items.map((i) => i.code)).toEqual(['JD-JJ-07', 'JD-JJ-08', 'JD-DQ-02']);
    const fu = (await c.get(`/api/indicators?pack=demo-street&fundUse=${encodeURIComponent('设备购置')}&type=${encodeURIComponent('环境卫生')}`)).body as { items: Item[] };
    expect(fu.items.map((i) => i.code)).toEqual(['JD-HW-04']);

    const facets = (await c.get('/api/indicators/facets?pack=demo-street')).body as { facets: Record<string, { value: string; count: number }[]>; tree: { level1: string }[] };
    expect(facets.facets.category).toEqual([
      { value: '城建和基础设施', count: 9 },
      { value: '城乡社区', count: 5 },
      { value: '党群', count: 2 },
      { value: '一般公共服务', count: 2 },
    ]);
    expect(facets.tree.map((t) => t.level1)).toEqual(['产出指标', '效益指标', '满意度指标']);
    const narrowed = (await c.get(`/api/indicators/facets?pack=demo-street&category=${encodeURIComponent('党群')}`)).body as { facets: Record<string, { value: string; count: number }[]> };
    expect(narrowed.facets.level1).toEqual([
      { value: '产出指标', count: 1 },
      { value: '效益指标', count: 1 },
    ]);

    expect((await c.get('/api/indicators?pack=no-such-pack')).status).toBe(404);
    expect((await c.get('/api/indicators?size=0')).status).toBe(400);
    expect((await c.get('/api/indicators?direction=x')).status).toBe(400);
  });

  test('recommendations: scores with reasons, deterministic', async () => {
    const admin = await h().login('admin');
    const res = await admin.get(`/api/projects/${target}/indicator-recommendations?pack=demo-street`);
    expect(res.status).toBe(200);
    const body = res.body as { similarBy: string; similarProjects: number; items: { indicator: Item; score: number; reasons: { points: number; text: string }[] }[] };
    expect(body.similarBy).toBe('分类=城建和基础设施');
    expect(body.similarProjects).toBe(2);
    expect(body.items.map((r) => [r.indicator.code, r.score])).toEqual([
      ['JD-JJ-02', 110],
      ['JD-JJ-01', 100],
      ['JD-JJ-09', 90],
      ['JD-JJ-07', 85],
      ['JD-JJ-03', 70],
      ['JD-JJ-04', 70],
      ['JD-JJ-05', 70],
      ['JD-JJ-06', 70],
      ['JD-JJ-08', 70],
    ]);
    expect(body.items[0]?.reasons.map((r) => r.text)).toEqual([
      '分类一致（城建和基础设施）',
      '类型一致（办公场所建设）',
      '资金用途一致（基建/工程）',
      "名称含 '社区'",
      "名称含 '改造'",
      '同类项目(分类=城建和基础设施)使用过 1 次',
    ]);
    expect(body.items[2]?.reasons.map((r) => r.text)).toContain('同类项目(分类=城建和基础设施)使用过 2 次');
    expect(body.items[1]?.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(["名称含 '消防'", "名称含 '通道'"]));
    const again = await admin.get(`/api/projects/${target}/indicator-recommendations?pack=demo-street`);
    expect(again.text).toBe(res.text);
    const limited = (await admin.get(`/api/projects/${target}/indicator-recommendations?pack=demo-street&limit=2`)).body as { items: unknown[] };
    expect(limited.items).toHaveLength(2);
  });

  test("last year's indicators: same code in the previous fiscal year", async () => {
    const admin = await h().login('admin');
    const body = (await admin.get(`/api/projects/${target}/last-year-indicators`)).body as {
      source: { code: string; fiscalYear: number; kind: string } | null;
      tables: { field: string; rows: { level3: string }[] }[];
    };
    expect(body.source).toMatchObject({ code: 'FIRE-LANE', fiscalYear: 2021, kind: 'declaration' });
    expect(body.tables.map((t) => [t.field, t.rows.map((r) => r.level3)])).toEqual([['annualIndicators', ['升级改造覆盖社区数量', '社区居民满意度']]]);
    const first = (await h().db('projects').where({ code: 'FIRE-OLD' }).first()) as { id: number };
    const none = (await admin.get(`/api/projects/${first.id}/last-year-indicators`)).body as { source: unknown; tables: unknown[] };
    expect(none).toMatchObject({ source: null, tables: [] });
  });

  test('scope: a project outside the scope is 404', async () => {
    const hwzx = await h().login('hwzx');
    expect((await hwzx.get(`/api/projects/${target}/indicator-recommendations`)).status).toBe(404);
    expect((await hwzx.get(`/api/projects/${target}/last-year-indicators`)).status).toBe(404);
    const own = (await h().db('projects').where({ code: 'HWZX-2021-001' }).first()) as { id: number };
    const rec = (await hwzx.get(`/api/projects/${own.id}/indicator-recommendations?pack=demo-street`)).body as { similarBy: string; items: { indicator: Item; score: number }[] };
    expect(rec.similarBy).toBe('类型=公共服务');
    expect(rec.items.map((r) => [r.indicator.code, r.score])).toEqual([
      ['JD-HW-01', 50], // 公共服务 + 保洁 + 环卫
      ['JD-HW-02', 35],
      ['JD-HW-05', 35],
      ['JD-HW-03', 20],
      ['JD-YZ-02', 20],
    ]);
  });
});
