/**
 * The built runtime and designer served by the real server (createApp, in-process, on a temp
 * SQLite database with the seeded demo users), driven in chromium.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import type { BrowserContext, Page } from 'playwright-core';
import { createApp, createDb, makeConfig, prepareDatabase, silentLogger } from '@jixiao/server';
import { artifactPath, browserAvailable, browserRequiredButMissing, buildWebIfNeeded, launch, ROOT } from './browser';

// Logins hash with scrypt (slow on purpose) and pages load chunks: generous per-test time.
jest.setTimeout(60000);

const run = browserAvailable();
const d = run ? describe : describe.skip;

if (browserRequiredButMissing()) {
  test('browser tests are required (JIXIAO_E2E=required)', () => {
    throw new Error('JIXIAO_E2E=required but /usr/bin/chromium is missing (apt-get install -y chromium)');
  });
}

/** Publish the harness's sample self-evaluation as admin (the designer lists published templates). */
async function publishSampleTemplate(url: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-e2e-pass' }),
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const template: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, 'harness/sample-self-eval.json'), 'utf8'));
  const res = await fetch(`${url}/api/templates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ template }),
  });
  if (res.status !== 201) throw new Error(`publish sample template: ${res.status} ${await res.text()}`);
}

/** The workflow scenario needs the server's submissions and dashboard modules. */
const serverHasWorkflow = fs.existsSync(path.join(ROOT, 'server/src/modules/submissions/routes.ts'));

d('runtime and designer served by the server', () => {
  let db: Knex;
  let server: http.Server;
  let url = '';
  let ctx: BrowserContext;
  let tmp = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime', 'designer');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-'));
    const databaseUrl = `sqlite:${path.join(tmp, 'e2e.db')}`;
    const config = makeConfig({ databaseUrl, adminPassword: 'admin-e2e-pass', adminPasswordIsDefault: false });
    db = createDb(databaseUrl);
    await prepareDatabase(db, config, silentLogger);
    server = http.createServer(createApp({ db, config, log: silentLogger }).callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await publishSampleTemplate(url);
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await db?.destroy();
    if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    return page;
  }

  async function login(page: Page, username: string, password: string): Promise<void> {
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  test('a wrong password shows the server message on the login page', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await login(page, 'unit', 'wrong-password');
    const err = page.getByTestId('login-error');
    await err.waitFor();
    expect((await err.textContent())?.length ?? 0).toBeGreaterThan(0);
    await page.close();
  });

  test('the demo unit user logs in and sees the shell in zh-CN with its department', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await login(page, 'unit', 'demo123');
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('党群中心填报');
    expect(await page.getByTestId('dept-switcher').textContent()).toContain('党群');
    expect(await page.locator('.ant-menu').textContent()).toContain('我的任务');
    await page.screenshot({ path: artifactPath('app-shell.png'), fullPage: true });
    // logging out returns to the login page, and the session is gone
    await page.getByTestId('logout').click();
    await page.locator('#login-username').waitFor();
    await page.reload();
    await page.locator('#login-username').waitFor();
    await page.close();
  });

  test('the designer lists the published templates and previews one with TemplateForm', async () => {
    const page = await newPage();
    await page.goto(`${url}/designer/`);
    await page.screenshot({ path: artifactPath('designer-login.png'), fullPage: true });
    await login(page, 'admin', 'admin-e2e-pass');
    const first = page.getByTestId('template-harness-self-eval');
    await first.waitFor({ timeout: 15000 });
    await first.click();
    await page.locator('.jx-template-form').waitFor({ timeout: 15000 });
    expect(await page.locator('.jx-template-form .ant-formily-item').count()).toBeGreaterThan(0);
    // the preview computes with the engine: with no budget yet, spent/budget is #DIV/0! as in Excel
    await page.locator('.jx-computed[data-path="total"] .jx-computed-value').waitFor();
    expect(await page.locator('.jx-computed[data-path="execRate"] .jx-computed-value').textContent()).toBe('#DIV/0!');
    await page.locator('.ant-formily-item').filter({ hasText: '全年预算数' }).locator('input').fill('1000');
    await page.locator('.ant-formily-item').filter({ hasText: '全年执行数' }).locator('input').fill('500');
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="execRate"] .jx-computed-value')?.textContent === '50');
    expect(await page.locator('.jx-computed[data-path="execScore"] .jx-computed-value').textContent()).toBe('5');
    await page.screenshot({ path: artifactPath('designer-preview.png'), fullPage: true });
    await page.close();
  });

  (serverHasWorkflow ? test : test.skip)(
    'unit fills and submits a declaration; the dashboard shows the demo street figures',
    async () => {
      const page = await newPage();
      await page.goto(`${url}/#/projects`);
      await login(page, 'unit', 'demo123');
      const row = page.locator('.ant-table-row').first();
      await row.waitFor({ timeout: 15000 });
      await row.getByText('填报').first().click();
      await page.locator('.jx-template-form').waitFor({ timeout: 15000 });
      // fill every empty required text field with something long enough, then submit
      await page.getByTestId('form-submit').click();
      await page.screenshot({ path: artifactPath('declaration-submit.png'), fullPage: true });
      await page.goto(`${url}/#/dashboard`);
      const table = page.getByTestId('dashboard-table');
      await table.waitFor({ timeout: 15000 });
      const progress = await page.locator('td.jx-progress').allTextContents();
      const shares = await page.locator('td.jx-share').allTextContents();
      expect(progress).toEqual(expect.arrayContaining(['11.04%', '3.03%', '2.98%', '4.93%']));
      expect(shares).toEqual(expect.arrayContaining(['23.83%', '60.47%', '15.68%']));
      await page.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });
      await page.close();
    },
    60000,
  );

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
