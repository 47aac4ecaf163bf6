/**
 * 审计日志 served by the server, as the admin: the table is the API's newest page; filtering by one
 * department shows the API's entries for it, and a row opens what was recorded before and after.
 * The applied filters and the page are in the URL: Back returns to them, a fresh page opens on them.
 */
import type { Page } from 'playwright-core';
import { ACTION_LABELS, ENTITY_LABELS } from '../src/api/audit';
import { adminPageSuite } from './admin-page-suite';
import type { Call } from './api-client';
import { artifactPath, browserSuite } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

interface Entry {
  id: number;
  username: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  after: unknown;
}

d('审计日志 served by the server', () => {
  const suite = adminPageSuite('jixiao-e2e-audit-', '/audit');
  const admin: Call = (method, p, body) => suite().admin(method, p, body);
  const page = () => suite().page;

  const entries = async (query: string): Promise<Entry[]> => ((await (await admin('GET', `/api/audit?${query}`)).json()) as { items: Entry[] }).items;
  /** [操作人, 对象, 操作] as the page shows an entry. */
  const shown = (e: Entry): string[] => [e.username ?? '—', `${ENTITY_LABELS[e.entityType] ?? e.entityType}${e.entityId !== null ? ` ${e.entityId}` : ''}`, ACTION_LABELS[e.action] ?? e.action];

  async function rows(p: Page): Promise<string[][]> {
    return p
      .locator('[data-testid="audit-table"] tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(2, 5).map((td) => (td as HTMLElement).innerText.trim())));
  }

  /** Waits until `read` gives `want` (the page answers asynchronously), then asserts it. */
  async function settle<T>(p: Page, read: () => Promise<T>, want: T): Promise<void> {
    for (let i = 0; i < 100 && JSON.stringify(await read()) !== JSON.stringify(want); i++) await p.waitForTimeout(100);
    expect(await read()).toEqual(want);
  }

  async function waitForRows(want: string[][], p: Page = page()): Promise<void> {
    await p.locator('[data-testid="audit-table"]').waitFor({ timeout: 45000 });
    await settle(p, () => rows(p), want);
  }

  /** The hash route's query, as sorted [name, value] pairs. */
  const query = async (p: Page): Promise<string[][]> => Array.from(new URLSearchParams(new URL(p.url()).hash.split('?')[1] ?? '')).sort();
  /** What the filter controls show: [对象类型, 对象编号, 操作人, 起始日期, 截止日期]. */
  const controls = async (p: Page): Promise<string[]> => [
    (await p.locator('[data-testid="audit-type"] .ant-select-selection-item').allInnerTexts()).join(''),
    ...(await Promise.all(['audit-id', 'audit-user', 'audit-from', 'audit-to'].map((id) => p.getByTestId(id).inputValue()))),
  ];
  /** The URL holds `urlQuery`, the table is the API's answer for `apiQuery`, the controls show `inControls`. */
  async function expectView(p: Page, urlQuery: string[][], apiQuery: string, inControls: string[]): Promise<void> {
    await settle(p, () => query(p), urlQuery);
    await waitForRows((await entries(apiQuery)).map(shown), p);
    expect(await controls(p)).toEqual(inControls);
  }

  test('the newest page is the API’s', async () => {
    await page().getByTestId('audit-search').click(); // the suite's API client signed in after the page loaded
    const newest = await entries('page=1&pageSize=50');
    expect(newest.length).toBeGreaterThan(0);
    await waitForRows(newest.map(shown));
  });

  test('one department’s entries, and what a change recorded', async () => {
    const dept = (await (await admin('GET', '/api/departments/DQZX')).json()) as { name: string };
    const renamed = `${dept.name}（审计）`;
    expect((await admin('PATCH', '/api/departments/DQZX', { name: renamed })).status).toBe(200);
    await page().getByTestId('audit-type').click();
    await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="部门"]').click();
    await page().getByTestId('audit-id').fill('DQZX');
    await page().getByTestId('audit-search').click();
    const forDept = await entries('entity=department:DQZX&page=1&pageSize=50');
    expect(forDept[0]).toMatchObject({ action: 'update', username: 'admin' });
    await waitForRows(forDept.map(shown));

    await page().locator('[data-testid="audit-table"] tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    await page().getByTestId(`audit-detail-${forDept[0]!.id}`).waitFor();
    expect(await page().getByTestId(`audit-detail-${forDept[0]!.id}`).innerText()).toContain(renamed);
    await page().screenshot({ path: artifactPath('audit.png'), fullPage: true });

    await page().getByTestId('audit-user').fill('nobody-here');
    await page().getByTestId('audit-search').click();
    await page().locator('[data-testid="audit-table"]').filter({ hasText: '没有符合条件的记录' }).waitFor();
  });

  test('the applied filters and the page are in the URL: Back and a fresh page restore them', async () => {
    const p = page();
    await p.getByTestId('audit-reset').click();
    await expectView(p, [], 'page=1&pageSize=50', ['', '', '', '', '']);

    await p.getByTestId('audit-type').click();
    await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="部门"]').click();
    await p.getByTestId('audit-id').fill('DQZX');
    await p.getByTestId('audit-user').fill('admin');
    await p.getByTestId('audit-search').click();
    const byAdmin = [['entity', 'department:DQZX'], ['user', 'admin']];
    await expectView(p, byAdmin, 'entity=department:DQZX&user=admin&page=1&pageSize=50', ['部门', 'DQZX', 'admin', '', '']);

    // elsewhere and back: the filters are applied again and shown in the controls
    await p.evaluate(() => {
      window.location.hash = '#/projects';
    });
    await p.getByTestId('project-code').first().waitFor({ timeout: 45000 });
    await p.goBack();
    await expectView(p, byAdmin, 'entity=department:DQZX&user=admin&page=1&pageSize=50', ['部门', 'DQZX', 'admin', '', '']);

    // every entry since 2000 fills more than one page: page 2, then Back to page 1
    await p.getByTestId('audit-reset').click();
    await p.getByTestId('audit-from').fill('2000-01-01');
    await p.getByTestId('audit-search').click();
    await expectView(p, [['from', '2000-01-01']], 'from=2000-01-01&page=1&pageSize=50', ['', '', '', '2000-01-01', '']);
    await p.locator('.ant-pagination-item-2').click();
    const page2 = [['from', '2000-01-01'], ['page', '2']];
    await expectView(p, page2, 'from=2000-01-01&page=2&pageSize=50', ['', '', '', '2000-01-01', '']);
    expect((await entries('from=2000-01-01&page=2&pageSize=50')).length).toBeGreaterThan(0);
    await p.goBack();
    await expectView(p, [['from', '2000-01-01']], 'from=2000-01-01&page=1&pageSize=50', ['', '', '', '2000-01-01', '']);

    // the link itself, in a fresh page; values the page could not have written are ignored
    const fresh = await p.context().newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(String(e)));
    await fresh.goto(`${suite().url}/#/audit?from=2000-01-01&page=2`);
    await expectView(fresh, page2, 'from=2000-01-01&page=2&pageSize=50', ['', '', '', '2000-01-01', '']);
    await fresh.goto(`${suite().url}/#/audit?entity=nonsense:1&from=2000-13&page=abc`);
    await expectView(fresh, [['entity', 'nonsense:1'], ['from', '2000-13'], ['page', 'abc']], 'page=1&pageSize=50', ['', '', '', '', '']);
    await fresh.close();
    expect(errors).toEqual([]);
  });

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
