/**
 * Pack import over HTTP (POST /api/packs/import) and from the CLI, on SQLite (and MariaDB when
 * JIXIAO_TEST_MYSQL_URL is set): same version again is a no-op, a new version adds template
 * versions and never rewrites old ones, invalid packs are refused with every problem.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { buildBundle, bundleHash, loadPack, type PackBundle } from '@jixiao/engine';
import { readPackFiles } from '../src/pack/fs';
import { listIndicators } from '../src/modules/packs/repo';
import { importPackFromCli } from '../src/modules/packs/cli-import';
import { seedDemoPacks } from '../src/modules/packs/seed';
import { silentLogger } from '../src/http/middleware';
import { makeConfig } from '../src/config';
import { errorOf, forEachDatabase, TARGETS } from './harness';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'docs', 'example-pack');

function bundleOf(dir: string): PackBundle {
  const { pack, diagnostics } = loadPack(readPackFiles(dir).files);
  if (!pack) throw new Error(JSON.stringify(diagnostics));
  return buildBundle(pack);
}

/** A copy of a bundle with changes, re-hashed (as `pack build` would produce it). */
function variant(b: PackBundle, change: (copy: PackBundle) => void): PackBundle {
  const copy = JSON.parse(JSON.stringify(b)) as PackBundle;
  change(copy);
  copy.hash = bundleHash(copy);
  return copy;
}

type Tpl = { version: string; title: string; schema: { properties: Record<string, Record<string, unknown>> } };
const template0 = (b: PackBundle): Tpl => (b.templates[0] as { template: unknown }).template as Tpl;

forEachDatabase('packs', (h) => {
  const v1 = bundleOf(EXAMPLE);

  test('import, re-import (no-op), conflicting re-import, new version; old versions untouched', async () => {
    const admin = await h().login('admin');
    const first = await admin.post('/api/packs/import', v1);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'imported', name: 'example', version: '1.0.0', hash: v1.hash, published: ['mini-self-eval@1.0.0'], existing: [], indicators: 4 });

    const stored = await admin.get('/api/templates/mini-self-eval/versions/1.0.0');
    expect(stored.status).toBe(200);
    // the pack's grade bands were merged into the published template
    expect((stored.body as { template: { scoring: { grades: unknown[] } } }).template.scoring.grades).toEqual(v1.manifest.grades);
    // the report source the template names is stored with the version
    expect(await h().db('template_reports').where({ template_id: 'mini-self-eval', version: '1.0.0' }).select('name', 'file')).toEqual([{ name: 'self-eval', file: 'reports/self-eval.hbs' }]);
    const lib = await listIndicators(h().db, 'example');
    expect(lib.map((r) => r.code)).toEqual(['EX001', 'EX002', 'EX003', 'EX004']);
    expect(lib[0]).toEqual(v1.indicators[0]);

    const again = await admin.post('/api/packs/import', v1);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'unchanged', published: [] });

    const sameVersionOtherContent = variant(v1, (b) => {
      b.manifest.title = '改过的标题';
    });
    const conflict = await admin.post('/api/packs/import', sameVersionOtherContent);
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict).code).toBe('PACK_VERSION_EXISTS');

    // a new pack version whose template changed but kept its version: refused, nothing written
    const sneaky = variant(v1, (b) => {
      b.manifest.version = '1.1.0';
      b.version = '1.1.0';
      template0(b).title = '偷偷改了标题';
    });
    const refused = await admin.post('/api/packs/import', sneaky);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe('TEMPLATE_VERSION_EXISTS');
    const listed = (await admin.get('/api/packs')).body as { items: { name: string; version: string }[] };
    expect(listed.items.filter((p) => p.name === 'example').map((p) => p.version)).toEqual(['1.0.0']);

    // a proper new version: the template is bumped, an indicator changes
    const v2 = variant(v1, (b) => {
      b.manifest.version = '1.1.0';
      b.version = '1.1.0';
      const t = template0(b);
      t.version = '1.1.0';
      t.schema.properties.remark = { type: 'string', title: '备注' };
      b.indicators = b.indicators.filter((r) => r.code !== 'EX004');
    });
    const second = await admin.post('/api/packs/import', v2);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'imported', version: '1.1.0', published: ['mini-self-eval@1.1.0'], indicators: 3 });
    const versions = (await admin.get('/api/templates/mini-self-eval/versions')).body as { items: { version: string; source: string }[] };
    expect(versions.items.map((v) => [v.version, v.source])).toEqual([
      ['1.0.0', 'pack:example@1.0.0'],
      ['1.1.0', 'pack:example@1.1.0'],
    ]);
    const old = (await admin.get('/api/templates/mini-self-eval/versions/1.0.0')).body as { template: Tpl };
    expect(old.template.schema.properties.remark).toBeUndefined();
    expect((await listIndicators(h().db, 'example')).map((r) => r.code)).toEqual(['EX001', 'EX002', 'EX003']);

    // importing the older version again afterwards is still a no-op
    expect((await admin.post('/api/packs/import', v1)).status).toBe(200);
    const audit = await h().db('audit_log').where({ entity_type: 'pack' }).where('entity_id', 'like', 'example@%').select('entity_id', 'action');
    expect(audit).toEqual([
      { entity_id: 'example@1.0.0', action: 'import' },
      { entity_id: 'example@1.1.0', action: 'import' },
    ]);
  });

  test('invalid pack → 422 naming each problem; not a bundle / bad hash → 400; permission needed', async () => {
    const admin = await h().login('admin');
    const broken = bundleOf(path.join(ROOT, 'engine', 'test', 'fixtures', 'bad-packs', 'cycle'));
    const bad = await admin.post('/api/packs/import', { ...broken, name: 'example-cycle', manifest: { ...broken.manifest, name: 'example-cycle' }, hash: '' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('BUNDLE_HASH');
    const invalid = await admin.post('/api/packs/import', broken);
    expect(invalid.status).toBe(422);
    const e = errorOf(invalid);
    expect(e.code).toBe('PACK_INVALID');
    expect(e.details).toEqual([expect.objectContaining({ code: 'FORMULA_CYCLE', path: expect.stringMatching(/^templates\/self-eval\.json#\/schema\/properties\/(execRate|total)\/x-formula/) })]);
    expect(errorOf(await admin.post('/api/packs/import', { hello: 1 })).code).toBe('NOT_A_BUNDLE');

    const unit = await h().login('unit');
    const denied = await unit.post('/api/packs/import', v1);
    expect(denied.status).toBe(403);
  });
});

forEachDatabase('packs-seed', (h) => {
  test('seedDemoPacks imports every valid pack folder, skips broken ones with a warning, and is idempotent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-seed-'));
    try {
      fs.cpSync(EXAMPLE, path.join(dir, 'example'), { recursive: true });
      fs.cpSync(path.join(ROOT, 'engine', 'test', 'fixtures', 'bad-packs', 'cycle'), path.join(dir, 'broken'), { recursive: true });
      const warnings: string[] = [];
      const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
      const ctx = { db: h().db, config: makeConfig(), log };
      // The first start already imported the shipped packs; this folder adds only `example`.
      const before = (await h().db('packs').select('name')).map((p: { name: string }) => p.name);
      expect(before).not.toContain('example');
      await seedDemoPacks(ctx, dir);
      await seedDemoPacks(ctx, dir);
      const added = (await h().db('packs').select('name', 'version')).filter((p: { name: string }) => !before.includes(p.name));
      expect(added).toEqual([{ name: 'example', version: '1.0.0' }]);
      expect(await h().db('template_versions').where({ template_id: 'mini-self-eval' }).select('version')).toEqual([{ version: '1.0.0' }]);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/broken.*\n.*FORMULA_CYCLE/s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('jixiao pack import (CLI) into DATABASE_URL', () => {
  if (!TARGETS.some((t) => t.name === 'sqlite')) return;
  test('imports once, then reports unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-'));
    try {
      const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, JIXIAO_ADMIN_PASSWORD: 'cli-test-pass' };
      const { pack } = loadPack(readPackFiles(EXAMPLE).files);
      const out = new Sink();
      const err = new Sink();
      expect(await importPackFromCli(pack!, { stdout: out, stderr: err }, env)).toBe(0);
      expect(out.text).toMatch(/example 1\.0\.0: 已导入 \(imported\): 发布 1 个模板版本 \(mini-self-eval@1\.0\.0\), 4 个指标/);
      const out2 = new Sink();
      expect(await importPackFromCli(pack!, { stdout: out2, stderr: err }, env)).toBe(0);
      expect(out2.text).toMatch(/unchanged/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
