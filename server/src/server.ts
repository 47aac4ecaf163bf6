/** Opening the database, preparing it, listening, and shutting down cleanly. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { createDb, prepareDatabase } from './db';
import type { Logger } from './http/types';

export interface RunningServer {
  url: string;
  port: number;
  server: http.Server;
  db: Knex;
  close(): Promise<void>;
}

/** Migrates and seeds the configured database, then listens on `config.port` (0: any free port). */
export async function startServer(config: ServerConfig, log: Logger, host?: string): Promise<RunningServer> {
  const db = createDb(config.databaseUrl);
  try {
    await prepareDatabase(db, config, log);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const app = createApp({ db, config, log });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}/`,
    port,
    server,
    db,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 3000).unref();
        });
        await db.destroy();
      })();
      return closing;
    },
  };
}
