/**
 * 审计日志 served by the server, as the admin: the table is the API's newest page; filtering by one
 * department shows the API's entries for it, and a row opens what was recorded before and after.
 */
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

  async function rows(): Promise<string[][]> {
    return page()
      .locator('[data-testid="audit-table"] tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(2, 5).map((td) => (td as HTMLElement).innerText.trim())));
  }

  async function waitForRows(want: string[][]): Promise<void> {
    await page().locator('[data-testid="audit-table"]').waitFor({ timeout: 45000 });
    for (let i = 0; i < 100 && JSON.stringify(await rows()) !== JSON.stringify(want); i++) await page().waitForTimeout(100);
    expect(await rows()).toEqual(want);
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

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
