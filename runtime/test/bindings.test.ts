/**
 * 关联模板 served by the server, as the street's finance officer (template.bind): the page shows
 * what the API resolves for the department and year (own or inherited), binds a department its
 * own template version and removes it again, each change checked against the API.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, modalOpened, openPopover, openSignedIn } from './browser';
import { apiAs, streetTemplate, type Call } from './api-client';

jest.setTimeout(120000);

const d = browserSuite();

interface Resolved {
  templateId: string;
  version: string;
  inherited: boolean;
}

d('关联模板 served by the server', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let finance: Call;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-e2e-bindings-');
    url = app.url;
    finance = await apiAs(url, 'finance', 'demo123');
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const resolve = async (department: string, kind: string): Promise<Resolved> =>
    (await (await finance('GET', `/api/bindings/resolve?department=${department}&kind=${kind}&year=2021`)).json()) as Resolved;

  /** The table of the department's bindings: [kind, template, version, source] per row. */
  async function currentRows(page: Page): Promise<string[][]> {
    const table = page.getByTestId('bindings-current');
    await table.locator('.ant-table-row').first().waitFor({ timeout: 45000 });
    return table.locator('.ant-table-row').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 4).map((td) => (td as HTMLElement).innerText.trim())));
  }

  async function waitForRow(page: Page, kindLabel: string, text: string): Promise<void> {
    await page.waitForFunction(
      ([k, t]) => [...document.querySelectorAll('[data-testid="bindings-current"] .ant-table-row')].some((r) => (r as HTMLElement).innerText.includes(k) && (r as HTMLElement).innerText.includes(t)),
      [kindLabel, text] as const,
    );
  }

  test('the street office: its own bindings of the demo templates, and every binding of the year below', async () => {
    const page = await openSignedIn(ctx, url, { username: 'finance', route: '/bindings', pageErrors });
    expect(await page.locator('.ant-menu-item').allTextContents()).toContain('关联模板');
    const rows = await currentRows(page);
    const expected = [
      ['绩效目标申报', 'street-declaration'],
      ['绩效运行监控', 'street-monitoring'],
      ['绩效自评', 'street-self-eval'],
    ];
    expect(rows.map((r) => r[0])).toEqual(expected.map(([label]) => label));
    for (const [i, [, id]] of expected.entries()) {
      const r = await resolve('JDB', ['declaration', 'monitoring', 'self-evaluation'][i] as string);
      expect(r).toMatchObject({ templateId: id, version: streetTemplate(id as string).version, inherited: false });
      expect(rows[i]?.[1]).toContain(`（${id}）`);
      expect(rows[i]?.[2]).toBe(r.version);
      expect(rows[i]?.[3]).toBe('本级');
    }
    const all = (await (await finance('GET', '/api/bindings?year=2021')).json()) as { items: unknown[] };
    expect(await page.getByTestId('bindings-all').locator('.ant-table-row').count()).toBe(all.items.length);
    await page.screenshot({ path: artifactPath('bindings-street.png'), fullPage: true });
    await page.close();
  });

  test('党群中心 inherits; binding its own self-evaluation template and removing it again, as the API resolves', async () => {
    const page = await openSignedIn(ctx, url, { username: 'finance', route: '/bindings', pageErrors });
    await page.getByTestId('dept-switcher').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="党群中心"]').click();
    const departments = (await (await finance('GET', '/api/departments')).json()) as { items: { code: string; name: string }[] };
    const street = departments.items.find((x) => x.code === 'JDB')?.name ?? 'JDB';
    await waitForRow(page, '绩效自评', `继承自 ${street}`);
    expect(await resolve('DQZX', 'self-evaluation')).toMatchObject({ templateId: 'street-self-eval', inherited: true });

    await page.getByTestId('binding-edit-self-evaluation').click();
    await modalOpened(page, '.jx-binding-editor');
    const editor = page.locator('.jx-binding-editor');
    await editor.getByTestId('binding-template').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="项目支出绩效自评表（project-self-eval）"]').click();
    await editor.locator('.ant-modal-footer .ant-btn-primary').click();
    await waitForRow(page, '绩效自评', '本级');
    expect(await resolve('DQZX', 'self-evaluation')).toMatchObject({ templateId: 'project-self-eval', version: '1.0.0', inherited: false });
    expect((await currentRows(page))[2]).toEqual(['绩效自评', '项目支出绩效自评表（project-self-eval）', '1.0.0', '本级']);
    await page.screenshot({ path: artifactPath('bindings-own.png'), fullPage: true });

    await page.getByTestId('binding-remove-self-evaluation').click();
    await (await openPopover(page)).locator('.ant-btn-primary').click();
    await waitForRow(page, '绩效自评', `继承自 ${street}`);
    expect(await resolve('DQZX', 'self-evaluation')).toMatchObject({ templateId: 'street-self-eval', inherited: true });
    await page.close();
  });

  test('a unit user has no 关联模板 and cannot bind through the API', async () => {
    const unit = await apiAs(url, 'unit', 'demo123');
    const res = await unit('PUT', '/api/bindings', { department: 'DQZX', kind: 'self-evaluation', year: 2021, templateId: 'project-self-eval', version: '1.0.0' });
    expect(res.status).toBe(403);
    const page = await openSignedIn(ctx, url, { username: 'unit', route: '/tasks', pageErrors });
    expect(await page.locator('.ant-menu-item').allTextContents()).not.toContain('关联模板');
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
