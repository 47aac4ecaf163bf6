/**
 * The API as the browser tests use it besides the page: a fetch client signed in as a demo user,
 * to set up what a test needs (publish, bind, create) and to read the figures the page must show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser';

/** One request with the user's session cookie; the body is sent as JSON. */
export type Call = (method: string, p: string, body?: unknown) => Promise<Response>;

export async function apiAs(url: string, username: string, password: string): Promise<Call> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return (method, p, body) =>
    fetch(`${url}${p}`, { method, headers: { 'content-type': 'application/json', cookie }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

/** The admin password the in-process test server is started with (served-app.ts). */
export const TEST_ADMIN_PASSWORD = 'admin-e2e-pass';

/** A template of the demo street pack, as its file holds it. */
export function streetTemplate(id: string): { id: string; version: string } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, `templates/demo-street/templates/${id}.json`), 'utf8')) as { id: string; version: string } & Record<string, unknown>;
}

/** As admin: publish the demo street declaration (409 when a pack import did) and bind it to the street office for 2021. */
export async function bindStreetDeclaration(url: string): Promise<void> {
  const admin = await apiAs(url, 'admin', TEST_ADMIN_PASSWORD);
  const template = streetTemplate('street-declaration');
  const pub = await admin('POST', '/api/templates', { template });
  if (pub.status !== 201 && pub.status !== 409) throw new Error(`publish: ${pub.status} ${await pub.text()}`);
  const bind = await admin('PUT', '/api/bindings', { department: 'JDB', kind: 'declaration', year: 2021, templateId: 'street-declaration', version: template.version });
  if (bind.status !== 200) throw new Error(`bind: ${bind.status} ${await bind.text()}`);
}
