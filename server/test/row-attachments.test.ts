/**
 * Attachments follow their rows: a save that moves or removes indicator rows says where each row
 * was (`rows`), and the attachments of the moved rows point at their new index in the same
 * transaction — on every database. A removed row that still has files refuses the save, and a
 * malformed `rows` is a 422 naming it; neither changes anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Client, forEachDatabase } from './harness';
import { body, FIXTURE_DATA, makeProject, PDF, publishAndBind, readJson, TEST_YEAR, upload } from './workflow-helpers';

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-row-files-'));
afterAll(() => fs.rmSync(filesDir, { recursive: true, force: true }));

interface Sub {
  id: number;
  rowVersion: number;
  data: { indicators: Record<string, unknown>[] } & Record<string, unknown>;
}

forEachDatabase(
  'row attachments',
  (h) => {
    let unit: Client;
    let sub: Sub;
    const fields = async (): Promise<Record<string, string | null>> => {
      const items = body<{ items: { name: string; field: string | null }[] }>(await unit.get(`/api/submissions/${sub.id}/files`)).items;
      return Object.fromEntries(items.map((a) => [a.name, a.field]));
    };
    const save = async (data: Sub['data'], rows?: unknown) => unit.put(`/api/submissions/${sub.id}?view=full`, { rowVersion: sub.rowVersion, data, ...(rows !== undefined ? { rows } : {}) });

    beforeAll(async () => {
      const admin = await h().login('admin');
      unit = await h().login('unit');
      await publishAndBind(admin, TEST_YEAR);
      const p = await makeProject(admin, 'DQZX', TEST_YEAR);
      const data = readJson(FIXTURE_DATA);
      ((data.indicators as Record<string, unknown>[])[2] as Record<string, unknown>).actual = 33; // the fixture's text "33" is a type error
      const created = await unit.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data });
      expect(created.status).toBe(201);
      sub = body<Sub>(created);
      for (const [name, field] of [['第2行.pdf', 'indicators[1]'], ['第4行.pdf', 'indicators[3]'], ['整表.pdf', '']] as const) {
        const res = await upload(unit, `/api/submissions/${sub.id}/files`, { name, content: PDF, type: 'application/pdf' }, field === '' ? {} : { field });
        expect(res.status).toBe(201);
      }
    });

    test('moving row 4 to the top and removing row 1: the files stay with their rows', async () => {
      const [, r1, r2, r3, ...rest] = sub.data.indicators;
      const data = { ...sub.data, indicators: [r3, r1, r2, ...rest] as Record<string, unknown>[] }; // row 1 (no files) removed, row 4 first
      const res = await save(data, { indicators: [3, 1, 2, ...rest.map((_, i) => 4 + i)] });
      expect(res.status).toBe(200);
      sub = body<Sub>(res);
      expect(await fields()).toEqual({ '第2行.pdf': 'indicators[1]', '第4行.pdf': 'indicators[0]', '整表.pdf': null });
      const audit = body<{ items: { after: { attachmentsMoved?: unknown[] } }[] }>(await (await h().login('admin')).get(`/api/audit?entity=submission:${sub.id}&pageSize=1`));
      expect(audit.items[0]?.after.attachmentsMoved).toEqual([expect.objectContaining({ from: 'indicators[3]', to: 'indicators[0]' })]);
    });

    test('removing a row that has files refuses the save and changes nothing', async () => {
      const data = { ...sub.data, indicators: sub.data.indicators.slice(1) };
      const res = await save(data, { indicators: data.indicators.map((_, i) => i + 1) });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'ROW_HAS_ATTACHMENTS' } });
      const now = body<Sub>(await unit.get(`/api/submissions/${sub.id}`));
      expect(now.rowVersion).toBe(sub.rowVersion);
      expect(now.data.indicators.length).toBe(sub.data.indicators.length);
      expect(await fields()).toEqual({ '第2行.pdf': 'indicators[1]', '第4行.pdf': 'indicators[0]', '整表.pdf': null });
    });

    test('a malformed rows is a 422 naming it', async () => {
      const n = sub.data.indicators.length;
      for (const rows of [{ indicators: [0, 0, ...Array.from({ length: n - 2 }, (_, i) => i + 2)] }, { indicators: [0] }, { nope: [] }, { indicators: ['a'] }]) {
        const res = await save(sub.data, rows);
        expect(res.status).toBe(422);
        expect(JSON.stringify(res.body)).toContain(`rows.${Object.keys(rows)[0]}`);
      }
      expect(body<Sub>(await unit.get(`/api/submissions/${sub.id}`)).rowVersion).toBe(sub.rowVersion);
    });
  },
  { filesDir },
);
