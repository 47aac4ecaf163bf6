/**
 * Test harness: runs a suite over HTTP against real databases — SQLite (a temp file) always, and
 * MariaDB/MySQL when JIXIAO_TEST_MYSQL_URL is set (e.g. mysql://root@127.0.0.1:3306/jixiao_ci),
 * where each suite gets a fresh database `<db>_<suite>_<pid>`, dropped afterwards.
 *
 *   forEachDatabase('org', (h) => {
 *     test('…', async () => {
 *       const admin = await h().login('admin');
 *       const res = await admin.get('/api/departments');
 *       expect(res.status).toBe(200);
 *     });
 *   });
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { knex, type Knex } from 'knex';
import { createApp } from '../src/app';
import { makeConfig, type ServerConfig } from '../src/config';
import { createDb, parseDatabaseUrl, type Dialect } from '../src/db/knex';
import { prepareDatabase } from '../src/db';
import { silentLogger } from '../src/http/middleware';

// Database suites run two at a time against SQLite and MariaDB; scrypt hashing is deliberately slow.
jest.setTimeout(30_000);

export const ADMIN_PASSWORD = 'admin-test-pass';
export const DEMO_PASSWORD = 'demo123';

export interface Response {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: unknown;
  text: string;
}

/** A fetch client with a one-cookie jar (the session). */
export class Client {
  cookie: string | undefined;
  constructor(
    readonly baseUrl: string,
    readonly cookieName: string,
  ) {}

  async request(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `${this.cookieName}=${this.cookie}`;
    let payload: string | undefined;
    if (typeof body === 'string') {
      payload = body;
      h['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(new URL(urlPath, this.baseUrl), { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq > 0 && pair?.slice(0, eq) === this.cookieName) {
        const v = pair.slice(eq + 1);
        this.cookie = v === '' ? undefined : v;
      }
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text) as unknown;
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get(p: string, headers?: Record<string, string>): Promise<Response> {
    return this.request('GET', p, undefined, headers);
  }
  post(p: string, body?: unknown): Promise<Response> {
    return this.request('POST', p, body ?? {});
  }
  put(p: string, body?: unknown): Promise<Response> {
    return this.request('PUT', p, body ?? {});
  }
  patch(p: string, body?: unknown): Promise<Response> {
    return this.request('PATCH', p, body ?? {});
  }
  delete(p: string): Promise<Response> {
    return this.request('DELETE', p);
  }
}

export interface AppInstance {
  url: string;
  close(): Promise<void>;
}

export interface Harness {
  dialect: Dialect;
  db: Knex;
  config: ServerConfig;
  databaseUrl: string;
  url: string;
  client(): Client;
  /** A client signed in as `username` (password: admin's for admin, else demo123). */
  login(username: string, password?: string): Promise<Client>;
  /** Another app instance with its own connection to the same database. */
  startAnother(): Promise<AppInstance>;
}

export interface Target {
  name: Dialect;
}

export const TARGETS: Target[] = [{ name: 'sqlite' }, ...(process.env.JIXIAO_TEST_MYSQL_URL ? [{ name: 'mysql' as const }] : [])];

async function listen(db: Knex, config: ServerConfig): Promise<AppInstance> {
  const app = createApp({ db, config, log: silentLogger });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A fresh, empty database for `suite` on `dialect`: its URL and how to drop it. */
export async function freshDatabase(dialect: Dialect, suite: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jixiao-${suite}-`));
    return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.JIXIAO_TEST_MYSQL_URL as string;
  const parsed = parseDatabaseUrl(base);
  const name = `${parsed.database}_${suite}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 64);
  const admin = knex({ client: 'mysql2', connection: { host: parsed.host, port: parsed.port, user: parsed.user, password: parsed.password } });
  await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = knex({ client: 'mysql2', connection: { host: parsed.host, port: parsed.port, user: parsed.user, password: parsed.password } });
      await a.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.destroy();
    },
  };
}

export function testConfig(databaseUrl: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return makeConfig({
    databaseUrl,
    adminPassword: ADMIN_PASSWORD,
    adminPasswordIsDefault: false,
    runtimeDir: path.join(os.tmpdir(), 'jixiao-no-such-runtime-build'),
    designerDir: path.join(os.tmpdir(), 'jixiao-no-such-designer-build'),
    ...overrides,
  });
}

/**
 * Runs `body` once per database target, each in its own describe block with a migrated and
 * seeded database and a listening app.
 */
export function forEachDatabase(suite: string, body: (h: () => Harness, target: Target) => void, overrides: Partial<ServerConfig> = {}): void {
  describe.each(TARGETS)('$name', (target) => {
    let harness: Harness | undefined;
    const cleanups: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      const fresh = await freshDatabase(target.name, suite);
      cleanups.push(fresh.drop);
      const config = testConfig(fresh.url, overrides);
      const db = createDb(fresh.url);
      cleanups.unshift(() => db.destroy());
      await prepareDatabase(db, config, silentLogger);
      const main = await listen(db, config);
      cleanups.unshift(main.close);
      harness = {
        dialect: target.name,
        db,
        config,
        databaseUrl: fresh.url,
        url: main.url,
        client: () => new Client(main.url, config.sessionCookie),
        async login(username, password) {
          const c = new Client(main.url, config.sessionCookie);
          const res = await c.post('/api/auth/login', { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) });
          if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${res.text}`);
          return c;
        },
        async startAnother() {
          const db2 = createDb(fresh.url);
          const other = await listen(db2, config);
          const close = async () => {
            await other.close();
            await db2.destroy();
          };
          cleanups.unshift(close);
          return { url: other.url, close: async () => undefined };
        },
      };
    }, 60_000);
    afterAll(async () => {
      for (const c of cleanups) await c();
    }, 30_000);
    body(() => {
      if (!harness) throw new Error('harness not ready');
      return harness;
    }, target);
  });
}

/** The `error` envelope of a response (throws if absent). */
export function errorOf(res: Response): { code: string; message: string; details?: unknown } {
  const b = res.body as { error?: { code: string; message: string; details?: unknown } };
  if (!b || typeof b !== 'object' || !b.error) throw new Error(`no error envelope: ${res.status} ${res.text}`);
  return b.error;
}
