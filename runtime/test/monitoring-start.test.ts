/**
 * 新建监控 on a project page, as the unit: the unit picks the month it reports on; the new form
 * opens with that month and with 以前月份累计支出 = what the finance office recorded for the months
 * before it, and 支付记录 = what was recorded in it; a month that already has a form opens that form.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, type Call } from './api-client';
import { artifactPath, browserSuite, modalOpened, openSignedIn } from './browser';
import { servedBrowser } from './served-browser';

jest.setTimeout(120000);

const d = browserSuite();

interface Stored {
  id: number;
  period: string | null;
  data: Record<string, unknown>;
}

d('新建监控: the month is chosen, and the months before it are carried', () => {
  let finance: Call;
  let unit: Call;
  let projectId = 0;
  const pageErrors: string[] = [];
  const served = servedBrowser('jixiao-e2e-monitoring-start-', { prepare: (url) => recordSpending(url) });
  const ctx = (): BrowserContext => served().ctx;

  async function recordSpending(url: string): Promise<void> {
    finance = await apiAs(url, 'finance', 'demo123');
    unit = await apiAs(url, 'unit', 'demo123');
    const created = await finance('POST', '/api/projects', { code: 'MONTH-001', name: '按月监控测试项目', department: 'DQZX', fiscalYear: 2021, budgetType: '一般公共预算', requested: '500000.00' });
    expect(created.status).toBe(201);
    projectId = ((await created.json()) as { id: number }).id;
    for (const [p, body] of [
      ['spending', { month: 3, amount: '1000.00' }],
      ['payments', { date: '2021-04-02', amount: '234.56' }],
      ['spending', { month: 5, amount: '50.00' }],
    ] as const) {
      expect((await finance('POST', `/api/projects/${projectId}/${p}`, body)).status).toBe(201);
    }
  }

  async function chooseMonth(page: Page, month: number): Promise<void> {
    await page.getByTestId('new-monitoring').click();
    await modalOpened(page, '.jx-monitoring-start');
    await page.getByTestId('monitoring-month').locator('.ant-select-selector').click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="2021 年 ${month} 月"]`).click();
  }

  const item = (page: Page, label: string) =>
    page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label label:text-is("${label}")`) }).first();

  test('May: the form opens with 月份 5 and 以前月份累计支出 1,234.56, as the server stored them; the light reads 红灯', async () => {
    const page = await openSignedIn(ctx(), served().url, { username: 'unit', route: `/projects/${projectId}`, pageErrors });
    await chooseMonth(page, 5);
    await page.locator('.jx-monitoring-start .ant-modal-footer .ant-btn-primary').filter({ hasText: '开始填报' }).click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    const id = Number(/#\/submissions\/(\d+)/.exec(page.url())?.[1]);
    const stored = (await (await unit('GET', `/api/submissions/${id}`)).json()) as Stored;
    expect(stored.period).toBe('2021-05');
    expect(stored.data).toMatchObject({ month: 5, priorSpent: 1234.56, payments: [{ amount: 50, memo: '5月支出' }] });
    expect(await item(page, '月份').locator('input').inputValue()).toBe('5');
    expect((await item(page, '以前月份累计支出').locator('input').inputValue()).replace(/,/g, '')).toMatch(/^1234\.56?0?$/);
    // the light is stored as the engine's value and shown with the template's label
    const values = ((await (await unit('GET', `/api/submissions/${id}`)).json()) as { values: Record<string, unknown> }).values;
    expect(values['light']).toBe('red');
    expect(values['monthSpent']).toBe(50);
    expect(await page.locator('.jx-computed[data-path="monthSpent"] .jx-computed-value').innerText()).toBe('50.00');
    expect(await page.locator('.jx-computed[data-path="light"] .jx-computed-value').innerText()).toBe('红灯');
    await page.screenshot({ path: artifactPath('monitoring-start.png'), fullPage: true });
    await page.close();
  });

  test('a month that already has a form opens it instead of starting another', async () => {
    const existing = (await (await unit('GET', `/api/submissions?projectId=${projectId}&kind=monitoring`)).json()) as { items: Stored[] };
    expect(existing.items.map((s) => s.period)).toEqual(['2021-05']);
    const page = await openSignedIn(ctx(), served().url, { username: 'unit', route: `/projects/${projectId}`, pageErrors });
    await chooseMonth(page, 5);
    expect(await page.locator('.jx-monitoring-start .ant-select-selection-item').innerText()).toContain('已有表单');
    await page.locator('.jx-monitoring-start .ant-modal-footer .ant-btn-primary').filter({ hasText: '打开已有表单' }).click();
    await page.waitForURL(new RegExp(`#/submissions/${existing.items[0]!.id}$`));
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    expect(((await (await unit('GET', `/api/submissions?projectId=${projectId}&kind=monitoring`)).json()) as { items: Stored[] }).items).toHaveLength(1);
    await page.close();
  });

  test('a payment recorded after the form was started is offered on the form, and 更新到本表 saves it into the form', async () => {
    const may = ((await (await unit('GET', `/api/submissions?projectId=${projectId}&kind=monitoring`)).json()) as { items: Stored[] }).items[0]!;
    expect((await finance('POST', `/api/projects/${projectId}/payments`, { date: '2021-05-20', amount: '1000000.00', memo: '工程款' })).status).toBe(201);
    const page = await openSignedIn(ctx(), served().url, { username: 'unit', route: `/submissions/${may.id}`, pageErrors });
    const notice = page.getByTestId('project-data-notice');
    await notice.waitFor({ timeout: 45000 });
    expect(await notice.getByTestId('project-data-change').allInnerTexts()).toEqual(['支付记录：1 行 → 2 行']);
    await page.getByTestId('project-data-apply').click();
    await notice.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="monthSpent"] .jx-computed-value')?.textContent === '1,000,050.00');
    const stored = (await (await unit('GET', `/api/submissions/${may.id}`)).json()) as Stored & { values: Record<string, unknown> };
    expect(stored.data['payments']).toEqual([
      { date: '2021-05-20', amount: 1000000, memo: '工程款' },
      { amount: 50, memo: '5月支出' },
    ]);
    expect(stored.values['monthSpent']).toBe(1000050);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
