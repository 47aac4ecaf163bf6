/**
 * Helpers shared by the projects / submissions / files / scope suites: multipart uploads through
 * a signed-in Client, xlsx building, and a published + bound self-evaluation template.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Client, Harness, Response } from './harness';

export const FIXTURE_TEMPLATE = path.resolve(__dirname, '..', '..', 'engine', 'test', 'fixtures', 'example1-self-eval.json');
export const FIXTURE_DATA = path.resolve(__dirname, '..', '..', 'engine', 'test', 'fixtures', 'example1-data.json');

export const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** POST/PUT a multipart form (one file, plus text fields) as `client`. */
export async function upload(client: Client, urlPath: string, file: { name: string; content: Buffer | Uint8Array; type?: string }, fields: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.content], { type: file.type ?? 'application/octet-stream' }), file.name);
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = `${client.cookieName}=${client.cookie}`;
  const res = await fetch(new URL(urlPath, client.baseUrl), { method, headers, body: form });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') body = JSON.parse(text) as unknown;
  return { status: res.status, headers: res.headers, body, text };
}

/** GET returning the raw bytes. */
export async function download(client: Client, urlPath: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = `${client.cookieName}=${client.cookie}`;
  const res = await fetch(new URL(urlPath, client.baseUrl), { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** An xlsx with a header row and data rows. */
export async function xlsx(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4520000000049454e44ae426082', 'hex');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export const body = <T = Record<string, unknown>>(res: Response): T => res.body as T;

/** The id the example template is published under (distinct from anything a seeded pack carries). */
export const TEST_TEMPLATE_ID = 'h4b-test-self-eval';
/** A fiscal year no seeded demo data uses. */
export const TEST_YEAR = 2031;

/**
 * Publishes the example self-evaluation template (as TEST_TEMPLATE_ID@1.0.0) and binds it for
 * `year` to JDB and, directly, to each of `departments` (so seeded bindings cannot interfere).
 */
export async function publishAndBind(admin: Client, year: number, departments: string[] = ['DQZX', 'HWZX']): Promise<void> {
  const template = { ...(readJson(FIXTURE_TEMPLATE) as { id: string; version: string }), id: TEST_TEMPLATE_ID };
  const pub = await admin.post('/api/templates', { template });
  if (pub.status !== 201 && pub.status !== 409) throw new Error(`publish → ${pub.status} ${pub.text}`);
  for (const department of ['JDB', ...departments]) {
    const bind = await admin.put('/api/bindings', { department, kind: 'self-evaluation', year, templateId: template.id, version: template.version });
    if (bind.status !== 200) throw new Error(`bind → ${bind.status} ${bind.text}`);
  }
}

let seq = 0;
/** Creates a project as `admin` and returns its id. */
export async function makeProject(admin: Client, department: string, year: number, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: number; rowVersion: number }> {
  seq++;
  const res = await admin.post('/api/projects', {
    code: `${department}-${year}-${String(seq).padStart(3, '0')}`,
    name: `${department} 测试项目 ${seq}`,
    department,
    fiscalYear: year,
    budgetType: '一般公共预算',
    requested: '1000000.00',
    adjustment: -200000,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`project → ${res.status} ${res.text}`);
  return res.body as Record<string, unknown> & { id: number; rowVersion: number };
}

export async function auditCount(h: Harness): Promise<number> {
  const r = (await h.db('audit_log').count({ n: '*' }).first()) as { n: unknown } | undefined;
  return Number(r?.n ?? 0);
}

export async function rowCount(h: Harness, table: string): Promise<number> {
  const r = (await h.db(table).count({ n: '*' }).first()) as { n: unknown } | undefined;
  return Number(r?.n ?? 0);
}
