/**
 * The setup of a browser suite on one admin page: the app served in process (its own temp
 * database), the admin's API client, and one page signed in as the admin on `route`.
 * Registers beforeAll/afterAll in the calling describe; the returned function gives the parts.
 */
import type { Page } from 'playwright-core';
import { apiAs, TEST_ADMIN_PASSWORD, type Call } from './api-client';
import { openSignedIn } from './browser';
import { servedBrowser } from './served-browser';

export interface AdminPage {
  url: string;
  /** The admin's API client. */
  admin: Call;
  page: Page;
  pageErrors: string[];
}

export function adminPageSuite(prefix: string, route: string): () => AdminPage {
  const served = servedBrowser(prefix);
  let parts: AdminPage | undefined;
  beforeAll(async () => {
    const { url, ctx } = served();
    const pageErrors: string[] = [];
    const page = await openSignedIn(ctx, url, { username: 'admin', password: TEST_ADMIN_PASSWORD, route, pageErrors });
    parts = { url, admin: await apiAs(url, 'admin', TEST_ADMIN_PASSWORD), page, pageErrors };
  }, 180000);
  return () => {
    if (parts === undefined) throw new Error('adminPageSuite: used before beforeAll ran');
    return parts;
  };
}
