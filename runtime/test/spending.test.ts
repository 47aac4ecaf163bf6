/**
 * 填写本月费用 in the built runtime served by the real server (in-process, temp SQLite, demo users),
 * driven in chromium: the spending user records a monthly spending entry and a payment record by
 * typing amounts, sees 累计支出 and 余额 move by exactly those amounts (expected figures computed in
 * 分 from the API's figures before the writes), sees the server's validation errors next to the
 * fields, keeps unsaved input across navigation, deletes an entry after confirming; a user without
 * `spending.record` sees the same figures and no edit controls.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openPopover, openSignedIn } from './browser';
import { apiAs, type Call } from './api-client';

// Logins hash with scrypt (slow on purpose) and pages load chunks: generous per-test time.
jest.setTimeout(120000);

const d = browserSuite();


async function json<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** "-1234567.89" → -123456789n (the server's exact decimal text, 2 decimals). */
function fen(text: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (m === null) throw new Error(`not a money text: ${text}`);
  const v = BigInt(m[2] ?? '0') * 100n + BigInt(m[3] ?? '0');
  return m[1] === '-' ? -v : v;
}

/** -123456789n → "-1,234,567.89". */
function grouped(f: bigint): string {
  const neg = f < 0n;
  const abs = neg ? -f : f;
  const int = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(abs % 100n).toString().padStart(2, '0')}`;
}

interface Monitoring {
  project: { id: number; name: string; fiscalYear: number };
  month: number;
  adjusted: string;
  spent: string;
  balance: string;
  display: { spent: string; balance: string; executionRate: string };
}

d('填写本月费用 (spending page) served by the server', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let spender: Call;
  let projectId = 0;
  let before: Monitoring;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-e2e-spending-');
    url = app.url;
    spender = await apiAs(url, 'spender', 'demo123');
    const projects = await json<{
      items: { id: number; department: string }[];
    }>(spender('GET', '/api/projects?department=HWZX&year=2021&pageSize=50'));
    const first = projects.items.find((p) => p.department === 'HWZX');
    if (first === undefined) throw new Error('no 2021 HWZX project in the demo data');
    projectId = first.id;
    before = await json<Monitoring>(spender('GET', `/api/projects/${projectId}/monitoring`));
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const openAs = (username: string, hash: string): Promise<Page> => openSignedIn(ctx, url, { username, route: hash, waitForShell: false, pageErrors });


  const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).textContent()) ?? '';

  /** Waits until the summary shows `spentFen` as 累计支出 (the page reloads figures after a write). */
  async function waitForSpent(page: Page, spentFen: bigint): Promise<void> {
    await page.waitForFunction((want) => document.querySelector('[data-testid="summary-spent"]')?.textContent === want, grouped(spentFen), { timeout: 30000 });
  }

  /** Types a date into the payment form's picker (its input is read-only until pressed). */
  async function pickDate(page: Page, date: string): Promise<void> {
    const input = page.getByTestId('payment-form').locator('.ant-picker input');
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  test('the spending user records, sees exact totals and field errors, and deletes after confirming', async () => {
    const page = await openAs('spender', `/projects/${projectId}`);
    await page.getByTestId('open-spending').click({ timeout: 45000 });
    await page.getByTestId('spending-summary').waitFor({ timeout: 45000 });
    expect(page.url()).toContain(`#/projects/${projectId}/spending`);
    expect(await text(page, 'spending-project')).toContain(before.project.name);
    expect(await text(page, 'summary-spent')).toBe(before.display.spent);
    expect(await text(page, 'summary-balance')).toBe(before.display.balance);

    // the server's 422: an empty amount, a payment dated outside the fiscal year
    await page.getByTestId('spending-save').click();
    const amountHelp = page.locator('.jx-spending-amount .ant-form-item-explain');
    await amountHelp.waitFor();
    expect(await amountHelp.textContent()).toBe('请填写本月支出');
    await page.locator('[data-testid="spending-amount"] input').fill('-5');
    await page.getByTestId('spending-save').click();
    await page.waitForFunction(() => document.querySelector('.jx-spending-amount .ant-form-item-explain')?.textContent === '金额应为正数，最多两位小数');
    const payForm = page.getByTestId('payment-form');
    await pickDate(page, `${before.project.fiscalYear - 1}-05-10`);
    await payForm.locator('[data-testid="payment-amount"] input').fill('100');
    await page.getByTestId('payment-save').click();
    const dateHelp = payForm.locator('.ant-form-item').filter({ hasText: '支付日期' }).locator('.ant-form-item-explain');
    await dateHelp.waitFor();
    expect(await dateHelp.textContent()).toBe(`支付日期应在项目年度 ${before.project.fiscalYear} 年内`);
    await page.screenshot({
      path: artifactPath('spending-errors.png'),
      fullPage: true,
    });

    // a monthly spending entry typed as 1234567.89
    const entryFen = 123456789n;
    await page.locator('[data-testid="spending-amount"] input').fill('1234567.89');
    await page.getByTestId('spending-memo').fill('保洁服务费');
    await page.getByTestId('spending-save').click();
    const afterEntry = fen(before.spent) + entryFen;
    await waitForSpent(page, afterEntry);
    await amountHelp.waitFor({ state: 'detached', timeout: 10000 }); // antd animates the message out
    expect(await text(page, 'summary-balance')).toBe(grouped(fen(before.adjusted) - afterEntry));
    expect(await page.getByTestId('spending-table').textContent()).toContain('1,234,567.89');

    // a payment record in the figures' month of the fiscal year
    const payFen = 100050n;
    const month = String(before.month).padStart(2, '0');
    await pickDate(page, `${before.project.fiscalYear}-${month}-15`);
    await payForm.locator('[data-testid="payment-amount"] input').fill('1000.5');
    await page.getByTestId('payment-payee').fill('某某环卫服务公司');
    await page.getByTestId('payment-save').click();
    const afterPayment = afterEntry + payFen;
    await waitForSpent(page, afterPayment);
    expect(await text(page, 'summary-balance')).toBe(grouped(fen(before.adjusted) - afterPayment));
    expect(await page.getByTestId('payment-table').textContent()).toContain('1,000.50');
    const api = await json<Monitoring>(spender('GET', `/api/projects/${projectId}/monitoring`));
    expect(fen(api.spent)).toBe(afterPayment);
    expect(fen(api.balance)).toBe(fen(before.adjusted) - afterPayment);
    expect(await text(page, 'summary-rate')).toBe(api.display.executionRate);
    await page.screenshot({
      path: artifactPath('spending-recorded.png'),
      fullPage: true,
    });

    // unsaved input survives leaving the page and coming back
    await page.locator('[data-testid="spending-amount"] input').fill('500');
    await page.getByTestId('spending-memo').fill('未保存');
    await page.getByTestId('spending-back').click();
    await page.getByTestId('open-spending').click({ timeout: 45000 });
    await page.getByTestId('spending-summary').waitFor({ timeout: 45000 });
    expect(await page.getByTestId('spending-memo').inputValue()).toBe('未保存');
    expect(await page.locator('[data-testid="spending-amount"] input').inputValue()).toBe('500.00');

    // deleting the entry asks first, then the figures drop by its amount
    const row = page.getByTestId('spending-table').locator('.ant-table-row').filter({ hasText: '1,234,567.89' });
    await row.getByRole('button', { name: '删除' }).click();
    const confirm = await openPopover(page);
    expect(await confirm.textContent()).toContain('确定删除这条支出记录吗');
    await confirm.getByRole('button', { name: /^删\s?除$/ }).click(); // antd spaces two-character labels: 删 除
    await waitForSpent(page, afterPayment - entryFen);
    expect(await text(page, 'summary-balance')).toBe(grouped(fen(before.adjusted) - afterPayment + entryFen));
    expect(await page.getByTestId('spending-table').textContent()).not.toContain('1,234,567.89');
    const entries = await json<{ items: { amount: string }[] }>(spender('GET', `/api/projects/${projectId}/spending`));
    expect(entries.items.some((e) => e.amount === '1234567.89')).toBe(false);
    await page.close();
  });

  test('a user without spending.record sees the figures read-only', async () => {
    const api = await json<Monitoring>(spender('GET', `/api/projects/${projectId}/monitoring`));
    const page = await openAs('hwzx', `/projects/${projectId}/spending`);
    await page.getByTestId('spending-summary').waitFor({ timeout: 45000 });
    await page.getByTestId('spending-readonly').waitFor();
    expect(await text(page, 'summary-spent')).toBe(api.display.spent);
    expect(await text(page, 'summary-balance')).toBe(api.display.balance);
    expect(await page.getByTestId('payment-table').textContent()).toContain('1,000.50');
    expect(await page.getByTestId('spending-form').count()).toBe(0);
    expect(await page.getByTestId('payment-form').count()).toBe(0);
    expect(await page.locator('[data-testid^="spending-delete-"], [data-testid^="payment-delete-"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /删\s?除/ }).count()).toBe(0);
    await page.screenshot({
      path: artifactPath('spending-readonly.png'),
      fullPage: true,
    });
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
