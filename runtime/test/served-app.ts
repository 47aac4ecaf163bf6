/**
 * The real server in-process for browser tests: a fresh SQLite database and the uploaded files in a
 * temp folder (never the repository's data/), first-start seeding (packs, demo users and projects,
 * demo bindings), `createApp` listening on a free port. `overrides` adjust the config (upload limit …).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, createDb, makeConfig, prepareDatabase, silentLogger, type ServerConfig } from '@jixiao/server';
import { TEST_ADMIN_PASSWORD } from './api-client';

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

export async function startServedApp(tmpPrefix: string, overrides: Partial<ServerConfig> = {}): Promise<ServedApp> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const databaseUrl = `sqlite:${path.join(tmp, 'e2e.db')}`;
  const config = makeConfig({ databaseUrl, adminPassword: TEST_ADMIN_PASSWORD, adminPasswordIsDefault: false, filesDir: path.join(tmp, 'files'), ...overrides });
  const db = createDb(databaseUrl);
  await prepareDatabase(db, config, silentLogger);
  const server = http.createServer(createApp({ db, config, log: silentLogger }).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      // the browser's keep-alive connections would hold close() open: end them first
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.destroy();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
