/**
 * 项目库 upkeep served by the server, as the street's finance officer (project.manage): a project
 * created in the page, a taken code refused on its field, an edit of the adjustment, and an Excel
 * import — refused whole with every problem listed by row and column, then imported — each as the
 * API then reports it.
 */
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, type Call } from './api-client';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, modalOpened, openSignedIn } from './browser';
import { startServedApp, type ServedApp } from './served-app';

jest.setTimeout(120000);

const d = browserSuite();

interface Project {
  id: number;
  code: string;
  department: string;
  requested: string;
  adjustment: string;
  adjusted: string;
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(['项目编码', '项目名称', '部门编码', '年度', '预算类型', '本年度申请资金']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

d('项目库 upkeep served by the server', () => {
  let app: ServedApp | undefined;
  let ctx: BrowserContext;
  let finance: Call;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-e2e-projects-');
    finance = await apiAs(app.url, 'finance', 'demo123');
    ctx = await launch();
    page = await openSignedIn(ctx, app.url, { username: 'finance', route: '/projects', pageErrors });
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const byCode = async (code: string): Promise<Project | undefined> =>
    ((await (await finance('GET', `/api/projects?year=2021&keyword=${encodeURIComponent(code)}`)).json()) as { items: Project[] }).items.find((p) => p.code === code);
  const form = () => page.locator('.jx-project-form');
  const codeShown = (code: string) => page.getByTestId('project-code').filter({ hasText: new RegExp(`^${code}$`) });

  test('新建项目 in 党群中心; a taken code is refused on its field', async () => {
    await page.getByTestId('project-new').click();
    await modalOpened(page, '.jx-project-form');
    await form().locator('#code').fill('DQZX-2021-001');
    await form().locator('#name').fill('党建阵地建设');
    await form().locator('.ant-form-item').filter({ hasText: '部门' }).locator('.ant-select-selector').click();
    await page.keyboard.type('党群中心');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="党群中心"]').click();
    await form().locator('#requested').fill('1,234,567.89');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await form().locator('.ant-form-item-explain-error').filter({ hasText: 'DQZX-2021-001' }).waitFor();
    await form().locator('#code').fill('DQZX-2021-101');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await codeShown('DQZX-2021-101').waitFor();
    expect(await byCode('DQZX-2021-101')).toMatchObject({ department: 'DQZX', requested: '1234567.89', adjustment: '0.00', adjusted: '1234567.89' });
  });

  test('编辑项目: the adjustment changes the adjusted budget, as shown and as stored', async () => {
    const p = (await byCode('DQZX-2021-101')) as Project;
    await page.goto(`${app?.url}/#/projects/${p.id}`);
    await page.getByTestId('project-edit').click();
    await modalOpened(page, '.jx-project-form');
    await form().locator('#adjustment').fill('-34567.89');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-descriptions').filter({ hasText: '-34,567.89' }).waitFor();
    expect(await byCode('DQZX-2021-101')).toMatchObject({ adjustment: '-34567.89', adjusted: '1200000.00' });
  });

  test('导入Excel: a bad row refuses the whole file with its row and column; a good file imports', async () => {
    await page.goto(`${app?.url}/#/projects`);
    await page.getByTestId('project-import').click();
    await modalOpened(page, '.jx-project-import');
    const input = page.locator('.jx-project-import input[type=file]');
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await input.setInputFiles({
      name: '项目.xlsx',
      mimeType: type,
      buffer: await workbook([
        ['DQZX-2021-102', '党员教育培训', 'DQZX', 2021, '一般公共预算', 50000],
        ['DQZX-2021-103', '志愿服务', 'DQZX', 2021, '专项预算', 30000],
      ]),
    });
    await page.getByTestId('project-import-problems').waitFor();
    const problems = await page.locator('[data-testid="project-import-problems"] tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim())));
    expect(problems).toContainEqual(['3', '预算类型', expect.any(String)]);
    expect(await byCode('DQZX-2021-102')).toBeUndefined();

    await input.setInputFiles({ name: '项目.xlsx', mimeType: type, buffer: await workbook([['DQZX-2021-102', '党员教育培训', 'DQZX', 2021, '一般公共预算', 50000]]) });
    await page.getByTestId('project-import-result').filter({ hasText: '新建 1 个' }).waitFor();
    expect(await byCode('DQZX-2021-102')).toMatchObject({ department: 'DQZX', requested: '50000.00' });
    await page.screenshot({ path: artifactPath('projects-import.png'), fullPage: true });
    await page.locator('.jx-project-import .ant-modal-close').click();
    await codeShown('DQZX-2021-102').waitFor();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
