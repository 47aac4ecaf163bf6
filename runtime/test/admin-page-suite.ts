/**
 * The setup of a browser suite on one admin page: the app served in process (its own temp
 * database), the admin's API client, and one page signed in as the admin on `route`.
 * Registers beforeAll/afterAll in the calling describe; the returned function gives the parts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, TEST_ADMIN_PASSWORD, type Call } from './api-client';
import { buildWebIfNeeded, launch, openSignedIn } from './browser';
import { startServedApp, type ServedApp } from './served-app';

export interface AdminPage {
  url: string;
  /** The admin's API client. */
  admin: Call;
  page: Page;
  pageErrors: string[];
}

export function adminPageSuite(prefix: string, route: string): () => AdminPage {
  let app: ServedApp | undefined;
  let ctx: BrowserContext | undefined;
  let parts: AdminPage | undefined;
  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp(prefix);
    ctx = await launch();
    const pageErrors: string[] = [];
    const page = await openSignedIn(ctx, app.url, { username: 'admin', password: TEST_ADMIN_PASSWORD, route, pageErrors });
    parts = { url: app.url, admin: await apiAs(app.url, 'admin', TEST_ADMIN_PASSWORD), page, pageErrors };
  }, 180000);
  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });
  return () => {
    if (parts === undefined) throw new Error('adminPageSuite: used before beforeAll ran');
    return parts;
  };
}
