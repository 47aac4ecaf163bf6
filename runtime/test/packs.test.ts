/**
 * 模板包 served by the server, as the admin: the table is the API's list; a bundle built here (as
 * `jixiao pack build` does) uploaded from disk is imported and listed; the same file again is
 * 未变化; an invalid pack and a file that is not JSON are refused with every problem listed, and
 * nothing is imported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBundle, type PackBundle } from '@jixiao/engine';
import { loadPackFrom } from '@jixiao/server';
import { shortHash, type PackRecord } from '../src/api/packs';
import { formatTime } from '../src/api/time';
import { adminPageSuite } from './admin-page-suite';
import type { Call } from './api-client';
import { artifactPath, browserSuite, ROOT } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

/** What `jixiao pack build DIR` writes. */
function bundleOf(dir: string): PackBundle {
  const { pack, diagnostics } = loadPackFrom(dir);
  if (!pack) throw new Error(JSON.stringify(diagnostics));
  return buildBundle(pack);
}

d('模板包 served by the server', () => {
  const suite = adminPageSuite('jixiao-e2e-packs-', '/packs');
  const admin: Call = (method, p, body) => suite().admin(method, p, body);
  const page = () => suite().page;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-pack-files-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const writeFile = (name: string, text: string): string => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  const example = bundleOf(path.join(ROOT, 'docs', 'example-pack'));
  const exampleFile = writeFile('example.json', `${JSON.stringify(example, null, 2)}\n`);

  const packs = async (): Promise<PackRecord[]> => ((await (await admin('GET', '/api/packs')).json()) as { items: PackRecord[] }).items;
  /** A pack as its table row shows it. */
  const shown = (p: PackRecord): string[] => [p.name, p.version, p.title, p.region, p.importedBy ?? '—', formatTime(p.importedAt), shortHash(p.hash)];
  const rows = async (): Promise<string[][]> =>
    page()
      .locator('[data-testid="packs-table"] tr[data-pack]')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim())));
  async function waitForRows(want: PackRecord[]): Promise<void> {
    const expected = want.map(shown);
    for (let i = 0; i < 100 && JSON.stringify(await rows()) !== JSON.stringify(expected); i++) await page().waitForTimeout(100);
    expect(await rows()).toEqual(expected);
  }
  const upload = (file: string) => page().locator('[data-testid="pack-upload"] input[type="file"]').setInputFiles(file);

  test('the table lists the API’s packs', async () => {
    await page().locator('[data-testid="packs-table"] tr[data-pack]').first().waitFor({ timeout: 45000 });
    const all = await packs();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((p) => p.name)).not.toContain(example.name);
    await waitForRows(all);
    expect(await page().locator('.ant-menu-item-selected').innerText()).toBe('模板包');
  });

  test('a bundle chosen from disk is imported: its template versions and indicators, and a new row', async () => {
    await upload(exampleFile);
    const result = page().getByTestId('pack-import-result').filter({ hasText: '已导入' });
    await result.waitFor();
    expect(await result.locator('.ant-alert-message').innerText()).toBe(`已导入 ${example.name} ${example.version}`);
    const publishedTemplates = example.templates.map((t) => `${t.template.id}@${t.template.version}`);
    expect(await page().getByTestId('pack-published').locator('.ant-tag').allInnerTexts()).toEqual(publishedTemplates);
    expect(await page().getByTestId('pack-indicators').innerText()).toContain(`写入 ${example.indicators.length} 条指标`);

    const all = await packs();
    expect(all.find((p) => p.name === example.name)).toMatchObject({ version: example.version, hash: example.hash, title: example.manifest.title, importedBy: 'admin' });
    await waitForRows(all);
    await page().screenshot({ path: artifactPath('packs.png'), fullPage: true });
  });

  test('the same bundle again: 未变化, nothing added', async () => {
    const before = await packs();
    await upload(exampleFile);
    const result = page().getByTestId('pack-import-result').filter({ hasText: '未变化' });
    await result.waitFor();
    expect(await result.locator('.ant-alert-message').innerText()).toContain(`${example.name} ${example.version}`);
    expect(await packs()).toEqual(before);
    await waitForRows(before);
  });

  test('an invalid pack is refused listing every problem (path：message); nothing is imported', async () => {
    const before = await packs();
    const broken = bundleOf(path.join(ROOT, 'engine', 'test', 'fixtures', 'bad-packs', 'cycle'));
    const answer = await admin('POST', '/api/packs/import', broken); // what the server says about it: nothing is written on a 422
    expect(answer.status).toBe(422);
    const problems = ((await answer.json()) as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(problems.length).toBeGreaterThan(0);

    await upload(writeFile('broken.json', JSON.stringify(broken)));
    const error = page().getByTestId('pack-import-error').filter({ hasText: '模板包未通过校验' });
    await error.waitFor();
    expect(await error.locator('.ant-alert-message').innerText()).toContain('broken.json 未导入');
    expect(await error.getByTestId('pack-problem').allInnerTexts()).toEqual(problems.map((p) => `${p.path}：${p.message}`));
    expect(await page().getByTestId('pack-import-result').count()).toBe(0);
    await page().screenshot({ path: artifactPath('packs-invalid.png'), fullPage: true });
    expect(await packs()).toEqual(before);
    await waitForRows(before);
  });

  test('a file that is not JSON, and JSON that is not a bundle, are refused in plain words', async () => {
    const before = await packs();
    await upload(writeFile('notes.json', '这不是模板包 {'));
    await page().getByTestId('pack-import-error').filter({ hasText: 'notes.json 未导入：不是有效的 JSON 文件' }).waitFor();

    await upload(writeFile('other.json', JSON.stringify({ hello: 1 })));
    const error = page().getByTestId('pack-import-error').filter({ hasText: 'other.json 未导入' });
    await error.waitFor();
    expect(await error.innerText()).toContain('模板包文件');
    expect(await packs()).toEqual(before);
    await waitForRows(before);
  });

  test('no page errors', () => {
    expect(suite().pageErrors).toEqual([]);
  });
});
