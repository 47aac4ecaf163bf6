/**
 * Browser-test helpers: the skip rule, chromium via playwright-core (flags from STACK.md), vite
 * builds of the harness and the apps, a tiny static file server, screenshots in test-artifacts/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's chromium (STACK.md); JIXIAO_CHROMIUM overrides it (e.g. to check the skip rule). */
export const CHROMIUM = process.env['JIXIAO_CHROMIUM'] ?? '/usr/bin/chromium';
export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/**
 * Whether to run the browser tests. Missing chromium: skip with one line, unless
 * JIXIAO_E2E=required, then the suite fails.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env['JIXIAO_E2E'] === 'required') return false;
  if (firstToAnnounce()) process.stderr.write(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)\n`);
  return false;
}

/**
 * One skip line per jest run, although each browser test file (and jest worker) asks: the first
 * to create a marker file named after the jest parent process prints it.
 */
function firstToAnnounce(): boolean {
  const marker = path.join(os.tmpdir(), `jixiao-browser-skip-${process.ppid}`);
  try {
    fs.writeFileSync(marker, String(Date.now()), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

/** True when the suite must fail because the browser is required but missing. */
export function browserRequiredButMissing(): boolean {
  return !fs.existsSync(CHROMIUM) && process.env['JIXIAO_E2E'] === 'required';
}

/**
 * The `describe` of a browser suite: `describe.skip` without chromium, and then, when
 * JIXIAO_E2E=required (CI), a failing test saying what is missing instead of a silent skip.
 */
export function browserSuite(): jest.Describe {
  if (browserRequiredButMissing()) {
    test('browser tests are required (JIXIAO_E2E=required)', () => {
      throw new Error(`JIXIAO_E2E=required but ${CHROMIUM} is missing (apt-get install -y chromium)`);
    });
  }
  return browserAvailable() ? describe : describe.skip;
}

/**
 * Waits until the antd dialog `selector` (its `className`) has finished opening: clicks during
 * the zoom-in can land before the content is where it will be (a checkbox then stays unticked).
 */
export async function modalOpened(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const modal = document.querySelector(`${sel} .ant-modal`) ?? document.querySelector(`.ant-modal${sel}`);
    return modal !== null && !/zoom/.test(modal.className);
  }, selector);
}

/**
 * The open antd Popconfirm once its zoom-in has finished: a click during the animation can land
 * where the button is not yet, and then nothing is confirmed.
 */
export async function openPopover(page: Page): Promise<Locator> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.ant-popover:not(.ant-popover-hidden)')).some((p) => !/zoom/.test(p.className)),
  );
  return page.locator('.ant-popover:not(.ant-popover-hidden)');
}

export async function launch(): Promise<BrowserContext> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-chr-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface SignInOptions {
  username: string;
  password?: string;
  /** The hash route to land on after signing in (`/projects`). */
  route: string;
  /** The fiscal year the app opens on. */
  year?: number;
  /** Forget everything the app kept in localStorage first. */
  freshStorage?: boolean;
  /** Wait until the shell shows the signed-in user. */
  waitForShell?: boolean;
  /** Collects the page's uncaught errors. */
  pageErrors?: string[];
}

/** A new page signed in through the login form (cookies of earlier users cleared), on `route`. */
export async function openSignedIn(ctx: BrowserContext, url: string, o: SignInOptions): Promise<Page> {
  await ctx.clearCookies();
  const page = await ctx.newPage();
  const errors = o.pageErrors;
  if (errors !== undefined) page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}/`);
  await page.evaluate(
    ({ year, fresh }) => {
      if (fresh) localStorage.clear();
      localStorage.setItem('jixiao.year', String(year));
    },
    { year: o.year ?? 2021, fresh: o.freshStorage === true },
  );
  await page.goto(`${url}/#${o.route}`);
  await page.reload();
  await page.locator('#login-username').fill(o.username);
  await page.locator('#login-password').fill(o.password ?? 'demo123');
  await page.getByTestId('login-submit').click();
  if (o.waitForShell !== false) await page.getByTestId('current-user').waitFor({ timeout: 45000 });
  return page;
}

/** `vite build` with a config file (relative to the repo root); throws with vite's output on failure. */
export function viteBuild(configFile: string): void {
  const vite = path.join(ROOT, 'node_modules/.bin/vite');
  const r = spawnSync(vite, ['build', '--config', configFile], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (r.status !== 0) throw new Error(`vite build ${configFile} failed:\n${r.stdout}\n${r.stderr}`);
}

/** `node server/bin/build-web.js --if-needed <apps>` (the real build script; skips fresh builds). */
export function buildWebIfNeeded(...apps: string[]): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'server/bin/build-web.js'), '--if-needed', ...apps], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-web failed:\n${r.stdout}\n${r.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve a folder on 127.0.0.1 (random port); `extra` maps URL paths to files elsewhere. */
export async function serveStatic(dir: string, extra: Record<string, string> = {}): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mapped = extra[urlPath];
    const file = mapped ?? path.join(dir, urlPath === '/' ? 'index.html' : urlPath);
    if (mapped === undefined && !file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err !== null) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
