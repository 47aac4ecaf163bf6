/**
 * 角色权限 served by the server, as the admin: the table is the API's roles; a new role with two
 * permissions, then one more, as the API then reports; a taken code is refused with the server's
 * message; the admin role's permissions cannot be unticked.
 */
import { adminPageSuite } from './admin-page-suite';
import type { Call } from './api-client';
import { artifactPath, browserSuite, modalOpened } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

interface Role {
  code: string;
  name: string;
  permissions: string[];
}

d('角色权限 served by the server', () => {
  const suite = adminPageSuite('jixiao-e2e-roles-', '/roles');
  const admin: Call = (method, p, body) => suite().admin(method, p, body);
  const page = () => suite().page;

  const roles = async (): Promise<Role[]> => ((await (await admin('GET', '/api/roles')).json()) as { items: Role[] }).items;
  const row = (code: string) => page().locator(`[data-testid="roles-table"] tr[data-role="${code}"]`);
  const form = () => page().locator('.jx-role-form');
  /** Ticks a permission: the box is controlled by the form, so its state shows a render later (check() would look too soon). */
  const tick = async (code: string): Promise<void> => {
    await form().getByTestId(`permission-${code}`).click();
    await form().locator('.ant-checkbox-wrapper-checked').filter({ has: page().getByTestId(`permission-${code}`) }).waitFor();
  };

  test('the table lists the API’s roles', async () => {
    await row('admin').waitFor({ timeout: 45000 });
    const codes = await page().locator('[data-testid="roles-table"] tr[data-role]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-role')));
    expect(codes).toEqual((await roles()).map((r) => r.code));
  });

  test('a new 审计员 role with two permissions, then a third; a taken code is refused', async () => {
    await page().getByTestId('role-create').click();
    await modalOpened(page(), '.jx-role-form');
    await form().locator('#code').fill('unit');
    await form().locator('#name').fill('审计员');
    await tick('audit.view');
    await tick('report.view');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await form().getByTestId('role-form-error').waitFor();
    await form().locator('#code').fill('auditor');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await row('auditor').waitFor();
    expect((await roles()).find((r) => r.code === 'auditor')).toMatchObject({ name: '审计员', permissions: expect.arrayContaining(['audit.view', 'report.view']) });

    await row('auditor').getByTestId('role-edit').click();
    await modalOpened(page(), '.jx-role-form');
    await tick('project.manage');
    await form().locator('.ant-modal-footer .ant-btn-primary').click();
    await form().waitFor({ state: 'detached' });
    await expect(roles().then((all) => all.find((r) => r.code === 'auditor')?.permissions.sort())).resolves.toEqual(['audit.view', 'project.manage', 'report.view']);
    // the table is read again after the save: wait for it rather than read the row before it has
    await row('auditor').filter({ hasText: '管理项目' }).waitFor();
    expect(await row('auditor').innerText()).toContain('管理项目');
    await page().screenshot({ path: artifactPath('roles.png'), fullPage: true });
  });

  test('the admin role’s permissions cannot be unticked', async () => {
    await row('admin').getByTestId('role-edit').click();
    await modalOpened(page(), '.jx-role-form');
    expect(await form().getByTestId('permission-audit.view').isDisabled()).toBe(true);
    await form().locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await form().waitFor({ state: 'detached' });
  });

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
