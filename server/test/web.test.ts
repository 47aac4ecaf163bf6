import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { forEachDatabase } from './harness';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-web-'));
const runtimeDir = path.join(root, 'runtime');
const designerDir = path.join(root, 'designer');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('built web apps', () => {
  forEachDatabase(
    'web',
    (h) => {
      test('not built: a plain zh-CN page at / and /designer/, the API still answers', async () => {
        fs.rmSync(runtimeDir, { recursive: true, force: true });
        fs.rmSync(designerDir, { recursive: true, force: true });
        const c = h().client();
        const home = await c.get('/');
        expect(home.status).toBe(200);
        expect(home.headers.get('content-type')).toMatch(/text\/html/);
        expect(home.text).toContain('网页应用尚未构建');
        expect((await c.get('/designer/')).text).toContain('网页应用尚未构建');
        expect((await c.get('/api/health')).status).toBe(200);
      });

      test('built: files, SPA fallback to each index.html, /designer redirect, /api untouched', async () => {
        fs.mkdirSync(path.join(runtimeDir, 'assets'), { recursive: true });
        fs.mkdirSync(designerDir, { recursive: true });
        fs.writeFileSync(path.join(runtimeDir, 'index.html'), '<html>runtime</html>');
        fs.writeFileSync(path.join(runtimeDir, 'assets', 'app-abc.js'), 'console.log(1)');
        fs.writeFileSync(path.join(designerDir, 'index.html'), '<html>designer</html>');
        const c = h().client();
        expect((await c.get('/')).text).toBe('<html>runtime</html>');
        const deep = await c.get('/projects/42/fill');
        expect(deep.status).toBe(200);
        expect(deep.text).toBe('<html>runtime</html>');
        const asset = await c.get('/assets/app-abc.js');
        expect(asset.text).toBe('console.log(1)');
        expect(asset.headers.get('cache-control')).toContain('immutable');
        expect((await c.get('/assets/missing.js')).status).toBe(404);
        expect((await c.get('/designer/')).text).toBe('<html>designer</html>');
        expect((await c.get('/designer/templates/x')).text).toBe('<html>designer</html>');
        const redirect = await c.get('/designer');
        expect(redirect.status).toBe(302);
        expect(redirect.headers.get('location')).toBe('/designer/');
        expect((await c.get('/api/nothing')).status).toBe(401);
        expect((await c.get('/../../etc/passwd')).status).not.toBe(500);
      });
    },
    { runtimeDir, designerDir },
  );
});

describe('jixiao serve', () => {
  const bin = path.join(__dirname, '..', 'bin', 'jixiao.js');
  const built = fs.existsSync(path.join(__dirname, '..', 'dist', 'cli', 'commands', 'serve.js'));
  (built ? test : test.skip)('prints the URL, answers /api/health, stops on SIGTERM (needs the build)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-serve-'));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'sub', 'j.db')}`, JIXIAO_ADMIN_PASSWORD: 'serve-test-1', PORT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 100 && !/http:\/\/localhost:\d+\//.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const url = /http:\/\/localhost:(\d+)\//.exec(out);
    expect(url).not.toBeNull();
    const health = await fetch(`http://127.0.0.1:${url?.[1]}/api/health`);
    expect(await health.json()).toEqual({ ok: true, db: 'sqlite' });
    expect(err).toContain('JIXIAO_ADMIN_PASSWORD');
    expect(err).not.toContain('serve-test-1');
    expect(fs.existsSync(path.join(dir, 'sub', 'j.db'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

