/**
 * 部门管理 served by the server, as the admin: the tree is the API's departments; a department
 * added under 党群中心, renamed, moved under 环卫中心 and disabled — each change as the API then
 * reports it, and the department switcher shows the new name without a reload.
 */
import { adminPageSuite } from './admin-page-suite';
import type { Call } from './api-client';
import { artifactPath, browserSuite, modalOpened } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

interface Dept {
  code: string;
  name: string;
  parent: string | null;
  enabled: boolean;
}

d('部门管理 served by the server', () => {
  const suite = adminPageSuite('jixiao-e2e-departments-', '/departments');
  const admin: Call = (method, p, body) => suite().admin(method, p, body);
  const page = () => suite().page;

  const dept = async (code: string): Promise<Dept> => (await (await admin('GET', `/api/departments/${code}`)).json()) as Dept;
  const node = (code: string) => page().getByTestId(`dept-node-${code}`);
  const form = () => page().locator('.jx-department-form');

  test('the tree shows every department of the API', async () => {
    const all = ((await (await admin('GET', '/api/departments')).json()) as { items: Dept[] }).items;
    await node('JDB').waitFor({ timeout: 45000 });
    const shown = await page().locator('[data-testid^="dept-node-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice('dept-node-'.length)));
    expect([...shown].sort()).toEqual(all.map((x) => x.code).sort());
  });

  test('add under 党群中心, rename, move under 环卫中心, disable', async () => {
    await node('DQZX').click();
    await page().getByTestId('department-add').click();
    await modalOpened(page(), '.jx-department-new');
    const modal = page().locator('.jx-department-new');
    await modal.locator('#code').fill('DQZX-A');
    await modal.locator('#name').fill('党群中心第一党支部');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await node('DQZX-A').waitFor();
    expect(await dept('DQZX-A')).toMatchObject({ name: '党群中心第一党支部', parent: 'DQZX', enabled: true });

    await node('DQZX-A').click();
    await form().locator('#name').fill('第一党支部');
    await page().getByTestId('department-save').click();
    await node('DQZX-A').filter({ hasText: '第一党支部' }).waitFor();
    expect((await dept('DQZX-A')).name).toBe('第一党支部');
    await page().getByTestId('dept-switcher').click();
    await page().keyboard.type('第一党支部'); // the list is virtual: search it
    await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="第一党支部"]').waitFor();
    await page().keyboard.press('Escape');

    await page().getByTestId('department-parent').click();
    await page().keyboard.type('环卫中心');
    await page().locator('.jx-department-parent-options .ant-select-item-option[title="环卫中心"]').click();
    await page().getByTestId('department-save').click();
    await page().waitForFunction(() => document.querySelector('.ant-message')?.textContent?.includes('已保存') === true);
    await expect(dept('DQZX-A')).resolves.toMatchObject({ parent: 'HWZX' });

    await page().getByTestId('department-enabled').click();
    await page().getByTestId('department-save').click();
    await node('DQZX-A').filter({ hasText: '停用' }).waitFor();
    expect((await dept('DQZX-A')).enabled).toBe(false);
    await page().screenshot({ path: artifactPath('departments.png'), fullPage: true });
  });

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
