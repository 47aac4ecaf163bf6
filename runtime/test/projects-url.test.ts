/**
 * 项目列表 keeps its search and page in the URL, as the street's finance officer: the list is the
 * API's answer for the keyword; Back from a project returns to the same search and page, shown in
 * the search box; the link opened in a fresh page shows the same list; clearing the search drops it.
 */
import type { Page } from 'playwright-core';
import { apiAs, type Call } from './api-client';
import { browserSuite, openSignedIn } from './browser';
import { servedBrowser } from './served-browser';

jest.setTimeout(120000);

const d = browserSuite();

/** More projects than one page of the list (20) holds, all found by one keyword. */
const KEYWORD = '链接测试';
const MANY = 23;

d('项目列表 search and page in the URL', () => {
  let finance: Call;
  let page: Page;
  const pageErrors: string[] = [];
  const served = servedBrowser('jixiao-e2e-projects-url-', { prepare: (url) => createProjects(url) });

  async function createProjects(url: string): Promise<void> {
    finance = await apiAs(url, 'finance', 'demo123');
    for (let i = 1; i <= MANY; i++) {
      const code = `DQZX-2021-U${String(i).padStart(2, '0')}`;
      const res = await finance('POST', '/api/projects', { code, name: `${KEYWORD}项目${i}`, department: 'DQZX', fiscalYear: 2021, budgetType: '一般公共预算', requested: '1000' });
      if (res.status !== 201) throw new Error(`create ${code}: ${res.status} ${await res.text()}`);
    }
  }

  beforeAll(async () => {
    page = await openSignedIn(served().ctx, served().url, { username: 'finance', route: '/projects', pageErrors });
  }, 180000);

  /** The codes the API lists, in its order, for finance's own department (the page's default) in 2021. */
  async function apiCodes(keyword: string): Promise<string[]> {
    const res = await finance('GET', `/api/projects?department=JDB&year=2021&keyword=${encodeURIComponent(keyword)}&pageSize=500`);
    return ((await res.json()) as { items: { code: string }[] }).items.map((p) => p.code);
  }

  const codes = (p: Page): Promise<string[]> => p.getByTestId('project-code').allInnerTexts();
  /** The hash route's query, as sorted [name, value] pairs. */
  const query = async (p: Page): Promise<string[][]> => Array.from(new URLSearchParams(new URL(p.url()).hash.split('?')[1] ?? '')).sort();

  /** Waits until `read` gives `want` (the page answers asynchronously), then asserts it. */
  async function settle<T>(p: Page, read: () => Promise<T>, want: T): Promise<void> {
    for (let i = 0; i < 100 && JSON.stringify(await read()) !== JSON.stringify(want); i++) await p.waitForTimeout(100);
    expect(await read()).toEqual(want);
  }

  /** The URL holds `urlQuery`; the table is page `n` (20 a page) of the API's list for `keyword`, which the search box shows. */
  async function expectView(p: Page, urlQuery: string[][], keyword: string, n: number): Promise<void> {
    await settle(p, () => query(p), urlQuery);
    await p.getByTestId('project-code').first().waitFor({ timeout: 45000 });
    await settle(p, () => codes(p), (await apiCodes(keyword)).slice((n - 1) * 20, n * 20));
    expect(await p.getByTestId('project-search').inputValue()).toBe(keyword);
  }

  test('a search and its second page are in the URL; Back from a project returns to them', async () => {
    expect((await apiCodes(KEYWORD)).length).toBe(MANY);
    await page.getByTestId('project-search').fill(KEYWORD);
    await page.getByTestId('project-search').press('Enter');
    await expectView(page, [['keyword', KEYWORD]], KEYWORD, 1);
    await page.locator('.ant-pagination-item-2').click();
    const page2 = [['keyword', KEYWORD], ['page', '2']];
    await expectView(page, page2, KEYWORD, 2);

    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/#\/projects\/\d+$/);
    await page.goBack();
    await expectView(page, page2, KEYWORD, 2);
    await page.goBack();
    await expectView(page, [['keyword', KEYWORD]], KEYWORD, 1);
  });

  test('the link in a fresh page shows the same list; a page that is no number is ignored', async () => {
    const fresh = await served().ctx.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(String(e)));
    await fresh.goto(`${served().url}/#/projects?keyword=${encodeURIComponent(KEYWORD)}&page=2`);
    await expectView(fresh, [['keyword', KEYWORD], ['page', '2']], KEYWORD, 2);
    await fresh.goto(`${served().url}/#/projects?keyword=${encodeURIComponent(KEYWORD)}&page=abc`);
    await expectView(fresh, [['keyword', KEYWORD], ['page', 'abc']], KEYWORD, 1);
    await fresh.close();
    expect(errors).toEqual([]);
  });

  test('clearing the search removes it from the URL: the whole list again', async () => {
    await page.locator('.ant-input-clear-icon').click();
    await expectView(page, [], '', 1);
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
