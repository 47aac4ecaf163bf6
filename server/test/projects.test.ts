import { errorOf, forEachDatabase } from './harness';
import { auditCount, body, download, makeProject, rowCount, upload, xlsx } from './workflow-helpers';
import ExcelJS from 'exceljs';

const HEADER = ['项目编码', '项目名称', '部门编码', '年度', '预算类型', '项目类型', '本年度申请资金', '年初预算数', '调整数', '财政拨款', '上年结转'];

forEachDatabase('projects', (h) => {
  test('create, get, list with filters, update with row version, delete', async () => {
    const finance = await h().login('finance');
    const created = await finance.post('/api/projects', {
      code: 'DQZX-2025-001',
      name: '党群服务中心运行经费',
      department: 'DQZX',
      fiscalYear: 2025,
      budgetType: '一般公共预算',
      projectType: '日常支出及人员公用经费',
      attribute: '延续',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      requested: '4,249,000.00',
      initialBudget: 376000,
      adjustment: '-1675000.5',
      sources: [{ source: '财政拨款', amount: '2374000' }, { source: '上年结转', amount: 200000.25 }],
    });
    expect(created.status).toBe(201);
    const p = body<{ id: number; rowVersion: number; adjusted: string; requested: string; sources: unknown; department: string }>(created);
    expect(p).toMatchObject({ requested: '4249000.00', adjusted: '2573999.50', rowVersion: 1, department: 'DQZX' });
    expect(p.sources).toEqual([{ source: '财政拨款', amount: '2374000.00' }, { source: '上年结转', amount: '200000.25' }]);
    // stored as fen, adjusted stored for SQL
    const row = (await h().db('projects').where({ id: p.id }).first()) as Record<string, unknown>;
    expect(Number(row.requested_fen)).toBe(424900000);
    expect(Number(row.adjusted_fen)).toBe(257399950);

    expect((await finance.get(`/api/projects/${p.id}`)).body).toMatchObject({ code: 'DQZX-2025-001', budgetType: '一般公共预算' });

    await makeProject(finance, 'HWZX', 2025, { budgetType: '政府性基金预算', name: '道路清扫保洁' });
    await makeProject(finance, 'HWZX', 2024);
    await makeProject(finance, 'CL', 2025);
    const byYear = body<{ items: { code: string }[]; total: number }>(await finance.get('/api/projects?year=2025'));
    expect(byYear.total).toBe(3);
    const byDept = body<{ items: { department: string }[]; total: number }>(await finance.get('/api/projects?department=HWZX&year=2025'));
    expect(byDept.total).toBe(1);
    expect(byDept.items.every((i) => i.department === 'HWZX')).toBe(true);
    // department filter includes descendants
    expect(body<{ total: number }>(await finance.get('/api/projects?department=JDB&year=2025')).total).toBe(3);
    expect(body<{ total: number }>(await finance.get('/api/projects?department=HWZX')).total).toBeGreaterThanOrEqual(2);
    expect(body<{ total: number }>(await finance.get(`/api/projects?year=2025&budgetType=${encodeURIComponent('政府性基金预算')}`)).total).toBe(1);
    expect(body<{ total: number }>(await finance.get(`/api/projects?year=2025&keyword=${encodeURIComponent('清扫')}`)).total).toBe(1);
    expect(body<{ total: number }>(await finance.get('/api/projects?keyword=%25')).total).toBe(0);
    const paged = body<{ items: unknown[]; total: number; page: number; pageSize: number }>(await finance.get('/api/projects?year=2025&pageSize=2&page=2'));
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);

    const updated = await finance.patch(`/api/projects/${p.id}`, { rowVersion: 1, adjustment: 0, name: '改名' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ rowVersion: 2, adjusted: '4249000.00', name: '改名', initialBudget: '376000.00' });
    const stale = await finance.patch(`/api/projects/${p.id}`, { rowVersion: 1, name: '覆盖' });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    expect((await finance.get(`/api/projects/${p.id}`)).body).toMatchObject({ name: '改名', rowVersion: 2 });

    // the view sent back whole (read-only keys included) is accepted
    const whole = body<Record<string, unknown>>(await finance.get(`/api/projects/${p.id}`));
    expect(whole.submissions).toEqual({});
    const again = await finance.patch(`/api/projects/${p.id}`, { ...whole, status: 'closed' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'closed', rowVersion: 3, name: '改名' });

    expect((await finance.delete(`/api/projects/${p.id}`)).status).toBe(204);
    expect((await finance.get(`/api/projects/${p.id}`)).status).toBe(404);
  });

  test('money: more than two decimals, junk, and unknown enum values are 422 listing each field', async () => {
    const finance = await h().login('finance');
    const before = await rowCount(h(), 'projects');
    const res = await finance.post('/api/projects', {
      code: 'X-1',
      name: 'x',
      department: 'NOPE',
      fiscalYear: 2025,
      budgetType: '一般预算',
      requested: '1.005',
      initialBudget: 'abc',
      attribute: '其他',
      periodStart: '2025-02-30',
    });
    expect(res.status).toBe(422);
    const paths = (errorOf(res).details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['attribute', 'budgetType', 'initialBudget', 'periodStart', 'requested']);
    const unknownDept = await finance.post('/api/projects', { code: 'X-1', name: 'x', department: 'NOPE', fiscalYear: 2025, budgetType: '一般公共预算' });
    expect(unknownDept.status).toBe(422);
    expect(errorOf(unknownDept).code).toBe('UNKNOWN_DEPARTMENT');
    expect(await rowCount(h(), 'projects')).toBe(before);
  });

  test('code is unique per fiscal year', async () => {
    const finance = await h().login('finance');
    const a = await finance.post('/api/projects', { code: 'DUP-1', name: 'a', department: 'CL', fiscalYear: 2025, budgetType: '一般公共预算' });
    expect(a.status).toBe(201);
    const b = await finance.post('/api/projects', { code: 'DUP-1', name: 'b', department: 'CL', fiscalYear: 2025, budgetType: '一般公共预算' });
    expect(b.status).toBe(409);
    expect(errorOf(b).code).toBe('PROJECT_CODE_TAKEN');
    const c = await finance.post('/api/projects', { code: 'DUP-1', name: 'c', department: 'CL', fiscalYear: 2026, budgetType: '一般公共预算' });
    expect(c.status).toBe(201);
  });

  test('the import template downloads as xlsx with the Chinese header row', async () => {
    const finance = await h().login('finance');
    const res = await download(finance, '/api/projects/import-template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 9)).toEqual(['项目编码', '项目名称', '部门编码', '年度', '预算类型', '项目类型', '本年度申请资金', '年初预算数', '调整数']);
  });

  test('Excel import: a good file creates and updates projects in one go', async () => {
    const finance = await h().login('finance');
    await finance.post('/api/projects', { code: 'IMP-2', name: '旧名', department: 'AJB', fiscalYear: 2027, budgetType: '一般公共预算' });
    const file = await xlsx(HEADER, [
      ['IMP-1', '安全生产检查', 'AJB', 2027, '一般公共预算', '专项', 500000, 100000, -50000.5, 449999.5, null],
      ['IMP-2', '新名', 'AJB', 2027, '政府性基金预算', null, '1,000.10', null, null, null, 20],
    ]);
    const audits = await auditCount(h());
    const res = await upload(finance, '/api/projects/import', { name: '项目.xlsx', content: file });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, created: 1, updated: 1 });
    expect(await auditCount(h())).toBe(audits + 2);
    const list = body<{ items: { code: string; name: string; adjusted: string; budgetType: string; sources: unknown }[] }>(await finance.get('/api/projects?year=2027'));
    const one = list.items.find((i) => i.code === 'IMP-1');
    expect(one).toMatchObject({ adjusted: '449999.50', sources: [{ source: '财政拨款', amount: '449999.50' }] });
    expect(list.items.find((i) => i.code === 'IMP-2')).toMatchObject({ name: '新名', budgetType: '政府性基金预算', adjusted: '1000.10', sources: [{ source: '上年结转', amount: '20.00' }] });
  });

  test('Excel import: bad rows → 422 with row and column of each problem, nothing imported', async () => {
    const finance = await h().login('finance');
    const file = await xlsx(HEADER, [
      ['BAD-1', '好的一行', 'AJB', 2028, '一般公共预算', null, 100, 0, 0],
      ['BAD-2', '金额三位小数', 'AJB', 2028, '一般公共预算', null, 100.123, 0, 0],
      ['BAD-3', '未知部门', 'NOPE', 2028, '一般公共预算', null, 100, 0, 0],
      ['BAD-4', '坏的预算类型', 'AJB', 2028, '预算外', null, 100, 0, 0],
      ['BAD-1', '重复编码', 'AJB', 2028, '一般公共预算', null, 100, 0, 0],
      [null, null, 'AJB', 'x', '一般公共预算', null, 100, 0, 0],
    ]);
    const before = await rowCount(h(), 'projects');
    const audits = await auditCount(h());
    const res = await upload(finance, '/api/projects/import', { name: 'bad.xlsx', content: file });
    expect(res.status).toBe(422);
    const err = errorOf(res);
    expect(err.code).toBe('IMPORT_INVALID');
    const details = (err.details as { row: number; column: string }[]).map((d) => `${d.row}:${d.column}`).sort();
    expect(details).toEqual(['3:本年度申请资金', '4:部门编码', '5:预算类型', '6:项目编码', '7:年度', '7:项目名称', '7:项目编码'].sort());
    expect(await rowCount(h(), 'projects')).toBe(before);
    expect(await auditCount(h())).toBe(audits);
  });

  test('Excel import: missing header column and a non-xlsx file are rejected', async () => {
    const finance = await h().login('finance');
    const noYear = await xlsx(['项目编码', '项目名称', '部门编码', '预算类型'], [['A', 'a', 'AJB', '一般公共预算']]);
    const res = await upload(finance, '/api/projects/import', { name: 'x.xlsx', content: noYear });
    expect(res.status).toBe(422);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ row: 1, column: '年度' })]);
    const pdf = await upload(finance, '/api/projects/import', { name: 'x.xlsx', content: Buffer.from('%PDF-1.4 nope') });
    expect(pdf.status).toBe(415);
  });

  test('a project with submissions cannot be deleted', async () => {
    const finance = await h().login('finance');
    const p = await makeProject(finance, 'CGB', 2025);
    await h().db('submissions').insert({
      project_id: p.id, department_code: 'CGB', kind: 'declaration', fiscal_year: 2025, period: '', template_id: 't', template_version: '1.0.0',
      status: 'draft', data_json: '{}', row_version: 1, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    });
    const res = await finance.delete(`/api/projects/${p.id}`);
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('PROJECT_HAS_SUBMISSIONS');
  });
});
