/**
 * 用户管理 served by the server, as the admin: the table is the API's list; an account created for
 * a unit can sign in; a taken username is refused on its field; a reset password replaces the old
 * one; a disabled account cannot sign in.
 */
import { adminPageSuite } from './admin-page-suite';
import type { Call } from './api-client';
import { artifactPath, browserSuite, modalOpened, openPopover } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

interface Account {
  id: number;
  username: string;
  department: string;
  roles: string[];
  enabled: boolean;
}

d('用户管理 served by the server', () => {
  const suite = adminPageSuite('jixiao-e2e-users-', '/users');
  const admin: Call = (method, p, body) => suite().admin(method, p, body);
  const page = () => suite().page;

  const accounts = async (): Promise<Account[]> => ((await (await admin('GET', '/api/users')).json()) as { items: Account[] }).items;
  const canSignIn = async (username: string, password: string): Promise<boolean> =>
    (await fetch(`${suite().url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status === 200;
  const row = (username: string) => page().locator(`[data-testid="users-table"] tr[data-username="${username}"]`);
  const form = () => page().locator('.jx-user-form');
  const pick = async (label: string, option: string): Promise<void> => {
    await form().locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select-selector').click();
    await page().locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
  };

  test('the table lists the API’s accounts', async () => {
    const all = await accounts();
    await row('unit').waitFor({ timeout: 45000 });
    const names = await page().locator('[data-testid="users-table"] tr[data-username]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-username')));
    expect(names).toEqual(all.map((a) => a.username));
  });

  test('a new account for 党群中心 with the 预算单位填报 role signs in; a taken username is refused on its field', async () => {
    await page().getByTestId('user-create').click();
    await modalOpened(page(), '.jx-user-form');
    await form().locator('#username').fill('unit');
    await form().locator('#displayName').fill('党群中心填报（二）');
    await pick('部门', '党群中心');
    await pick('角色', '预算单位填报');
    await form().locator('.ant-modal-title').click(); // closes the roles list (Escape could close the dialog)
    await form().locator('.ant-select-selection-item').filter({ hasText: '预算单位填报' }).waitFor();
    await form().locator('#password').fill('secret-123');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await form().locator('.ant-form-item-explain-error').filter({ hasText: '已被使用' }).waitFor();
    await form().locator('#username').fill('dqzx2');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await row('dqzx2').waitFor();
    expect(await row('dqzx2').innerText()).toContain('党群中心');
    expect((await accounts()).find((a) => a.username === 'dqzx2')).toMatchObject({ department: 'DQZX', roles: ['unit'], enabled: true });
    expect(await canSignIn('dqzx2', 'secret-123')).toBe(true);
    await page().screenshot({ path: artifactPath('users.png'), fullPage: true });
  });

  test('a reset password replaces the old one; a disabled account cannot sign in, an enabled one can again', async () => {
    await row('dqzx2').getByTestId('user-password').click();
    await modalOpened(page(), '.jx-user-form');
    await form().locator('#password').fill('another-456');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await form().waitFor({ state: 'detached' });
    expect(await canSignIn('dqzx2', 'secret-123')).toBe(false);
    expect(await canSignIn('dqzx2', 'another-456')).toBe(true);

    await row('dqzx2').getByTestId('user-toggle').click();
    await (await openPopover(page())).locator('.ant-btn-primary').click();
    await row('dqzx2').locator('td').filter({ hasText: /^停用$/ }).waitFor();
    expect((await accounts()).find((a) => a.username === 'dqzx2')?.enabled).toBe(false);
    expect(await canSignIn('dqzx2', 'another-456')).toBe(false);

    await row('dqzx2').getByTestId('user-toggle').click();
    await (await openPopover(page())).locator('.ant-btn-primary').click();
    await row('dqzx2').locator('td').filter({ hasText: /^启用$/ }).waitFor();
    expect(await canSignIn('dqzx2', 'another-456')).toBe(true);
  });

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
