/**
 * The setup most browser suites share: the web apps built if needed, the app served in process
 * (its own temp database, served-app.ts) and one chromium context. Registers beforeAll/afterAll
 * in the calling describe; the returned function gives the parts once beforeAll has run.
 * `prepare` runs after the server is up (test data through the API, before the browser starts).
 */
import type { BrowserContext } from 'playwright-core';
import { buildWebIfNeeded, launch } from './browser';
import { startServedApp, type ServedApp } from './served-app';

export interface ServedBrowser {
  url: string;
  ctx: BrowserContext;
}

export function servedBrowser(prefix: string, o: { apps?: string[]; prepare?: (url: string) => Promise<void> } = {}): () => ServedBrowser {
  let app: ServedApp | undefined;
  let parts: ServedBrowser | undefined;
  beforeAll(async () => {
    buildWebIfNeeded(...(o.apps ?? ['runtime']));
    app = await startServedApp(prefix);
    await o.prepare?.(app.url);
    parts = { url: app.url, ctx: await launch() };
  }, 180000);
  afterAll(async () => {
    await parts?.ctx.close();
    await app?.close();
  });
  return () => {
    if (parts === undefined) throw new Error('servedBrowser: used before beforeAll ran');
    return parts;
  };
}
