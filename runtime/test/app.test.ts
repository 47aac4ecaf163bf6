/**
 * The built runtime and designer served by the real server (createApp, in-process, on a temp
 * SQLite database with the seeded demo users), driven in chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, ROOT } from './browser';
import { apiAs, streetTemplate } from './api-client';

// Logins hash with scrypt (slow on purpose) and pages load chunks: generous per-test time.
jest.setTimeout(120000);

const d = browserSuite();


/**
 * As admin: publish the harness's sample self-evaluation (the designer lists published templates)
 * and the demo street declaration and self-evaluation (409: already published by a pack import),
 * and bind them to the street office for 2021 (its units inherit them).
 */
async function setUpTemplates(url: string): Promise<void> {
  const admin = await apiAs(url, 'admin', 'admin-e2e-pass');
  const publish = async (file: string): Promise<void> => {
    const template: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const res = await admin('POST', '/api/templates', { template });
    if (res.status !== 201 && res.status !== 409) throw new Error(`publish ${file}: ${res.status} ${await res.text()}`);
  };
  await publish(path.join(__dirname, 'harness/sample-self-eval.json'));
  for (const [kind, templateId] of [['declaration', 'street-declaration'], ['self-evaluation', 'street-self-eval']] as const) {
    await publish(path.join(ROOT, `templates/demo-street/templates/${templateId}.json`));
    const bind = await admin('PUT', '/api/bindings', { department: 'JDB', kind, year: 2021, templateId, version: streetTemplate(templateId).version });
    if (bind.status !== 200) throw new Error(`bind ${kind}: ${bind.status} ${await bind.text()}`);
  }
}

d('runtime and designer served by the server', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime', 'designer');
    app = await startServedApp('jixiao-e2e-');
    url = app.url;
    await setUpTemplates(url);
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  /** A fresh page without a session (the persistent context keeps cookies between tests). */
  async function newPage(): Promise<Page> {
    await ctx.clearCookies();
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
    // a unit fills forms and reads reports; reviewing is the department above's (no 审核 entry)
    expect(await page.locator('.ant-menu-item').allTextContents()).toEqual(['我的任务', '项目', '看板', '报表']);
    await page.screenshot({ path: artifactPath('app-shell.png'), fullPage: true });
    // logging out returns to the login page, and the session is gone
    await page.getByTestId('logout').click();
    await page.locator('#login-username').waitFor();
    await page.reload();
    await page.locator('#login-username').waitFor();
    await page.close();
  });

  /** 我的任务 of the demo unit user in 2021: the items' test ids and button links, in order. */
  async function unitTasks(page: Page): Promise<Array<{ id: string; href: string }>> {
    await page.goto(`${url}/`);
    await page.evaluate(() => localStorage.setItem('jixiao.year', '2021'));
    await page.goto(`${url}/#/tasks`);
    await page.reload();
    await login(page, 'unit', 'demo123');
    await page.locator('.ant-list').waitFor({ timeout: 45000 });
    await page.locator('.ant-list .ant-spin-spinning').waitFor({ state: 'detached' });
    return page.locator('.ant-list-item a[data-testid^="task-"]').evaluateAll((links) => links.map((a) => ({ id: a.getAttribute('data-testid') ?? '', href: a.getAttribute('href') ?? '' })));
  }

  test('我的任务 lists every project of the unit still without a declaration, each with 开始填报', async () => {
    const unit = await apiAs(url, 'unit', 'demo123');
    const projects = (await (await unit('GET', '/api/projects?year=2021&pageSize=500')).json()) as { items: { id: number; code: string }[] };
    const forms = (await (await unit('GET', '/api/submissions?year=2021&kind=declaration&pageSize=500')).json()) as { items: { projectId: number }[] };
    const declared = new Set(forms.items.map((f) => f.projectId));
    const todo = projects.items.filter((p) => !declared.has(p.id));
    expect(todo.length).toBeGreaterThan(0);
    const page = await newPage();
    expect(await unitTasks(page)).toEqual(todo.map((p) => ({ id: `task-start-${p.id}-declaration`, href: `#/projects/${p.id}/new/declaration` })));
    expect(await page.locator('.ant-list-item').first().textContent()).toContain('未填报');
    await page.screenshot({ path: artifactPath('tasks-unit.png'), fullPage: true });
    await page.close();
  });

  test('the designer lists the published templates, previews one with TemplateForm and publishes a new version', async () => {
    const page = await newPage();
    await page.goto(`${url}/designer/`);
    await page.screenshot({ path: artifactPath('designer-login.png'), fullPage: true });
    await login(page, 'admin', 'admin-e2e-pass');
    const first = page.getByTestId('template-harness-self-eval');
    await first.waitFor({ timeout: 45000 });
    await first.click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    expect(await page.locator('.jx-template-form .ant-formily-item').count()).toBeGreaterThan(0);
    // the preview computes with the engine: with no budget yet, spent/budget is #DIV/0! as in Excel
    await page.locator('.jx-computed[data-path="total"] .jx-computed-value').waitFor();
    expect(await page.locator('.jx-computed[data-path="execRate"] .jx-computed-value').textContent()).toBe('#DIV/0!');
    await page.locator('.ant-formily-item').filter({ hasText: '全年预算数' }).locator('input').fill('1000');
    await page.locator('.ant-formily-item').filter({ hasText: '全年执行数' }).locator('input').fill('500');
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="execRate"] .jx-computed-value')?.textContent === '50');
    expect(await page.locator('.jx-computed[data-path="execScore"] .jx-computed-value').textContent()).toBe('5');
    await page.screenshot({ path: artifactPath('designer-preview.png'), fullPage: true });

    // 发布: a new version of the edited JSON; an invalid one lists the server's problems and publishes nothing
    await page.getByRole('tab', { name: 'JSON 源码' }).click();
    const editor = page.getByTestId('template-json');
    const doc = JSON.parse(await editor.inputValue()) as { id: string; version: string; schema: { properties: Record<string, Record<string, unknown>> } };
    const edit = async (change: (t: typeof doc) => void): Promise<void> => {
      const next = JSON.parse(JSON.stringify(doc)) as typeof doc;
      change(next);
      await editor.fill(JSON.stringify(next, null, 2));
    };
    await edit((t) => {
      t.version = '1.0.1';
      t.schema.properties['execRate']!['x-formula'] = 'ROUND(spent/budget*100,';
    });
    await page.getByTestId('template-publish').click();
    await page.getByTestId('publish-problems').waitFor();
    expect(await page.getByTestId('publish-problems').innerText()).toContain('execRate');
    const api = await apiAs(url, 'admin', 'admin-e2e-pass');
    const versions = async (): Promise<string[]> => ((await (await api('GET', `/api/templates/${doc.id}/versions`)).json()) as { items: { version: string }[] }).items.map((v) => v.version);
    expect(await versions()).not.toContain('1.0.1');
    await edit((t) => {
      t.version = '1.0.1';
    });
    await page.getByTestId('template-publish').click();
    await page.locator('.ant-message').filter({ hasText: '已发布' }).waitFor();
    expect(await versions()).toContain('1.0.1');
    expect(await page.getByTestId('publish-problems').count()).toBe(0);
    await page.close();
  });

  test(
    'the street-level leader sees the demo street dashboard: progress and shares truncated',
    async () => {
      const page = await newPage();
      await page.goto(`${url}/`);
      await page.evaluate(() => localStorage.setItem('jixiao.year', '2021'));
      await page.goto(`${url}/#/dashboard`);
      await page.reload();
      await login(page, 'leader', 'demo123');
      await page.getByTestId('dashboard-table').waitFor({ timeout: 45000 });
      await page.locator('td.jx-progress').first().waitFor();
      const names = await page.locator('.ant-table-row td:first-child').allTextContents();
      const progress = await page.locator('.ant-table-row td.jx-progress').allTextContents();
      const shares = await page.locator('.ant-table-row td.jx-share').allTextContents();
      const byName = (list: string[]) => Object.fromEntries(names.map((n, i) => [n, list[i]]));
      expect(byName(progress)).toMatchObject({ 党群中心: '11.04%', 街道本级: '3.03%', 环卫中心: '2.98%' });
      expect(byName(shares)).toMatchObject({ 党群中心: '23.83%', 街道本级: '60.47%', 环卫中心: '15.68%' });
      expect(await page.locator('.jx-progress-total').textContent()).toBe('4.93%');
      await page.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });
      await page.close();
    },
  );

  test(
    'the demo unit user fills and submits a declaration; computed values equal what the server stores',
    async () => {
      const page = await newPage();
      await page.goto(`${url}/`);
      await page.evaluate(() => localStorage.setItem('jixiao.year', '2021'));
      await page.goto(`${url}/#/projects`);
      await page.reload();
      await login(page, 'unit', 'demo123');
      const row = page.locator('.ant-table-row').first();
      await row.waitFor({ timeout: 45000 });
      await row.getByTestId('fill-declaration').click();
      await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
      const id = Number(/#\/submissions\/(\d+)/.exec(page.url())?.[1]);
      expect(id).toBeGreaterThan(0);
      const item = (label: string) => page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label label:text-is("${label}")`) }).first();

      // the fields the template takes from the project (x-project) start as the project has them
      await page.waitForFunction(() => (document.querySelector('.ant-formily-item input') as HTMLInputElement | null)?.value !== '');
      expect(await item('项目名称').locator('input').inputValue()).toBe('党群服务中心运行经费');
      expect(await item('预算单位').locator('input').inputValue()).toBe('党群中心');
      expect(await item('项目代码').locator('input').inputValue()).toBe('DQZX-2021-001');

      // a required field left empty: submitting shows the engine's zh-CN message on it
      await item('项目名称').locator('input').fill('');
      await page.getByTestId('form-submit').click();
      await item('项目名称').locator('.ant-formily-item-help').waitFor();
      expect(await item('项目名称').locator('.ant-formily-item-help').textContent()).toContain('项目名称');
      await page.screenshot({ path: artifactPath('declaration-errors.png'), fullPage: true });

      await item('项目名称').locator('input').fill('党群服务中心运行经费');
      await item('预算单位').locator('input').fill('党群中心');
      await item('本年度申请资金').locator('input').fill('1000000');
      await item('财政拨款').locator('input').fill('800000');
      await item('上年结转').locator('input').fill('200000');
      await item('预期总目标').locator('textarea, input').fill('保障党群服务中心全年正常运转，开展党建活动不少于二十次，服务居民满意度达到百分之九十以上。');
      await item('本年度目标').locator('textarea, input').fill('完成年度党建活动计划并保障场地运行');
      await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="funds.total"] .jx-computed-value')?.textContent === '1,000,000.00');
      expect(await page.locator('.jx-computed[data-path="fundsMatch"] .jx-computed-value').textContent()).toBe('一致');
      expect(await item('项目名称').locator('.ant-formily-item-help').count()).toBe(0);
      const shownWeight = await page.locator('.jx-computed[data-path="annualWeightTotal"] .jx-computed-value').textContent();

      await page.getByTestId('form-submit').click();
      await page.locator('[data-testid="status"]:has-text("已送审")').waitFor({ timeout: 45000 });
      await page.screenshot({ path: artifactPath('declaration-submitted.png'), fullPage: true });

      const stored = (await page.evaluate(async (sid) => (await fetch(`/api/submissions/${sid}`)).json(), id)) as {
        status: string;
        values: { funds: { total: number }; fundsMatch: string; annualWeightTotal: number };
      };
      expect(stored.status).toBe('submitted');
      expect(stored.values.funds.total).toBe(1000000);
      expect(stored.values.fundsMatch).toBe('一致');
      expect(String(stored.values.annualWeightTotal)).toBe(shownWeight);
      await page.close();
    },
  );

  test('the street reviewer finds the submitted declaration in the queue and approves it', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.evaluate(() => localStorage.setItem('jixiao.year', '2021'));
    await page.goto(`${url}/#/reviews`);
    await page.reload();
    await login(page, 'reviewer', 'demo123');
    const link = page.locator('.ant-table-row a').first();
    await link.waitFor({ timeout: 45000 });
    expect(await page.locator('.ant-menu-item').allTextContents()).toContain('审核');
    expect(await link.textContent()).toBe('党群服务中心运行经费');
    await link.click();
    await page.getByTestId('review-comment').fill('同意');
    await page.getByTestId('review-approve').click();
    await page.locator('[data-testid="status"]:has-text("已审核")').waitFor({ timeout: 45000 });
    expect(await page.getByTestId('review-approve').count()).toBe(0);
    await page.close();
  });

  test('after the approval, 我的任务 offers the unit the self-evaluation of that project', async () => {
    const unit = await apiAs(url, 'unit', 'demo123');
    const approved = (await (await unit('GET', '/api/submissions?year=2021&kind=declaration&status=approved')).json()) as { items: { id: number; projectId: number }[] };
    expect(approved.items.length).toBe(1);
    const projectId = approved.items[0]!.projectId;
    const page = await newPage();
    const tasks = await unitTasks(page);
    expect(tasks).toContainEqual({ id: `task-start-${projectId}-self-evaluation`, href: `#/projects/${projectId}/new/self-evaluation` });
    expect(tasks.map((t) => t.id)).not.toContain(`task-start-${projectId}-declaration`);
    await page.getByTestId(`task-start-${projectId}-self-evaluation`).click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    expect(page.url()).toMatch(/#\/submissions\/\d+/);
    // the form starts with the indicators of the approved declaration (x-declaration)
    const declaration = (await (await unit('GET', `/api/submissions/${approved.items[0]!.id}`)).json()) as { data: { annualIndicators: { level3: string }[] } };
    const declared = declaration.data.annualIndicators.map((r) => r.level3);
    expect(declared.length).toBeGreaterThan(0);
    const cells = page.locator('td.jx-col-level3 input');
    await cells.first().waitFor();
    expect(await cells.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(declared);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
