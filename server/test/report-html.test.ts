/**
 * GET /api/submissions/:id/report.html: the template's Handlebars report, escaped, printable,
 * money formatted; unsafe report sources refused; scope.
 */
import type { Knex } from 'knex';
import { errorOf, forEachDatabase } from './harness';
import { saveTemplateReports } from '../src/modules/reports/repo';

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

async function insertVersion(db: Knex, version: string, source: string | null): Promise<void> {
  await db('template_versions').insert({
    template_id: 'test-self-eval',
    version,
    kind: 'self-evaluation',
    title: '测试自评表',
    body: JSON.stringify(template(version)),
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
});
