import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, errorOf, forEachDatabase } from './harness';
import { body, download, FIXTURE_DATA, makeProject, PDF, PNG, publishAndBind, readJson, TEST_YEAR, upload } from './workflow-helpers';

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-files-'));
afterAll(() => fs.rmSync(filesDir, { recursive: true, force: true }));
const MAX = 64 * 1024;

interface Att {
  id: number;
  name: string;
  field: string | null;
  size: number;
  mime: string;
  sha256: string;
}

forEachDatabase(
  'files',
  (h) => {
    let admin: Client;
    let unit: Client;
    let submissionId: number;
    beforeAll(async () => {
      admin = await h().login('admin');
      unit = await h().login('unit');
      await publishAndBind(admin, TEST_YEAR);
      const p = await makeProject(admin, 'DQZX', TEST_YEAR);
      const data = readJson(FIXTURE_DATA);
      ((data.indicators as Record<string, unknown>[])[2] as Record<string, unknown>).actual = 33;
      const s = await unit.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data });
      expect(s.status).toBe(201);
      submissionId = (s.body as { id: number }).id;
    });

    test('upload, list, download with a Chinese file name, delete; stored under a random name outside the web root', async () => {
      const res = await upload(unit, `/api/submissions/${submissionId}/files`, { name: '现场照片 1.png', content: PNG, type: 'image/png' }, { field: 'indicators[2]' });
      expect(res.status).toBe(201);
      const a = body<Att>(res);
      expect(a).toMatchObject({ name: '现场照片 1.png', field: 'indicators[2]', size: PNG.length, mime: 'image/png' });

      const storedName = String(((await h().db('attachments').where({ id: a.id }).first()) as { stored_name: unknown }).stored_name);
      expect(storedName).toMatch(/^[a-f0-9]{32}$/);
      const storedFile = path.join(filesDir, storedName.slice(0, 2), storedName);
      expect(fs.readFileSync(storedFile).equals(PNG)).toBe(true);

      const list = body<{ items: Att[] }>(await unit.get(`/api/submissions/${submissionId}/files`));
      expect(list.items.map((i) => i.id)).toEqual([a.id]);
      expect((await unit.get(`/api/files/${a.id}`)).body).toMatchObject({ id: a.id, name: '现场照片 1.png' });

      const dl = await download(unit, `/api/files/${a.id}/download`);
      expect(dl.status).toBe(200);
      expect(dl.bytes.equals(PNG)).toBe(true);
      expect(dl.headers.get('content-type')).toBe('image/png');
      const cd = dl.headers.get('content-disposition') ?? '';
      expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片 1.png')}`);
      expect(cd).toContain('attachment; filename="');

      const pdf = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'report.PDF', content: PDF });
      expect(pdf.status).toBe(201);
      expect(body<Att>(pdf).field).toBeNull();

      expect((await unit.delete(`/api/files/${a.id}`)).status).toBe(204);
      expect((await unit.get(`/api/files/${a.id}`)).status).toBe(404);
      expect(fs.existsSync(storedFile)).toBe(false);
      const audits = await h().db('audit_log').where({ entity_type: 'attachment' }).select('action');
      expect(audits.map((r: { action: string }) => r.action).sort()).toEqual(['delete', 'upload', 'upload']);
    });

    test('type allowlist: by extension and by magic bytes', async () => {
      const exe = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'tool.exe', content: Buffer.from('MZ\x90\x00') });
      expect(exe.status).toBe(415);
      expect(errorOf(exe).code).toBe('FILE_TYPE_NOT_ALLOWED');
      const html = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'page.html', content: Buffer.from('<script>alert(1)</script>') });
      expect(html.status).toBe(415);
      const fakePng = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'photo.png', content: Buffer.from('<svg onload=alert(1)>') });
      expect(fakePng.status).toBe(415);
      const pdfAsDocx = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'a.docx', content: PDF });
      expect(pdfAsDocx.status).toBe(415);
      const noExt = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'README', content: PDF });
      expect(noExt.status).toBe(415);
      const badField = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'ok.pdf', content: PDF }, { field: '../../etc' });
      expect(badField.status).toBe(422);
    });

    test('size limit: larger than the configured maximum is 413, nothing stored', async () => {
      const before = (await h().db('attachments').count({ n: '*' }).first()) as { n: unknown };
      const big = Buffer.concat([PNG, Buffer.alloc(MAX + 1024, 1)]);
      const res = await upload(unit, `/api/submissions/${submissionId}/files`, { name: 'big.png', content: big });
      expect(res.status).toBe(413);
      expect(errorOf(res).code).toBe('FILE_TOO_LARGE');
      const after = (await h().db('attachments').count({ n: '*' }).first()) as { n: unknown };
      expect(Number(after.n)).toBe(Number(before.n));
      const tmp = path.join(filesDir, '.tmp');
      expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
    });

    test('not multipart, no file, and uploads to a submitted submission are refused', async () => {
      expect((await unit.post(`/api/submissions/${submissionId}/files`, { file: 'x' })).status).toBe(400);
      const noFile = await fetch(new URL(`/api/submissions/${submissionId}/files`, unit.baseUrl), {
        method: 'POST',
        headers: { cookie: `${unit.cookieName}=${unit.cookie ?? ''}` },
        body: (() => {
          const f = new FormData();
          f.append('field', 'x');
          return f;
        })(),
      });
      expect(noFile.status).toBe(400);

      const p = await makeProject(admin, 'DQZX', TEST_YEAR);
      const data = readJson(FIXTURE_DATA);
      const rows = data.indicators as Record<string, unknown>[];
      (rows[2] as Record<string, unknown>).actual = 33;
      for (const r of rows) r.reason ??= '原因';
      const s = body<{ id: number }>(await unit.post('/api/submissions', { projectId: p.id, kind: 'self-evaluation', data }));
      const submitted = await unit.post(`/api/submissions/${s.id}/submit`, { rowVersion: 1 });
      expect(submitted.text).toContain('"status":"submitted"');
      const late = await upload(unit, `/api/submissions/${s.id}/files`, { name: 'x.pdf', content: PDF });
      expect(late.status).toBe(409);
    });
  },
  { filesDir, uploadMaxBytes: MAX },
);
