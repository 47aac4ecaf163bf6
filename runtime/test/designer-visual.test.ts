/**
 * The visual designer, through the UI only: an admin builds a self-evaluation template without
 * code (新建模板, palette, property panel), sees a broken formula flagged while typing and 发布
 * refused, fixes it, checks the computation in the live preview, publishes, and the stored
 * template (read back over the API) has exactly the fields and properties that were set.
 */
import type { Page } from 'playwright-core';
import { servedBrowser } from './served-browser';
import { artifactPath, browserSuite, modalOpened } from './browser';
import { apiAs, TEST_ADMIN_PASSWORD } from './api-client';

// Logins hash with scrypt (slow on purpose) and pages load chunks: generous per-test time.
jest.setTimeout(120000);

const d = browserSuite();

interface StoredField {
  type?: string;
  title?: string;
  'x-money'?: boolean;
  'x-formula'?: string;
  'x-unit'?: string;
  'x-scale'?: number;
}

d('the visual designer', () => {
  const served = servedBrowser('jixiao-designer-e2e-', { apps: ['runtime', 'designer'] });
  const pageErrors: string[] = [];

  async function openDesigner(): Promise<Page> {
    const { url, ctx } = served();
    await ctx.clearCookies();
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${url}/designer/`);
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill(TEST_ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('template-new').waitFor({ timeout: 45000 });
    return page;
  }

  /** Palette button → the new field is selected (its title is still the kind's name) → 标题 and 键名. */
  async function addField(page: Page, kind: string, kindLabel: string, title: string, key: string): Promise<void> {
    await page.getByTestId(`palette-${kind}`).click();
    const titleBox = page.getByTestId('prop-title');
    await page.waitForFunction((label) => (document.querySelector('[data-testid="prop-title"]') as HTMLInputElement | null)?.value === label, kindLabel);
    await titleBox.fill(title);
    await page.getByTestId('prop-key').fill(key);
    await page.getByTestId('prop-key').press('Enter');
    await page.getByTestId(`field-node-${key}`).waitFor();
    expect(await page.getByTestId('prop-key').inputValue()).toBe(key);
  }

  async function stored(id: string, version: string): Promise<{ status: number; template?: { kind: string; title: string; schema: { properties: Record<string, StoredField> } } }> {
    const admin = await apiAs(served().url, 'admin', TEST_ADMIN_PASSWORD);
    const res = await admin('GET', `/api/templates/${id}/versions/${version}`);
    if (res.status !== 200) return { status: res.status };
    return { status: 200, ...((await res.json()) as { template: { kind: string; title: string; schema: { properties: Record<string, StoredField> } } }) };
  }

  test('新建模板 → fields from the palette → a broken formula is flagged and not published → fixed, previewed, published as set', async () => {
    const page = await openDesigner();

    // 新建模板: 自评, e2e-visual 1.0.0
    await page.getByTestId('template-new').click();
    await modalOpened(page, '.jx-new-template');
    const modal = page.locator('.jx-new-template');
    await modal.locator('.ant-radio-button-wrapper', { hasText: '自评' }).click();
    await page.getByTestId('new-id').fill('e2e-visual');
    await page.getByTestId('new-title').fill('可视化设计的自评表');
    await page.getByTestId('new-version').fill('1.0.0');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('template-meta').waitFor();
    expect(await page.getByTestId('meta-id').inputValue()).toBe('e2e-visual');
    expect(await page.getByTestId('meta-version').inputValue()).toBe('1.0.0');

    // two money fields and a computed rate
    await addField(page, 'money', '金额（元）', '预算数', 'budget');
    await addField(page, 'money', '金额（元）', '执行数', 'spent');
    await addField(page, 'formula', '计算字段', '执行率', 'rate');
    await page.getByTestId('prop-unit').fill('%');
    await page.getByTestId('prop-scale').fill('2');

    // a broken formula: the parser's verdict under the box at once, the field badged, 发布 refused
    await page.getByTestId('prop-formula').fill('spent / budget *');
    const syntax = page.getByTestId('prop-formula-problem');
    await syntax.waitFor();
    expect(await syntax.textContent()).toMatch(/^第 1 行第 \d+ 列/);
    await page.getByTestId('field-error-rate').waitFor();
    await page.getByTestId('template-publish').click();
    await page.getByTestId('publish-problems').waitFor();
    expect(await page.getByTestId('publish-problems').innerText()).toContain('执行率（rate）');
    expect((await stored('e2e-visual', '1.0.0')).status).toBe(404);

    // fixed: no problem left, and the preview computes it
    await page.getByTestId('prop-formula').fill('spent / budget * 100');
    await syntax.waitFor({ state: 'detached' });
    await page.getByTestId('field-error-rate').waitFor({ state: 'detached' });
    await page.locator('[data-testid="preview"][data-fresh="true"] .jx-computed[data-path="rate"]').waitFor();
    const preview = page.getByTestId('preview');
    await preview.locator('.ant-formily-item').filter({ hasText: '预算数' }).locator('input').fill('1000');
    await preview.locator('.ant-formily-item').filter({ hasText: '执行数' }).locator('input').fill('500');
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="preview"] .jx-computed[data-path="rate"] .jx-computed-value')?.textContent;
      return text === '50' || text === '50.00';
    });
    await page.screenshot({ path: artifactPath('designer-visual.png'), fullPage: true });

    // 发布, and the stored template is what was designed
    await page.getByTestId('template-publish').click();
    await page.locator('.ant-message').filter({ hasText: '已发布' }).waitFor();
    expect(await page.getByTestId('publish-problems').count()).toBe(0);
    const r = await stored('e2e-visual', '1.0.0');
    expect(r.status).toBe(200);
    expect(r.template?.kind).toBe('self-evaluation');
    expect(r.template?.title).toBe('可视化设计的自评表');
    const fields = r.template?.schema.properties ?? {};
    expect(Object.keys(fields)).toEqual(['budget', 'spent', 'rate']);
    expect(fields['budget']).toMatchObject({ type: 'number', title: '预算数', 'x-money': true });
    expect(fields['spent']).toMatchObject({ type: 'number', title: '执行数', 'x-money': true });
    expect(fields['rate']).toMatchObject({ type: 'number', title: '执行率', 'x-formula': 'spent / budget * 100', 'x-unit': '%', 'x-scale': 2 });
    await page.getByTestId('template-e2e-visual').waitFor();
    await page.close();
  });

  test('JSON 源码 and 可视化设计 edit one template: invalid JSON keeps the visual state, valid JSON updates it', async () => {
    const page = await openDesigner();
    await page.getByTestId('template-e2e-visual').click();
    await page.getByTestId('field-node-rate').waitFor({ timeout: 45000 });
    await page.getByRole('tab', { name: 'JSON 源码' }).click();
    const editor = page.getByTestId('template-json');
    const doc = JSON.parse(await editor.inputValue()) as { schema: { properties: Record<string, StoredField> } };
    expect(doc.schema.properties['rate']?.['x-formula']).toBe('spent / budget * 100');

    await editor.fill('{ "id": ');
    await page.getByTestId('json-error').waitFor();
    await page.getByRole('tab', { name: '可视化设计' }).click();
    await page.getByTestId('field-node-rate').waitFor();
    expect(await page.getByTestId('field-node-budget').textContent()).toContain('预算数');

    await page.getByRole('tab', { name: 'JSON 源码' }).click();
    doc.schema.properties['budget']!.title = '全年预算数';
    await editor.fill(JSON.stringify(doc, null, 2));
    await page.getByTestId('json-error').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '可视化设计' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="field-node-budget"]')?.textContent?.includes('全年预算数') === true);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
