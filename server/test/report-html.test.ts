/**
 * GET /api/submissions/:id/report.html: the template's Handlebars report, escaped, printable,
 * money formatted; unsafe report sources refused; scope.
 */
import type { Knex } from 'knex';
import { errorOf, forEachDatabase } from './harness';
import path from 'node:path';
import { saveReportsOfPackTemplate, saveTemplateReports } from '../src/modules/reports/repo';
import { loadPackFrom } from '../src/pack/fs';
import { buildBundle } from '@jixiao/engine';
import { importPack } from '../src/modules/packs/service';
import { SYSTEM_ACTOR } from '../src/modules/audit/service';

const SOURCE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body>
<h1>{{data.projectName}} 绩效自评报告</h1>
<p>全年预算数 {{data.adjusted}} 元，执行数 {{data.spent}} 元。</p>
<table>{{#each data.indicators}}<tr><td>{{this.level3}}</td><td>{{this.cost}}</td><td>{{this.score}}</td></tr>{{/each}}</table>
<p>总分 {{submission.total}}，等级 {{submission.grade}}；项目 {{project.code}}（{{project.departmentName}}）</p>
<p>存在问题：{{data.problems}}</p>
</body></html>`;

function template(version: string): Record<string, unknown> {
  return {
    id: 'test-self-eval',
    kind: 'self-evaluation',
    version,
    title: '测试自评表',
    schema: {
      type: 'object',
      properties: {
        projectName: { type: 'string', title: '项目名称' },
        adjusted: { type: 'number', title: '全年预算数', 'x-money': true },
        spent: { type: 'number', title: '全年执行数', 'x-money': true },
        problems: { type: 'string', title: '存在问题' },
        indicators: { type: 'array', items: { type: 'object', properties: { level3: { type: 'string' }, cost: { type: 'number', 'x-money': true }, score: { type: 'number' } } } },
      },
    },
    reports: { 'self-eval': 'reports/self-eval.hbs' },
  };
}

async function insertVersion(db: Knex, version: string, source: string | null, body: Record<string, unknown> = template(version)): Promise<void> {
  await db('template_versions').insert({
    template_id: 'test-self-eval',
    version,
    kind: 'self-evaluation',
    title: '测试自评表',
    body: JSON.stringify(body),
    source: 'test',
    published_by: 'admin',
    published_at: new Date().toISOString(),
  });
  if (source !== null) await saveTemplateReports(db, 'test-self-eval', version, [{ name: 'self-eval', file: 'reports/self-eval.hbs', source }]);
}

async function insertSubmission(db: Knex, projectCode: string, version: string, values: Record<string, unknown>): Promise<number> {
  const project = (await db('projects').where({ code: projectCode }).first()) as { id: number; department_code: string; fiscal_year: number };
  const at = new Date().toISOString();
  const [id] = await db('submissions').insert({
    project_id: project.id,
    department_code: project.department_code,
    kind: 'self-evaluation',
    fiscal_year: project.fiscal_year,
    period: `v${version.replace(/\./g, '')}`,
    template_id: 'test-self-eval',
    template_version: version,
    status: 'draft',
    data_json: JSON.stringify(values),
    values_json: JSON.stringify(values),
    total_e4: 855_050,
    grade: '良',
    row_version: 1,
    created_at: at,
    updated_at: at,
  });
  return Number(id);
}

const VALUES = {
  projectName: '<script>alert("x")</script>消防通道',
  adjusted: 1234567.89,
  spent: '1000000',
  problems: '<img src=x onerror=alert(1)> & "引号"',
  indicators: [{ level3: '<b>覆盖社区</b>', cost: 3500.5, score: 18.5 }],
};

forEachDatabase('report-html', (h) => {
  test('renders escaped, printable HTML with money as 1,234,567.89', async () => {
    await insertVersion(h().db, '1.0.0', SOURCE);
    const id = await insertSubmission(h().db, 'DQZX-2021-001', '1.0.0', VALUES);
    const admin = await h().login('admin');
    const res = await admin.get(`/api/submissions/${id}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = res.text;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;消防通道 绩效自评报告');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;引号&quot;');
    expect(html).toContain('全年预算数 1,234,567.89 元，执行数 1,000,000.00 元。');
    expect(html).toContain('<td>3,500.50</td><td>18.5</td>');
    expect(html).toContain('总分 85.51，等级 良；项目 DQZX-2021-001（党群中心）');
    expect(html).toContain('@page');
    expect(html.indexOf('@media print')).toBeLessThan(html.indexOf('</head>'));
  });

  test("money follows the department's variant of the template", async () => {
    // DQZX's variant marks the indicator score as money; other units keep the base template
    const body = { ...template('1.1.0'), variants: { DQZX: { patch: [{ path: '/properties/indicators/items/properties/score/x-money', value: true }] } } };
    await insertVersion(h().db, '1.1.0', SOURCE, body);
    const admin = await h().login('admin');
    const dq = await admin.get(`/api/submissions/${await insertSubmission(h().db, 'DQZX-2021-001', '1.1.0', VALUES)}/report.html`);
    expect(dq.status).toBe(200);
    expect(dq.text).toContain('<td>3,500.50</td><td>18.50</td>');
    const hwProject = (await h().db('projects').where({ department_code: 'HWZX' }).first()) as { code: string };
    const hw = await admin.get(`/api/submissions/${await insertSubmission(h().db, hwProject.code, '1.1.0', VALUES)}/report.html`);
    expect(hw.status).toBe(200);
    expect(hw.text).toContain('<td>3,500.50</td><td>18.5</td>');
  });

  test('unsafe report sources are refused; a missing report is 404', async () => {
    const admin = await h().login('admin');
    await insertVersion(h().db, '1.0.1', '<p>{{{data.projectName}}}</p>');
    const unsafe = await insertSubmission(h().db, 'DQZX-2021-001', '1.0.1', VALUES);
    const res = await admin.get(`/api/submissions/${unsafe}/report.html`);
    expect(res.status).toBe(422);
    expect(errorOf(res).code).toBe('REPORT_TEMPLATE_UNSAFE');

    await insertVersion(h().db, '1.0.2', '<p>{{& data.projectName}}</p>');
    expect(errorOf(await admin.get(`/api/submissions/${await insertSubmission(h().db, 'DQZX-2021-001', '1.0.2', VALUES)}/report.html`)).code).toBe('REPORT_TEMPLATE_UNSAFE');

    await insertVersion(h().db, '1.0.3', '<p>{{#each data.indicators}}</p>');
    expect(errorOf(await admin.get(`/api/submissions/${await insertSubmission(h().db, 'DQZX-2021-001', '1.0.3', VALUES)}/report.html`)).code).toBe('REPORT_TEMPLATE_INVALID');

    await insertVersion(h().db, '1.0.4', '<p>{{customHelper data.projectName}}</p>');
    expect(errorOf(await admin.get(`/api/submissions/${await insertSubmission(h().db, 'DQZX-2021-001', '1.0.4', VALUES)}/report.html`)).code).toBe('REPORT_TEMPLATE_INVALID');

    await insertVersion(h().db, '1.0.5', null);
    const missing = await admin.get(`/api/submissions/${await insertSubmission(h().db, 'DQZX-2021-001', '1.0.5', VALUES)}/report.html`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('REPORT_NOT_FOUND');
    expect((await admin.get(`/api/submissions/${unsafe}/report.html?name=nope`)).status).toBe(404);
  });

  test('scope: an HWZX user gets 404 for a DQZX submission report', async () => {
    const row = (await h().db('submissions').where({ template_version: '1.0.0' }).first()) as { id: number };
    const hwzx = await h().login('hwzx');
    expect((await hwzx.get(`/api/submissions/${row.id}/report.html`)).status).toBe(404);
    const unit = await h().login('unit'); // DQZX
    expect((await unit.get(`/api/submissions/${row.id}/report.html`)).status).toBe(200);
  });

  test('the mof-2020 pack report, stored as pack import stores it, renders a submission', async () => {
    const { pack } = loadPackFrom(path.join(h().config.repoRoot, 'templates', 'mof-2020'));
    if (!pack) throw new Error('mof-2020 did not load');
    const t = pack.templates.find((x) => x.template.id === 'project-self-eval')?.template;
    if (!t) throw new Error('no project-self-eval');
    const version = `${String(t.version)}-h4c`;
    await h().db('template_versions').insert({ template_id: t.id, version, kind: t.kind, title: t.title, body: JSON.stringify({ ...t, version }), source: 'test', published_at: new Date().toISOString() });
    expect(await saveReportsOfPackTemplate(h().db, pack.reports, { id: t.id, version, reports: t.reports })).toEqual(['self-eval']);
    expect(await saveReportsOfPackTemplate(h().db, pack.reports, { id: t.id, version, reports: t.reports })).toEqual([]);
    const project = (await h().db('projects').where({ code: 'JDBJ-2021-001' }).first()) as { id: number; fiscal_year: number };
    const values = { projectName: '示范社区消防通道建设工程', fiscalYear: 2021, initialBudget: 0, adjusted: 5000000, spent: '4500000.5', execRate: 90, execScore: 9, indicators: [{ level1: '产出指标', level2: '数量指标', level3: '升级改造覆盖社区数量', direction: '≥', target: 2, actual: 2, unit: '个', weight: 20, score: 20 }], total: 88, grade: '良', problems: '<script>x</script>' };
    const at = new Date().toISOString();
    const [id] = await h().db('submissions').insert({ project_id: project.id, department_code: 'JDBJ', kind: 'self-evaluation', fiscal_year: 2021, period: 'mof', template_id: t.id, template_version: version, status: 'submitted', data_json: JSON.stringify(values), values_json: JSON.stringify(values), total_e4: 880000, grade: '良', row_version: 1, created_at: at, updated_at: at });
    const res = await (await h().login('admin')).get(`/api/submissions/${Number(id)}/report.html`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<td class="num">5,000,000.00</td>');
    expect(res.text).toContain('<td class="num">4,500,000.50</td>');
    expect(res.text).toContain('升级改造覆盖社区数量');
    expect(res.text).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(res.text).not.toContain('<script>');
  });

  test('pack import stores the mof-2020 report with its template version', async () => {
    const { pack } = loadPackFrom(path.join(h().config.repoRoot, 'templates', 'mof-2020'));
    if (!pack) throw new Error('mof-2020 did not load');
    const r = await importPack(h().db, SYSTEM_ACTOR, pack, buildBundle(pack).hash);
    expect(['imported', 'unchanged']).toContain(r.status);
    const rows = (await h().db('template_reports').where({ template_id: 'project-self-eval', version: '1.0.0' })) as { name: string; file: string; source: string }[];
    expect(rows.map((x) => [x.name, x.file])).toEqual([['self-eval', 'reports/self-eval.hbs']]);
    expect(rows[0]?.source).toContain('项目支出绩效自评表');
  });
});
