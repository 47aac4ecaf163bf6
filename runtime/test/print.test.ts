/**
 * The print view and the 处理记录 in chromium against the real server (in-process, temp SQLite,
 * demo users): what the template hides for the stored inputs (`x-visible` FALSE, as the engine
 * evaluates it) is not printed — no label row for a hidden field, a blank cell for a hidden cell,
 * no column hidden in every row — while the same field prints once it is visible; the print view
 * lists the form's and the rows' attachments as the server lists them; the history lists each
 * autosave as soon as the save answered (no reload), one history request per save.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { evaluate, type Template } from '@jixiao/engine';
import { formatSize, type Attachment } from '../src/api/files';
import { formatTime } from '../src/api/time';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openSignedIn, ROOT } from './browser';
import { startServedApp, type ServedApp } from './served-app';
import { apiAs, bindStreetDeclaration, type Call } from './api-client';

jest.setTimeout(120000);

const d = browserSuite();

const caseData = (name: string): Record<string, unknown> =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/demo-street/cases', name), 'utf8')) as { data: Record<string, unknown> }).data;

interface ServerSubmission {
  id: number;
  rowVersion: number;
  data: Record<string, unknown>;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// a 1×1 transparent PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

d('print view (hidden fields, attachments) and the history after a save', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let unit: Call;
  let projectIds: number[] = [];
  /** The monitoring form of the first test (no attachments) and the declaration of the second. */
  let monitoringId = 0;
  let declarationId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-print-');
    url = app.url;
    await bindStreetDeclaration(url);
    unit = await apiAs(url, 'unit', 'demo123');
    const projects = (await (await unit('GET', '/api/projects?year=2021')).json()) as { items: Array<{ id: number }> };
    projectIds = projects.items.map((p) => p.id);
    if (projectIds.length < 2) throw new Error('the demo has fewer than two 2021 projects for unit');
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const openAs = (route: string): Promise<Page> => openSignedIn(ctx, url, { username: 'unit', password: 'demo123', route, pageErrors });

  async function create(projectId: number, kind: string, data: Record<string, unknown>, period?: string): Promise<ServerSubmission> {
    const res = await unit('POST', '/api/submissions', { projectId, kind, data, ...(period !== undefined ? { period } : {}) });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${await res.text()}`);
    return (await res.json()) as ServerSubmission;
  }

  async function save(id: number, data: Record<string, unknown>): Promise<void> {
    const current = (await (await unit('GET', `/api/submissions/${id}`)).json()) as ServerSubmission;
    const res = await unit('PUT', `/api/submissions/${id}`, { data, rowVersion: current.rowVersion });
    if (res.status !== 200) throw new Error(`save: ${res.status} ${await res.text()}`);
  }

  /** What the engine hides for the submission as the server holds it (its pinned template, its inputs). */
  async function engineHidden(id: number): Promise<string[]> {
    const { template } = (await (await unit('GET', `/api/submissions/${id}/template`)).json()) as { template: Template };
    const { data } = (await (await unit('GET', `/api/submissions/${id}`)).json()) as ServerSubmission;
    return evaluate(template, data).hidden;
  }

  async function openPrint(id: number): Promise<{ page: Page; view: ReturnType<Page['getByTestId']> }> {
    const page = await openAs(`/submissions/${id}?print=1`);
    const view = page.getByTestId('print-view');
    await view.waitFor({ timeout: 45000 });
    return { page, view };
  }

  const fieldLabels = (page: Page): Promise<string[]> => page.locator('table.jx-print-fields th').allTextContents();

  test('a scalar the template hides (调增或调减金额 when 不调整) has no row at all; once visible it prints', async () => {
    const data = caseData('monitoring-suggestion-required.json');
    const midYear = { ...(data['midYear'] as Record<string, unknown>), goalAchievable: '是', suggestion: '不调整', suggestionAmount: 30000 };
    const s = await create(projectIds[0] as number, 'monitoring', { ...data, midYear }, '2021-06');
    monitoringId = s.id;
    expect(await engineHidden(s.id)).toContain('midYear.suggestionAmount');

    let { page, view } = await openPrint(s.id);
    expect(await view.locator('td[data-path="midYear.suggestion"]').textContent()).toBe('不调整');
    expect(await view.locator('td[data-path="midYear.suggestionAmount"]').count()).toBe(0);
    const labels = await fieldLabels(page);
    expect(labels).toContain('对后续预算安排的建议');
    expect(labels).not.toContain('调增或调减金额');
    await page.screenshot({ path: artifactPath('print-hidden-scalar.png'), fullPage: true });
    await page.close();

    // 调减: the engine shows the field, and the print has its row with the amount
    await save(s.id, { ...data, midYear: { ...midYear, suggestion: '调减' } });
    expect(await engineHidden(s.id)).not.toContain('midYear.suggestionAmount');
    ({ page, view } = await openPrint(s.id));
    expect(await view.locator('td[data-path="midYear.suggestionAmount"]').textContent()).toBe('30,000.00 元');
    expect(await fieldLabels(page)).toContain('调增或调减金额');
    await page.close();
  });

  test('table cells the template hides print blank; a column hidden in every row is left out', async () => {
    const data = caseData('declaration-fire-lane.json');
    const annual = (data['annualIndicators'] as Array<Record<string, unknown>>).map((r) => ({ ...r, targetText: '旧的定性值' }));
    const overall = (data['overallIndicators'] as Array<Record<string, unknown>>).map((r) => ({ ...r }));
    // row 2 turns qualitative; its old number stays stored
    overall[1] = { ...overall[1], direction: '定性', targetText: '工程按期完成', target: 100 };
    const s = await create(projectIds[1] as number, 'declaration', { ...data, annualIndicators: annual, overallIndicators: overall });
    declarationId = s.id;
    const hidden = await engineHidden(s.id);
    expect(hidden).toEqual(expect.arrayContaining(['overallIndicators[1].target', 'overallIndicators[0].targetText', 'annualIndicators[0].targetText']));
    expect(hidden.filter((p) => p.startsWith('annualIndicators[') && p.endsWith('.targetText'))).toHaveLength(annual.length);

    const { page, view } = await openPrint(s.id);
    // every path the engine hides prints nothing
    for (const p of hidden) {
      const cells = view.locator(`[data-path="${p}"]`);
      if ((await cells.count()) > 0) expect((await cells.first().textContent()) ?? '').toBe('');
    }
    const headers = (table: string) => view.locator(`table[data-path="${table}"] thead th`).allTextContents();
    // annual: 指标值（定性） hidden in every row → no column, although the rows hold text
    expect(await headers('annualIndicators')).not.toContain('指标值（定性）');
    expect(await headers('annualIndicators')).toContain('指标值');
    expect(await view.locator('td[data-path="annualIndicators[0].target"]').textContent()).toBe('2');
    // overall: both columns, each blank where its row hides it
    expect(await headers('overallIndicators')).toEqual(expect.arrayContaining(['指标值', '指标值（定性）']));
    expect(await view.locator('td[data-path="overallIndicators[1].target"]').textContent()).toBe('');
    expect(await view.locator('td[data-path="overallIndicators[1].targetText"]').textContent()).toBe('工程按期完成');
    expect(await view.locator('td[data-path="overallIndicators[0].targetText"]').textContent()).toBe('');
    expect(await view.locator('td[data-path="overallIndicators[0].target"]').textContent()).toBe('2');
    expect(await page.locator('body').textContent()).not.toContain('旧的定性值');
    await page.close();
  });

  test('the print view lists the form and row attachments as the server lists them', async () => {
    const page = await openAs(`/submissions/${declarationId}`);
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    // upload through the API from the signed-in page (the attachments suite drives the upload UI)
    const upload = (field: string | null, name: string, type: string, bytes: Buffer) =>
      page.evaluate(
        async ({ sid, field: f, name: n, type: t, b64 }) => {
          const body = new FormData();
          if (f !== null) body.append('field', f);
          body.append('file', new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: t }), n);
          const r = await fetch(`/api/submissions/${sid}/files`, { method: 'POST', body });
          return r.status;
        },
        { sid: declarationId, field, name, type, b64: bytes.toString('base64') },
      );
    expect(await upload(null, '实施方案.pdf', 'application/pdf', PDF)).toBe(201);
    expect(await upload('annualIndicators[1]', '验收照片.png', 'image/png', PNG)).toBe(201);
    const files = ((await (await unit('GET', `/api/submissions/${declarationId}/files`)).json()) as { items: Attachment[] }).items;
    expect(files).toHaveLength(2);

    await page.goto(`${url}/#/submissions/${declarationId}?print=1`);
    const section = page.getByTestId('print-attachments');
    await section.locator('tr[data-attachment-id]').first().waitFor({ timeout: 45000 });
    expect(await section.locator('h2').textContent()).toBe('附件');
    const rows = section.locator('tr[data-attachment-id]');
    expect(await rows.count()).toBe(files.length);
    const owner: Record<string, string> = { '': '整表', 'annualIndicators[1]': '本年度绩效指标 / 第 2 行' };
    for (const f of files) {
      const cells = await section.locator(`tr[data-attachment-id="${f.id}"] td`).allTextContents();
      expect(cells.slice(1, 5)).toEqual([f.name, formatSize(f.size), owner[f.field ?? ''], f.uploadedBy ?? '']);
      expect(cells[5]).toBe(formatTime(f.createdAt));
    }
    expect(await section.locator('a').first().getAttribute('href')).toMatch(/^\/api\/files\/\d+\/download$/);
    expect(await section.locator('button, input').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    expect(await section.isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('print-attachments.png'), fullPage: true });
    await page.close();
  });

  test('a form without attachments prints 附件 （无）', async () => {
    const { page } = await openPrint(monitoringId);
    const section = page.getByTestId('print-attachments');
    await section.locator('.jx-print-empty:text-is("（无）")').waitFor({ timeout: 45000 });
    await page.close();
  });

  test('the 处理记录 lists an autosave once the save answered, without a reload; one history request per save', async () => {
    const s = await create(projectIds[1] as number, 'self-evaluation', caseData('self-eval-seed-80.json'));
    const page = await openAs(`/submissions/${s.id}`);
    let historyRequests = 0;
    let saves = 0;
    page.on('request', (r) => {
      if (r.method() === 'GET' && r.url().endsWith(`/api/submissions/${s.id}/history`)) historyRequests += 1;
    });
    page.on('response', (r) => {
      if (r.request().method() === 'PUT' && r.url().endsWith(`/api/submissions/${s.id}`) && r.status() === 200) saves += 1;
    });
    const history = page.getByTestId('history-table');
    await history.waitFor({ timeout: 45000 });
    await page.getByTestId('history-panel').getByText('显示保存记录').click();
    expect(await history.locator('tr[data-action="save"]').count()).toBe(0);
    const before = historyRequests;

    const input = page.locator('.ant-formily-item').filter({ has: page.locator('.ant-formily-item-label label:text-is("项目名称")') }).first().locator('input');
    await input.fill('社区党建活动经费（已修改）');
    await page.locator('[data-testid="save-state"]:has-text("已保存")').waitFor({ timeout: 45000 });
    await history.locator('tr[data-action="save"]').first().waitFor({ timeout: 45000 });

    // the page shows what the server's history says, version for version
    const server = ((await (await unit('GET', `/api/submissions/${s.id}/history`)).json()) as { items: Array<{ action: string; rowVersion: number }> }).items;
    const shown = await history.locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')}:${r.getAttribute('data-version')}`));
    expect(shown).toEqual(server.map((h) => `${h.action}:${h.rowVersion}`));
    expect(shown.filter((a) => a.startsWith('save:'))).toHaveLength(saves);
    expect(saves).toBeGreaterThan(0);
    expect(historyRequests - before).toBe(saves);
    await page.screenshot({ path: artifactPath('history-after-save.png'), fullPage: true });
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
