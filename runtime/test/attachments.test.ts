/**
 * Attachments on the fill page, in chromium against the real server (in-process, temp SQLite, temp
 * files folder, demo users): the unit uploads a PDF to the form and a PNG to indicator row 3
 * (`annualIndicators[2]`), sees both listed with names and sizes and the row's count, downloads
 * the PDF byte for byte, gets the server's zh-CN message for an .exe, cannot remove the row that
 * has an attachment, sees it follow its row when rows above it are removed or moved, deletes it
 * after confirming; the API agrees at each step; another department cannot read them; after
 * submitting the lists are read-only. Also the pure pieces: row field paths, sizes and the plans
 * of row operations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatSize, rowFieldPath } from '../src/api/files';
import { originsAfter, rowOperationPlan, shiftedRows } from '../src/form/attachments/row-guard';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openPopover, openSignedIn, ROOT } from './browser';
import { startServedApp, type ServedApp } from './served-app';
import { apiAs, bindStreetDeclaration, type Call } from './api-client';

jest.setTimeout(120000);

describe('attachment helpers', () => {
  test('row field paths use the server format (FIELD_PATH)', () => {
    expect(rowFieldPath('annualIndicators', 2)).toBe('annualIndicators[2]');
    expect(rowFieldPath('section.rows', 0)).toBe('section.rows[0]');
    expect(rowFieldPath('groups.1.rows', 3)).toBe('groups[1].rows[3]');
  });

  test('sizes read in B, KB and MB', () => {
    expect(formatSize(500)).toBe('500 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  test('row operations: shifting a row with attachments saves where the rows were; removing it is refused', () => {
    const counts = new Map([['rows[2]', 2]]);
    expect(shiftedRows({ kind: 'remove', index: 1 }, 4)).toEqual([1, 2, 3]);
    expect(shiftedRows({ kind: 'move', from: 3, to: 1 }, 4)).toEqual([1, 2, 3]);
    expect(originsAfter({ kind: 'remove', index: 1 }, 4)).toEqual([0, 2, 3]);
    expect(originsAfter({ kind: 'move', from: 3, to: 1 }, 4)).toEqual([0, 3, 1, 2]);
    expect(rowOperationPlan({ kind: 'remove', index: 2 }, 4, 'rows', counts)).toEqual({ blocker: '该行有 2 个附件，请先删除附件再删除该行' });
    expect(rowOperationPlan({ kind: 'move', from: 2, to: 3 }, 4, 'rows', counts)).toEqual({ origins: [0, 1, 3, 2] });
    expect(rowOperationPlan({ kind: 'remove', index: 0 }, 4, 'rows', counts)).toEqual({ origins: [1, 2, 3] });
    expect(rowOperationPlan({ kind: 'remove', index: 3 }, 4, 'rows', counts)).toEqual({ origins: null });
    expect(rowOperationPlan({ kind: 'move', from: 0, to: 1 }, 4, 'rows', counts)).toEqual({ origins: null });
    expect(rowOperationPlan({ kind: 'remove', index: 0 }, 4, 'other', counts)).toEqual({ origins: null });
    // a table inside a section: the server re-points root tables only
    expect(rowOperationPlan({ kind: 'remove', index: 0 }, 4, 'sec.rows', new Map([['sec.rows[2]', 1]]))).toEqual({ blocker: expect.stringContaining('第 3 行有 1 个附件') });
    // not loaded, or a move being saved: nothing moves
    expect(rowOperationPlan({ kind: 'remove', index: 3 }, 4, 'rows', null)).toEqual({ blocker: expect.stringContaining('附件列表尚未加载') });
    expect(rowOperationPlan({ kind: 'remove', index: 3 }, 4, 'rows', counts, true)).toEqual({ blocker: '正在保存行的调整，请稍候' });
  });
});

const d = browserSuite();



interface ListedFile {
  id: number;
  field: string | null;
  name: string;
  size: number;
  uploadedBy: string | null;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// a 1×1 transparent PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** A small limit, so that the 413 case needs no big file. */
const UPLOAD_MAX = 1024 * 1024;
const BIG_PDF = Buffer.concat([PDF, Buffer.alloc(UPLOAD_MAX + 1024, 0x20)]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 not really a program', 'latin1');

d('attachments on the fill page', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let dir = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-files-', { uploadMaxBytes: UPLOAD_MAX });
    url = app.url;
    await bindStreetDeclaration(url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-upload-'));
    fs.writeFileSync(path.join(dir, '实施方案.pdf'), PDF);
    fs.writeFileSync(path.join(dir, 'photo.png'), PNG);
    fs.writeFileSync(path.join(dir, 'tool.exe'), EXE);
    fs.writeFileSync(path.join(dir, 'big.pdf'), BIG_PDF);
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  });

  const listed = async (page: Page, id: number): Promise<ListedFile[]> =>
    ((await page.evaluate(async (sid) => (await fetch(`/api/submissions/${sid}/files`)).json(), id)) as { items: ListedFile[] }).items;

  /** The visible message (antd `message`) containing `text`. */
  const toast = (page: Page, text: string) => page.locator('.ant-message-notice-content').filter({ hasText: text }).first();

  test('the unit uploads, lists, downloads and deletes attachments; an attachment follows its row', async () => {
    const page = await openSignedIn(ctx, url, { username: 'unit', route: '/projects', waitForShell: false, pageErrors });
    const project = page.locator('.ant-table-row').first();
    await project.waitFor({ timeout: 45000 });
    await project.getByTestId('fill-declaration').click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    const id = Number(/#\/submissions\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    const card = page.getByTestId('form-attachments');
    await card.waitFor();
    expect(await card.getAttribute('data-editable')).toBe('true');
    expect(await listed(page, id)).toEqual([]);

    // the form's attachment: a PDF with a Chinese name
    await card.locator('input[type=file]').setInputFiles(path.join(dir, '实施方案.pdf'));
    await card.getByTestId('attachment-item').first().waitFor();
    expect(await card.getByTestId('attachment-link').textContent()).toContain('实施方案.pdf');
    expect(await card.getByTestId('attachment-size').textContent()).toBe(formatSize(PDF.length));
    expect(await card.getByTestId('attachment-item').textContent()).toContain('unit');
    let files = await listed(page, id);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ field: null, name: '实施方案.pdf', size: PDF.length, uploadedBy: 'unit' });

    // the download link gives back the same bytes
    const href = await card.getByTestId('attachment-link').getAttribute('href');
    expect(href).toBe(`/api/files/${files[0]?.id}/download`);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('attachment-link').click()]);
    expect(download.suggestedFilename()).toBe('实施方案.pdf');
    expect(fs.readFileSync(await download.path()).equals(PDF)).toBe(true);

    // indicator row 3 of 本年度绩效指标: a PNG through the row's 附件 button
    const rowButton = page.locator('[data-testid="row-attachments"][data-field="annualIndicators[2]"]');
    await rowButton.waitFor();
    expect(await rowButton.getAttribute('data-count')).toBe('0');
    await rowButton.click();
    const panel = page.getByTestId('row-attachments-panel');
    await panel.waitFor();
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'photo.png'));
    await panel.getByTestId('attachment-item').first().waitFor();
    expect(await panel.getByTestId('attachment-link').textContent()).toContain('photo.png');
    expect(await panel.getByTestId('attachment-size').textContent()).toBe(formatSize(PNG.length));

    // a disallowed type: the server's zh-CN message next to the upload and as a message
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'tool.exe'));
    const err = panel.getByTestId('attachment-error');
    await err.waitFor();
    expect(await err.textContent()).toContain('不支持的文件类型 .exe');
    expect(await err.textContent()).toContain('pdf');
    await toast(page, '不支持的文件类型').waitFor();
    // too large: 413 with the limit
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'big.pdf'));
    await panel.locator('[data-testid="attachment-error"]:has-text("文件过大")').waitFor();
    expect(await err.textContent()).toBe('文件过大，最大 1 MB');
    await page.screenshot({ path: artifactPath('attachments-row-modal.png'), fullPage: true });
    await page.locator('.ant-modal-close').click();
    await panel.waitFor({ state: 'detached' });

    await page.waitForFunction(() => document.querySelector('[data-testid="row-attachments"][data-field="annualIndicators[2]"]')?.getAttribute('data-count') === '1');
    expect(await rowButton.textContent()).toContain('1');
    files = await listed(page, id);
    expect(files).toHaveLength(2);
    expect(files.map((f) => [f.field, f.name])).toEqual(
      expect.arrayContaining([
        ['annualIndicators[2]', 'photo.png'],
        [null, '实施方案.pdf'],
      ]),
    );
    // the form's card lists only the form's own attachment
    expect(await card.getByTestId('attachment-item').count()).toBe(1);
    await page.screenshot({ path: artifactPath('attachments-form.png'), fullPage: true });

    // removing the row with the attachment is refused
    const table = page.locator('.ant-formily-array-table[data-array-path="annualIndicators"]');
    const rows = table.locator('tbody > tr.ant-table-row');
    const rowCount = await rows.count();
    const inputsOf = (k: number) =>
      table.locator(`tbody > tr[data-row-key="${k}"]`).locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const before = [await inputsOf(0), await inputsOf(1), await inputsOf(2)];
    expect(before[1]).not.toEqual(before[2]);
    await table.locator('tbody > tr[data-row-key="2"] .ant-formily-array-base-remove').click();
    await toast(page, '该行有 1 个附件，请先删除附件再删除该行').waitFor();
    expect(await rows.count()).toBe(rowCount);
    expect(await rowButton.getAttribute('data-count')).toBe('1');

    // moving the row above it down, then removing the first row: the attachment follows its row, saved at once
    const rowFiles = async (): Promise<string[]> => (await listed(page, id)).flatMap((f) => (f.field !== null ? [f.field] : []));
    const followed = async (field: string): Promise<void> => {
      for (let i = 0; i < 100 && JSON.stringify(await rowFiles()) !== JSON.stringify([field]); i++) await page.waitForTimeout(100);
      expect(await rowFiles()).toEqual([field]);
      await page.waitForFunction((f) => document.querySelector(`[data-testid="row-attachments"][data-field="${f}"]`)?.getAttribute('data-count') === '1', field);
    };
    await table.locator('tbody > tr[data-row-key="1"] .ant-formily-array-base-move-down').click();
    await followed('annualIndicators[1]');
    expect(await inputsOf(1)).toEqual(before[2]);
    expect(await inputsOf(2)).toEqual(before[1]);
    await table.locator('tbody > tr[data-row-key="0"] .ant-formily-array-base-remove').click();
    await followed('annualIndicators[0]');
    expect(await inputsOf(0)).toEqual(before[2]);
    expect(await rows.count()).toBe(rowCount - 1);
    // the stored rows agree with the page: the row with the file is the first
    const stored = (await page.evaluate(async (sid) => (await fetch(`/api/submissions/${sid}`)).json(), id)) as { data: { annualIndicators: Record<string, unknown>[] } };
    expect(stored.data.annualIndicators.length).toBe(rowCount - 1);

    // another department cannot see them
    const hwzx = await apiAs(url, 'hwzx', 'demo123');
    expect((await hwzx('GET', `/api/submissions/${id}/files`)).status).toBe(404);
    expect((await hwzx('GET', `/api/files/${files[0]?.id}/download`)).status).toBe(404);

    // delete the row's attachment after confirming; the row can then be removed
    const firstRowButton = page.locator('[data-testid="row-attachments"][data-field="annualIndicators[0]"]');
    await firstRowButton.click();
    await panel.waitFor();
    // editable again once the moved rows are saved and the list read again
    await page.locator('[data-testid="row-attachments-panel"][data-editable="true"]').waitFor();
    await panel.getByTestId('attachment-delete').click();
    await (await openPopover(page)).locator('.ant-popover-buttons .ant-btn-dangerous').click();
    await panel.getByTestId('attachment-item').waitFor({ state: 'detached' });
    await page.locator('.ant-modal-close').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="row-attachments"][data-field="annualIndicators[0]"]')?.getAttribute('data-count') === '0');
    files = await listed(page, id);
    expect(files.map((f) => f.field)).toEqual([null]);
    await table.locator('tbody > tr[data-row-key="0"] .ant-formily-array-base-remove').click();
    await page.waitForFunction((n) => document.querySelectorAll('.ant-formily-array-table[data-array-path="annualIndicators"] tbody > tr.ant-table-row').length === n, rowCount - 2);

    // submit: the lists become read-only
    const item = (label: string) => page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label label:text-is("${label}")`) }).first();
    await item('项目名称').locator('input').fill('党群服务中心运行经费');
    await item('预算单位').locator('input').fill('党群中心');
    await item('本年度申请资金').locator('input').fill('1000000');
    await item('财政拨款').locator('input').fill('800000');
    await item('上年结转').locator('input').fill('200000');
    await item('预期总目标').locator('textarea, input').fill('保障党群服务中心全年正常运转，开展党建活动不少于二十次，服务居民满意度达到百分之九十以上。');
    await item('本年度目标').locator('textarea, input').fill('完成年度党建活动计划并保障场地运行');
    await page.getByTestId('form-submit').click();
    await page.locator('[data-testid="status"]:has-text("已送审")').waitFor({ timeout: 45000 });
    const readOnlyCard = page.getByTestId('form-attachments');
    await readOnlyCard.getByTestId('attachment-item').first().waitFor();
    expect(await readOnlyCard.getAttribute('data-editable')).toBe('false');
    expect(await readOnlyCard.getByTestId('attachment-upload').count()).toBe(0);
    expect(await readOnlyCard.getByTestId('attachment-delete').count()).toBe(0);
    expect(await readOnlyCard.getByTestId('attachment-link').textContent()).toContain('实施方案.pdf');
    await page.locator('[data-testid="row-attachments"][data-field="annualIndicators[0]"]').click();
    await panel.waitFor();
    expect(await panel.getAttribute('data-editable')).toBe('false');
    expect(await panel.locator('input[type=file]').count()).toBe(0);
    await page.waitForFunction(() => document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter') === null);
    await page.screenshot({ path: artifactPath('attachments-submitted.png'), fullPage: true });
    await page.locator('.ant-modal-close').click();
    // the server refuses changes now too
    const unit = await apiAs(url, 'unit', 'demo123');
    expect((await unit('DELETE', `/api/files/${files[0]?.id}`)).status).toBe(409);
    expect((await listed(page, id)).length).toBe(1);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
